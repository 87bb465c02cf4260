"""Which extractor made the stored quotes: the store re-extracts every article's quotes
when this changes.

The number EXTRACTOR_VERSION says a change was meant; the digest of the code and word
lists extraction reads (and of lemminflect's version) makes sure one that was not marked
still reaches the stored quotes, since a stale speaker is a wrong answer in the bot's voice.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from index import lexicon, sentences, text
from index.ingest import boilerplate
from index.quotes import attribution, bodies, english, extract, names, spans


def source_digest(paths: Iterable[Path], extra: str = "") -> str:
    """A short digest of the files' bytes, in the order given, and of `extra`."""
    h = hashlib.sha256(extra.encode())
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


_READ_BY_EXTRACTION: tuple[ModuleType, ...] = (
    extract, attribution, bodies, english, names, spans, lexicon, sentences, text, boilerplate,
)


@functools.cache
def extractor_version() -> str:
    """ "<EXTRACTOR_VERSION>:<digest>": the declared version, then what the extractor is
    made of now."""
    paths = [Path(m.__file__) for m in _READ_BY_EXTRACTION if m.__file__]
    lexicon_release = importlib.metadata.version("lemminflect")
    return f"{extract.EXTRACTOR_VERSION}:{source_digest(paths, lexicon_release)}"
