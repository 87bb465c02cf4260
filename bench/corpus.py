"""What the benchmark feeds the engines: Reuters-21578 stories as article drafts (or a
made-up corpus for the smoke test), and deterministic questions drawn from them.

Reuters is read from ../shared at run time and never copied into the project.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from index.models import ArticleDraft
from index.text import tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REUTERS = SHARED / "data" / "reuters21578" / "paragraphs.jsonl.gz"


@dataclass(frozen=True)
class Question:
    """A question as a user types it, and its terms as the one tokenizer makes them."""

    text: str
    terms: tuple[str, ...]


def reuters_drafts(path: Path = REUTERS) -> list[ArticleDraft]:
    """Stories in file order; title = story title, paragraphs in the order of "i"."""
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the benchmark needs ../shared/data")
    paragraphs: dict[str, list[tuple[int, str]]] = defaultdict(list)
    titles: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row["text"].strip()
            if text:
                paragraphs[row["doc"]].append((int(row["i"]), text))
                titles.setdefault(row["doc"], (row.get("title") or "").strip())
    return [
        ArticleDraft(
            title=titles[doc] or f"Reuters story {doc}",
            paragraphs=tuple(text for _, text in sorted(paras)),
            source=f"reuters21578:{doc}",
        )
        for doc, paras in paragraphs.items()
    ]


# A made-up vocabulary for the smoke test: nothing here comes from a real text.
_SYLLABLES = ["ka", "lo", "mir", "tes", "van", "dor", "el", "pu", "ris", "gan", "zo", "bek"]
_NAMES = ["Ilse Varga", "Tomas Reyne", "Odile Marsh", "Pavel Kern", "Nia Osei"]


def synthetic_drafts(articles: int, seed: int = 11) -> list[ArticleDraft]:
    """Made-up news-like articles with a Zipf-ish vocabulary, quotes and varied lengths."""
    rng = random.Random(seed)
    vocab = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
                    for _ in range(3000)})
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    drafts: list[ArticleDraft] = []
    for a in range(articles):
        paragraphs: list[str] = []
        for p in range(rng.randint(1, 8)):
            words = rng.choices(vocab, weights, k=rng.randint(8, 60))
            sentence = " ".join(words).capitalize() + "."
            if p % 3 == 1:
                name = rng.choice(_NAMES)
                said = " ".join(rng.choices(vocab, weights, k=rng.randint(5, 12)))
                sentence += f' "{said.capitalize()}," said {name}.'
            paragraphs.append(sentence)
        title = " ".join(rng.choices(vocab, weights, k=rng.randint(3, 7))).title()
        drafts.append(ArticleDraft(title=f"{title} {a}", paragraphs=tuple(paragraphs),
                                   source=f"synthetic:{a}"))
    return drafts


def take_paragraphs(drafts: list[ArticleDraft], start: int, paragraphs: int) -> tuple[int, int]:
    """The slice drafts[start:end] holding about `paragraphs` paragraphs (whole articles)."""
    end, count = start, 0
    while end < len(drafts) and count < paragraphs:
        count += len(drafts[end].paragraphs)
        end += 1
    return end, count


def make_questions(drafts: list[ArticleDraft], count: int, seed: int = 2025) -> list[Question]:
    """Half titles, half 3-8 word windows of a random paragraph: what readers type."""
    rng = random.Random(seed)
    out: list[Question] = []
    attempts = 0
    while len(out) < count and attempts < count * 50:
        attempts += 1
        draft = rng.choice(drafts)
        if rng.random() < 0.5:
            text = draft.title
        else:
            words = rng.choice(draft.paragraphs).split()
            length = rng.randint(3, 8)
            start = rng.randrange(max(1, len(words) - length + 1))
            text = " ".join(words[start:start + length])
        text = " ".join(text.split())[:400]
        terms = tokenize(text)
        if terms:
            out.append(Question(text, tuple(terms)))
    return out
