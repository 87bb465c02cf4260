"""Bytes to text: a BOM, the declared or sniffed charset, UTF-8, then cp1252; binary
files (images, PDFs, archives, programs) refused by what they look like."""

from __future__ import annotations

import re
import unicodedata

from index.errors import InputError

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
]
_HTML_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    return None


def _try_decode(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, name: str, declared: str | None = None, html: bool = False) -> str:
    """Text of a file or download: BOM, declared charset, UTF-8, then cp1252.

    Refuses binary content (known magic numbers, NUL bytes, mostly control characters)
    with an InputError naming what it looks like.
    """
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{name} is {kind}, not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        decoded = _try_decode(data, "utf-16")
        if decoded is None:
            raise InputError(f"{name} starts like UTF-16 text but cannot be decoded")
        text = decoded.lstrip("\ufeff")
    else:
        if b"\x00" in data:
            raise InputError(
                f"{name} looks like a binary file (it contains NUL bytes), not a text article"
            )
        sniffed = None
        if html and not declared:
            m = _HTML_CHARSET_RE.search(data[:4096])
            sniffed = m.group(1).decode("ascii", errors="ignore") if m else None
        text = (
            _try_decode(data, declared)
            or _try_decode(data, sniffed)
            or _try_decode(data, "utf-8")
            or _try_decode(data, "cp1252")
            or data.decode("latin-1")
        )
    sample = text[:65536]
    if sample:
        odd = sum(
            1 for ch in sample
            if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
        )
        if odd / len(sample) > 0.02:
            raise InputError(
                f"{name} looks like a binary file (mostly non-text bytes), not a text article"
            )
    return text

