"""ROUGE of newsdesk's extractive summaries beside Lead-3 and sumy, on BBC and CNN/DM.

BBC News Summary: each reference is a set of the article's own sentences, so the
summaries are scored at 3 sentences and at the reference's own sentence count.
CNN/DM: editors' highlights, scored at 3 sentences, the articles read through
newsdesk's ingest so boilerplate is cleaned as it would be in use.

    python -m eval.summary_eval [--categories business,sport] [--limit N] [--no-sumy]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.sentences import split_sentences
from index.summaries.summarize import extract, leans_on_previous, summarize

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
BBC_DIR = SHARED / "data" / "bbc"
CNNDM_CSV = SHARED / "data" / "cnndm-sample" / "train_sample.csv"
TUNING_CATEGORIES = ("business", "entertainment", "sport")
HELD_OUT_CATEGORIES = ("politics", "tech")

# A system: (paragraphs, title, n) -> summary sentences in article order.
System = Callable[[Sequence[str], str | None, int], list[str]]


@dataclass(frozen=True)
class BbcItem:
    category: str
    name: str
    title: str
    paragraphs: tuple[str, ...]
    reference: str
    reference_count: int  # how many article sentences the reference keeps


@dataclass(frozen=True)
class CnnItem:
    id: str
    title: str  # as ingest derives it (these texts have no title line)
    paragraphs: tuple[str, ...]
    highlights: str  # one highlight a line


# --- systems -------------------------------------------------------------------------


def newsdesk_system(paragraphs: Sequence[str], title: str | None, n: int) -> list[str]:
    return [s.text for s in extract(paragraphs, n, title=title)]


def lead_system(paragraphs: Sequence[str], title: str | None, n: int) -> list[str]:
    return [s for p in paragraphs for s in split_sentences(p)][:n]


_SUMY_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-.][^\W_]+)*")


class SumyTokenizer:
    """newsdesk's sentence splitter for sumy, which otherwise needs NLTK's punkt data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_SUMY_WORD_RE.findall(sentence))


def sumy_systems() -> dict[str, System]:
    """sumy's TextRank, LexRank and Luhn with stemming and English stop words."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = SumyTokenizer()
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")

    def make(cls: type) -> System:
        summarizer = cls(stemmer)
        summarizer.stop_words = stop_words

        def run(paragraphs: Sequence[str], title: str | None, n: int) -> list[str]:
            document = ObjectDocumentModel(
                [
                    Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(p)])
                    for p in paragraphs
                ]
            )
            return [str(s) for s in summarizer(document, n)]

        return run

    return {
        "sumy TextRank": make(TextRankSummarizer),
        "sumy LexRank": make(LexRankSummarizer),
        "sumy Luhn": make(LuhnSummarizer),
    }


# --- data ----------------------------------------------------------------------------


def reference_count(paragraphs: Sequence[str], reference: str) -> int:
    """The number of the article's sentences found verbatim in the reference (at least 1)."""
    found = {s for p in paragraphs for s in split_sentences(p) if s in reference}
    return max(1, len(found))


def load_bbc(
    categories: Sequence[str], limit: int | None = None, root: Path = BBC_DIR
) -> list[BbcItem]:
    """BBC articles (title line, blank line, paragraphs) with their reference summaries."""
    items: list[BbcItem] = []
    for category in categories:
        files = sorted((root / "articles" / category).glob("*.txt"))
        for path in files[:limit] if limit else files:
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
            reference = (root / "summaries" / category / path.name).read_text(encoding="utf-8")
            reference = reference.strip()
            items.append(
                BbcItem(
                    category, path.stem, title.strip(), paragraphs, reference,
                    reference_count(paragraphs, reference),
                )
            )
    return items


def load_cnndm(path: Path = CNNDM_CSV) -> list[CnnItem]:
    """CNN/DM rows read through newsdesk's own ingest cleaning.

    Every system gets the same body: without the wire dateline ("Kabul (CNN) -- "), which
    ingest keeps in the stored text and newsdesk's summaries leave out.
    """
    from index.ingest.boilerplate import dateline_end
    from index.ingest.layout import parse_text

    items: list[CnnItem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            draft = parse_text(row["article"])
            paragraphs = list(draft.paragraphs)
            paragraphs[0] = paragraphs[0][dateline_end(paragraphs[0]):]
            items.append(
                CnnItem(row["id"], draft.title, tuple(paragraphs), row["highlights"].strip())
            )
    return items


# --- scoring -------------------------------------------------------------------------

Scores = dict[str, float]


def _mean(rows: list[Scores]) -> Scores:
    return {k: round(100 * statistics.fmean(r[k] for r in rows), 1) for k in rows[0]}


def bbc_rows(
    items: Sequence[BbcItem], systems: dict[str, System], lengths: Sequence[str] = ("3", "ref")
) -> dict[str, dict[str, list[Scores]]]:
    """ROUGE-1/2/L F1 per article, per system and length ("3" or "ref"), in item order."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    out: dict[str, dict[str, list[Scores]]] = {}
    for name, system in systems.items():
        out[name] = {}
        for length in lengths:
            rows: list[Scores] = []
            for item in items:
                n = 3 if length == "3" else item.reference_count
                summary = " ".join(system(item.paragraphs, item.title, n))
                result = scorer.score(item.reference, summary)
                rows.append({k: v.fmeasure for k, v in result.items()})
            out[name][length] = rows
    return out


def mean_scores(
    rows: dict[str, dict[str, list[Scores]]], keep: Sequence[bool] | None = None
) -> dict[str, dict[str, Scores]]:
    """Means (x100, one decimal) over the articles where keep is true (default: all)."""
    return {
        name: {
            length: _mean([r for i, r in enumerate(per) if keep is None or keep[i]])
            for length, per in by_length.items()
        }
        for name, by_length in rows.items()
    }


def score_bbc(
    items: Sequence[BbcItem], systems: dict[str, System], lengths: Sequence[str] = ("3", "ref")
) -> dict[str, dict[str, Scores]]:
    """Mean ROUGE-1/2/L F1 (x100) per system and length."""
    return mean_scores(bbc_rows(items, systems, lengths))


def score_cnndm(items: Sequence[CnnItem], systems: dict[str, System]) -> dict[str, Scores]:
    """Mean ROUGE-1/2/Lsum F1 (x100) at 3 sentences against the highlights."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    out: dict[str, Scores] = {}
    for name, system in systems.items():
        rows = []
        for item in items:
            summary = "\n".join(system(item.paragraphs, item.title, 3))
            result = scorer.score(item.highlights, summary)
            rows.append({k: v.fmeasure for k, v in result.items()})
        out[name] = _mean(rows)
    return out


def timing_bbc(items: Sequence[BbcItem]) -> dict[str, float]:
    """Mean and worst milliseconds per 3-sentence summary, and the longest article's size."""
    times: list[float] = []
    for item in items:
        start = time.perf_counter()
        summarize(item.paragraphs, 3, title=item.title)
        times.append(1000 * (time.perf_counter() - start))
    longest = max(items, key=lambda i: sum(len(p.split()) for p in i.paragraphs))
    words = sum(len(p.split()) for p in longest.paragraphs)
    start = time.perf_counter()
    for _ in range(5):
        summarize(longest.paragraphs, 3, title=longest.title)
    return {
        "mean_ms": round(statistics.fmean(times), 2),
        "max_ms": round(max(times), 2),
        "longest_words": words,
        "longest_ms": round(1000 * (time.perf_counter() - start) / 5, 2),
    }


def bbc_figures(
    categories: Sequence[str],
    limit: int | None = None,
    baselines: Sequence[str] = ("Lead", "sumy TextRank", "sumy LexRank", "sumy Luhn"),
) -> dict[str, dict[str, Scores]]:
    """newsdesk and the named baselines on BBC categories: the gate's entry point."""
    available: dict[str, System] = {"Lead": lead_system}
    if any(name.startswith("sumy") for name in baselines):
        available |= sumy_systems()
    systems: dict[str, System] = {"newsdesk": newsdesk_system}
    systems |= {name: available[name] for name in baselines}
    return score_bbc(load_bbc(categories, limit), systems)


def cnndm_figures(
    baselines: Sequence[str] = ("Lead", "sumy TextRank", "sumy LexRank", "sumy Luhn"),
) -> dict[str, Scores]:
    """newsdesk and the named baselines on the CNN/DM sample at 3 sentences: the gate's entry."""
    available: dict[str, System] = {"Lead": lead_system}
    if any(name.startswith("sumy") for name in baselines):
        available |= sumy_systems()
    systems: dict[str, System] = {"newsdesk": newsdesk_system}
    systems |= {name: available[name] for name in baselines}
    return score_cnndm(load_cnndm(), systems)


# --- cost on very long texts -----------------------------------------------------------

_COST_WORDS = (
    "harbour bridge quay ferry terminal station market school road council mayor budget "
    "river flood wall cable repair traffic vote police hospital museum library park "
    "festival tram bus engineer contractor union strike fare ticket"
).split()


def long_text(sentences: int, per_paragraph: int = 5) -> list[str]:
    """A made-up text of the given number of news-like sentences (not from any data set)."""
    import random

    rng = random.Random(11)
    body = [
        f"The {' '.join(rng.sample(_COST_WORDS, 3))} in Kelby will "
        f"{' '.join(rng.sample(_COST_WORDS, 3))} by {i % 97} per cent, officials said."
        for i in range(sentences)
    ]
    return [" ".join(body[i:i + per_paragraph]) for i in range(0, sentences, per_paragraph)]


def cost_figures() -> dict[str, dict[str, float]]:
    """Seconds and traced peak MB (tracemalloc: Python and numpy) for one summary of long
    made-up texts: 8,000 and 20,000 sentences, and 5 MB as paragraphs and as one block."""
    import tracemalloc

    cases = {
        "8,000 sentences": long_text(8_000),
        "20,000 sentences": long_text(20_000),
        "20,000 sentences, one block": [" ".join(long_text(20_000))],
    }
    five_mb = long_text(60_000)
    while sum(len(p) for p in five_mb) > 5_000_000:
        five_mb.pop()
    cases["5 MB"] = five_mb
    cases["5 MB, one block"] = [" ".join(five_mb)[:5_000_000]]
    out: dict[str, dict[str, float]] = {}
    for name, paragraphs in cases.items():
        tracemalloc.start()
        start = time.perf_counter()
        summarize(paragraphs, 3)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out[name] = {
            "chars": sum(len(p) for p in paragraphs),
            "seconds": round(seconds, 2),
            "peak_mb": round(peak / 1e6, 1),
        }
    return out


# --- sense: what ROUGE does not see --------------------------------------------------

# Stories shorter than this must open their summary in the first three paragraphs.
LEAD_STORY_WORDS = 1000
LEAD_PARAGRAPHS = 3


def unbalanced_quotes(text: str) -> bool:
    """Whether a summary sentence starts or ends inside a quotation: its double marks
    do not pair up (an odd number of straight ones, or unequal curly opening and closing)."""
    return text.count('"') % 2 == 1 or text.count("\u201c") != text.count("\u201d")


@dataclass(frozen=True)
class SenseCounts:
    sentences: int = 0  # summary sentences (a quote taken whole counts as one)
    dangling: int = 0  # opening leaning on a body sentence the summary left out
    unbalanced: int = 0
    stories: int = 0  # stories under LEAD_STORY_WORDS words with a summary
    lead_first: int = 0  # ... whose first summary sentence is in the first paragraphs


def sense_of(paragraphs: Sequence[str], summary: Sequence[str]) -> SenseCounts:
    """Count one summary's dangling openings, unbalanced quotes and where it starts.

    Each summary sentence is found in the body by its first sentence; the body sentence
    before that is what a leaning opening ("But...", "He said...") needs beside it.
    """
    body = [(n, s) for n, p in enumerate(paragraphs, start=1) for s in split_sentences(p)]
    placed: list[tuple[int, int]] = []  # (first body index, body sentences covered)
    for text in summary:
        first = split_sentences(text)[0] if text.strip() else text
        index = next((i for i, (_, s) in enumerate(body) if s.endswith(first)), -1)
        placed.append((index, len(split_sentences(text))))
    covered = {i + k for i, size in placed if i >= 0 for k in range(size)}
    dangling = sum(
        1
        for text, (i, _) in zip(summary, placed, strict=True)
        if i > 0 and leans_on_previous(text) and i - 1 not in covered
    )
    words = sum(len(p.split()) for p in paragraphs)
    short = words < LEAD_STORY_WORDS and bool(summary)
    first_paragraph = body[placed[0][0]][0] if summary and placed[0][0] >= 0 else 0
    return SenseCounts(
        sentences=len(summary),
        dangling=dangling,
        unbalanced=sum(1 for text in summary if unbalanced_quotes(text)),
        stories=int(short),
        lead_first=int(short and 1 <= first_paragraph <= LEAD_PARAGRAPHS),
    )


def sense_figures(items: Sequence[BbcItem], system: System, n: int = 3) -> dict[str, float]:
    """Dangling share (%), unbalanced-quote sentences, lead-first share (%) over items."""
    total = SenseCounts()
    for item in items:
        one = sense_of(item.paragraphs, system(item.paragraphs, item.title, n))
        total = SenseCounts(
            *(a + b for a, b in zip(vars(total).values(), vars(one).values(), strict=True))
        )
    return {
        "sentences": total.sentences,
        "dangling_pct": round(100 * total.dangling / max(total.sentences, 1), 2),
        "unbalanced": total.unbalanced,
        "short_stories": total.stories,
        "lead_first_pct": round(100 * total.lead_first / max(total.stories, 1), 1),
    }


# --- report --------------------------------------------------------------------------


def _table(title: str, results: dict[str, dict[str, Scores]]) -> str:
    lines = [title]
    for system, by_length in results.items():
        for length, scores in by_length.items():
            figures = " / ".join(f"{v:.1f}" for v in scores.values())
            lines.append(f"  {system:<15} @{length:<4} {'/'.join(scores)}: {figures}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--categories", help="comma-separated BBC categories (default: all)")
    parser.add_argument("--limit", type=int, help="articles per BBC category")
    parser.add_argument("--no-sumy", action="store_true", help="skip the sumy baselines")
    parser.add_argument("--no-cnndm", action="store_true", help="skip the CNN/DM set")
    args = parser.parse_args(argv)
    if not BBC_DIR.is_dir():
        print(f"BBC data not found at {BBC_DIR.resolve()}", file=sys.stderr)
        return 2
    systems: dict[str, System] = {"newsdesk": newsdesk_system, "Lead": lead_system}
    if not args.no_sumy:
        systems |= sumy_systems()
    categories = (
        tuple(args.categories.split(","))
        if args.categories
        else TUNING_CATEGORIES + HELD_OUT_CATEGORIES
    )
    items = load_bbc(categories, args.limit)
    rows = bbc_rows(items, systems)
    groups = {
        "tuning (business, entertainment, sport)": set(TUNING_CATEGORIES),
        "held out (politics, tech)": set(HELD_OUT_CATEGORIES),
        "all": set(categories),
    }
    report: dict[str, object] = {"bbc": {}}
    for label, group in groups.items():
        keep = [item.category in group for item in items]
        if not any(keep):
            continue
        results = mean_scores(rows, keep)
        report["bbc"][label] = {"articles": sum(keep), "rouge": results}  # type: ignore[index]
        print(_table(f"BBC {label}: {sum(keep)} articles, ROUGE-1/2/L F1", results))
    report["bbc_sense"] = {
        name: sense_figures(items, systems[name]) for name in ("newsdesk", "Lead")
    }
    for name, sense in report["bbc_sense"].items():  # type: ignore[union-attr]
        print(
            f"BBC sense @3 {name:<9}: {sense['dangling_pct']:.2f}% of {sense['sentences']} "
            f"sentences lean on one left out (target <= 1%); {sense['unbalanced']} with "
            f"unbalanced quotes (target 0); first sentence in paragraphs 1-3 in "
            f"{sense['lead_first_pct']:.1f}% of {sense['short_stories']} stories under "
            f"{LEAD_STORY_WORDS} words (target >= 95%)"
        )
    report["bbc_timing"] = timing_bbc(items)
    print(f"BBC summary time (3 sentences): {report['bbc_timing']}")
    report["long_texts"] = cost_figures()
    for name, cost in report["long_texts"].items():  # type: ignore[union-attr]
        print(f"Long made-up text, {name} ({cost['chars']:,} chars): {cost['seconds']} s, "
              f"{cost['peak_mb']} MB traced peak (target < 2 s, < 300 MB)")
    if not args.no_cnndm and CNNDM_CSV.is_file():
        cnn = load_cnndm()
        cnn_results = score_cnndm(cnn, systems)
        report["cnndm"] = {"articles": len(cnn), "rouge": cnn_results}
        print(_table(f"CNN/DM: {len(cnn)} articles, ROUGE-1/2/Lsum F1 @3",
                     {k: {"3": v} for k, v in cnn_results.items()}))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
