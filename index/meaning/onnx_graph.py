"""Embedding tables looked up before they are dequantized, so they stay int8 in memory.

The packaged model stores every weight as int8 with a scale and dequantizes it in the
graph (Cast, then Mul by the scale). onnxruntime folds those constants when it optimises
the graph, so the 30,522 x 384 word-embedding table alone becomes 47 MB of float32 in every
process. A lookup commutes with a per-row scale: gathering the int8 rows first and
dequantizing only the rows asked for gives the same numbers bit for bit (tested), and
keeps the table at 12 MB. Measured (bench/, the 105k-paragraph library): the session takes
~40 MB less.

The rewrite edits the protobuf wire format directly: the `onnx` package would do it in
a few lines but costs a second of import at every cold start, and only three message
types are read here (ModelProto.graph, GraphProto.node/initializer, NodeProto).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Field numbers from onnx.proto (stable since IR version 3).
_MODEL_GRAPH = 7
_GRAPH_NODE = 1
_GRAPH_INITIALIZER = 5
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP_TYPE, _NODE_ATTRIBUTE = 1, 2, 3, 4, 5
_ATTR_NAME, _ATTR_I, _ATTR_TYPE = 1, 3, 20
_ATTR_TYPE_INT = 2
_TENSOR_DATA_TYPE, _TENSOR_NAME = 2, 8
_INT8 = 3
_FLOAT = 1
_LENGTH_DELIMITED = 2


class WireError(ValueError):
    """The bytes are not a protobuf message this module can read."""


def _varint(data: bytes | memoryview, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise WireError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise WireError("varint too long")


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


@dataclass(frozen=True)
class _Field:
    number: int
    wire: int
    start: int  # where the field's key starts
    end: int  # just past its value
    value: int | memoryview  # a varint's value, or a length-delimited payload


def _fields(data: memoryview) -> Iterator[_Field]:
    pos = 0
    while pos < len(data):
        start = pos
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        value: int | memoryview
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = 0, pos + 8
        elif wire == _LENGTH_DELIMITED:
            length, pos = _varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = 0, pos + 4
        else:
            raise WireError(f"unsupported wire type {wire}")
        if pos > len(data):
            raise WireError("truncated field")
        yield _Field(number, wire, start, pos, value)


def _field_bytes(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | _LENGTH_DELIMITED) + _encode_varint(len(payload)) + payload


@dataclass
class _Node:
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    op_type: str = ""
    ints: dict[str, int] = field(default_factory=dict)


def _read_node(data: memoryview) -> _Node:
    node = _Node()
    for f in _fields(data):
        if f.wire != _LENGTH_DELIMITED or isinstance(f.value, int):
            continue
        if f.number == _NODE_INPUT:
            node.inputs.append(bytes(f.value).decode())
        elif f.number == _NODE_OUTPUT:
            node.outputs.append(bytes(f.value).decode())
        elif f.number == _NODE_OP_TYPE:
            node.op_type = bytes(f.value).decode()
        elif f.number == _NODE_ATTRIBUTE:
            name, number = "", None
            for a in _fields(f.value):
                if a.number == _ATTR_NAME and not isinstance(a.value, int):
                    name = bytes(a.value).decode()
                elif a.number == _ATTR_I and isinstance(a.value, int):
                    number = a.value
            if number is not None:
                node.ints[name] = number
    return node


def _encode_node(op_type: str, inputs: list[str], outputs: list[str],
                 ints: dict[str, int]) -> bytes:
    body = b"".join(_field_bytes(_NODE_INPUT, i.encode()) for i in inputs)
    body += b"".join(_field_bytes(_NODE_OUTPUT, o.encode()) for o in outputs)
    body += _field_bytes(_NODE_NAME, f"newsdesk_{outputs[0]}".encode())
    body += _field_bytes(_NODE_OP_TYPE, op_type.encode())
    for name, value in ints.items():
        attr = (_field_bytes(_ATTR_NAME, name.encode())
                + _encode_varint(_ATTR_I << 3) + _encode_varint(value)
                + _encode_varint(_ATTR_TYPE << 3) + _encode_varint(_ATTR_TYPE_INT))
        body += _field_bytes(_NODE_ATTRIBUTE, attr)
    return _field_bytes(_GRAPH_NODE, body)


def _int8_initializers(graph: memoryview) -> set[str]:
    names: set[str] = set()
    for f in _fields(graph):
        if f.number != _GRAPH_INITIALIZER or isinstance(f.value, int):
            continue
        name, dtype = "", None
        for t in _fields(f.value):
            if t.number == _TENSOR_DATA_TYPE and isinstance(t.value, int):
                dtype = t.value
            elif t.number == _TENSOR_NAME and not isinstance(t.value, int):
                name = bytes(t.value).decode()
        if dtype == _INT8:
            names.add(name)
    return names


def gather_before_dequantize(model: bytes) -> tuple[bytes, int]:
    """The model with each `Gather(Mul(Cast(int8 table), scale), ids)` made
    `Mul(Cast(Gather(table, ids)), Gather(scale, ids))`, and how many were rewritten.

    Only a dequantized table read by nothing but one Gather (on its data input) is
    rewritten; anything else is left as it is, so a model without the pattern loads
    unchanged."""
    top = list(_fields(memoryview(model)))
    graphs = [f for f in top if f.number == _MODEL_GRAPH and not isinstance(f.value, int)]
    if len(graphs) != 1:
        raise WireError("no graph in the model")
    graph_field = graphs[0]
    assert not isinstance(graph_field.value, int)
    graph = graph_field.value
    int8 = _int8_initializers(graph)
    entries = list(_fields(graph))
    nodes = {i: _read_node(f.value) for i, f in enumerate(entries)
             if f.number == _GRAPH_NODE and not isinstance(f.value, int)}
    readers: dict[str, list[int]] = {}
    for i, node in nodes.items():
        for name in node.inputs:
            readers.setdefault(name, []).append(i)
    replace: dict[int, bytes] = {}
    drop: set[int] = set()
    for i, cast in nodes.items():
        if cast.op_type != "Cast" or len(cast.inputs) != 1 or cast.inputs[0] not in int8:
            continue
        muls = readers.get(cast.outputs[0], [])
        if len(muls) != 1 or nodes[muls[0]].op_type != "Mul":
            continue
        mul = nodes[muls[0]]
        gathers = readers.get(mul.outputs[0], [])
        if len(gathers) != 1 or nodes[gathers[0]].op_type != "Gather":
            continue
        gather = nodes[gathers[0]]
        scale = [x for x in mul.inputs if x != cast.outputs[0]]
        if gather.inputs[0] != mul.outputs[0] or len(scale) != 1:
            continue
        out, ids, axis = gather.outputs[0], gather.inputs[1], {"axis": gather.ints.get("axis", 0)}
        replace[gathers[0]] = b"".join((
            _encode_node("Gather", [cast.inputs[0], ids], [f"{out}_rows_q"], axis),
            _encode_node("Gather", [scale[0], ids], [f"{out}_rows_scale"], axis),
            _encode_node("Cast", [f"{out}_rows_q"], [f"{out}_rows_f"], {"to": _FLOAT}),
            _encode_node("Mul", [f"{out}_rows_f", f"{out}_rows_scale"], [out], {}),
        ))
        drop.update((i, muls[0]))
    if not replace:
        return model, 0
    body = b"".join(
        replace.get(i, b"" if i in drop else bytes(graph[f.start:f.end]))
        for i, f in enumerate(entries)
    )
    rebuilt = b"".join(
        _field_bytes(_MODEL_GRAPH, body) if f is graph_field else model[f.start:f.end]
        for f in top
    )
    return rebuilt, len(replace)
