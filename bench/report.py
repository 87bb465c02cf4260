"""The benchmark's results as a table, ratios and the issue's targets, PASS or MISS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

FULL_SIZE = 100_000  # the targets are stated for a library of this many paragraphs


@dataclass(frozen=True)
class Target:
    name: str
    limit: float
    unit: str
    read: Callable[[dict], float | None]
    higher_is_better: bool = False


def _engine_p50(size: dict, engine: str) -> float | None:
    found = size.get("engines", {}).get(engine)
    return found["latency"]["p50_ms"] if found else None


def _tantivy_ratio(size: dict) -> float | None:
    tantivy = _engine_p50(size, "tantivy")
    return size["engine"]["p50_ms"] / tantivy if tantivy else None


TARGETS = [
    Target("engine p50 / tantivy p50", 1.0, "x", _tantivy_ratio),
    Target("engine p95", 1.0, "ms", lambda s: s["engine"]["p95_ms"]),
    Target("add one article until searchable (max)", 50.0, "ms",
           lambda s: s["add_searchable"]["max_ms"] if s["add_searchable"]["n"] else None),
    Target("cold start", 2.0, "s", lambda s: s["cold_start"]["seconds"]),
    Target("peak RSS of the cold-started process", 300.0, "MB",
           lambda s: s["cold_start"]["peak_rss_mb"]),
    Target("ingestion", 2000.0, "paragraphs/s", lambda s: s["ingest"]["paragraphs_per_s"],
           higher_is_better=True),
    Target("top 10 equal to rank-bm25", 1.0, "share of questions",
           lambda s: (s["equality"]["equal"] / s["equality"]["checked"]
                      if s.get("equality", {}).get("checked") else None),
           higher_is_better=True),
]


def judge(size: dict) -> list[dict]:
    """Each target against one size's figures, with the margin (positive = room left)."""
    verdicts = []
    for t in TARGETS:
        value = t.read(size)
        if value is None:
            verdicts.append({"target": t.name, "limit": t.limit, "unit": t.unit,
                             "measured": None, "verdict": "NOT MEASURED", "margin": None})
            continue
        ok = value >= t.limit if t.higher_is_better else value <= t.limit
        margin = value - t.limit if t.higher_is_better else t.limit - value
        verdicts.append({"target": t.name, "limit": t.limit, "unit": t.unit, "measured": value,
                         "verdict": "PASS" if ok else "MISS", "margin": margin})
    return verdicts


def _f(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


def table(result: dict) -> str:
    """Markdown tables: newsdesk per size, engines per size with ratios, then targets."""
    final = result["sizes"][-1]
    note = "" if final["paragraphs"] >= FULL_SIZE else \
        f" (largest size measured is {final['paragraphs']} paragraphs, not the full library)"
    lines = (_sizes_table(result) + _modes_table(result) + _engines_table(result)
             + _notes(result) + _lag_lines(result))
    lines += ["", f"Targets at {final['paragraphs']} paragraphs{note}:"]
    lines += [verdict_line(v) for v in result["targets"]]
    return "\n".join(lines)


def _sizes_table(result: dict) -> list[str]:
    """The machine, the command and newsdesk's figures at each size."""
    lines = [
        f"machine: {result['machine']['cores']} cores, Python {result['machine']['python']}, "
        f"{result['machine']['platform']}",
        f"command: {result['command']}",
        "",
        "| paragraphs | articles | ingest p/s | cold start s | peak RSS MB | engine p50/p95 ms "
        "| ask p50/p95 ms (n) | add->searchable p50/max ms | quotes p50/p95 ms "
        "| summary p50/p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in result["sizes"]:
        lines.append(
            f"| {s['paragraphs']} | {s['articles']} | {_f(s['ingest']['paragraphs_per_s'], 0)} "
            f"| {_f(s['cold_start']['seconds'], 2)} | {_f(s['cold_start']['peak_rss_mb'], 0)} "
            f"| {_f(s['engine']['p50_ms'])} / {_f(s['engine']['p95_ms'])} "
            f"| {_f(s['ask']['p50_ms'], 2)} / {_f(s['ask']['p95_ms'], 2)} ({s['ask']['n']}) "
            f"| {_f(s['add_searchable']['p50_ms'], 1)} / {_f(s['add_searchable']['max_ms'], 1)} "
            f"| {_f(s['quotes']['p50_ms'], 2)} / {_f(s['quotes']['p95_ms'], 2)} "
            f"| {_f(s['summary']['p50_ms'], 2)} / {_f(s['summary']['p95_ms'], 2)} |"
        )
    return lines


def _modes_table(result: dict) -> list[str]:
    """BM25 only beside meaning search, at each size measured in both modes."""
    lines: list[str] = []
    meaning = [s for s in result["sizes"] if "semantic" in s]
    if meaning:
        lines += [
            "",
            "Both modes, same run (BM25 only | with meaning search):",
            "| paragraphs | cold start s | peak RSS MB | ask p50 ms | ask p95 ms "
            "| add->searchable by words ms | 30-paragraph article by meaning s "
            "| embedding (fresh texts/s) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for s in meaning:
            m = s["semantic"]
            emb = m["embedding"]
            rate = emb["fresh_texts_per_s"]
            lines.append(
                f"| {s['paragraphs']} "
                f"| {_f(s['cold_start']['seconds'], 2)} \\| {_f(m['cold_start']['seconds'], 2)} "
                f"| {_f(s['cold_start']['peak_rss_mb'], 0)} \\| "
                f"{_f(max(m['cold_start']['peak_rss_mb'], m['peak_rss_mb_end']), 0)} "
                f"| {_f(s['ask']['p50_ms'], 2)} \\| {_f(m['ask']['p50_ms'], 2)} "
                f"| {_f(s['ask']['p95_ms'], 2)} \\| {_f(m['ask']['p95_ms'], 2)} "
                f"| {_f(s['add_searchable']['max_ms'], 1)} \\| "
                f"{_f(m['add_searchable']['max_ms'], 1)} "
                f"| {_f(m['add_meaning']['meaning_s'], 2)} "
                f"| {emb['texts_embedded_fresh']} in {_f(emb['seconds'], 0)} s "
                f"({_f(rate, 0) if rate else 'cached'}) |"
            )
    return lines


def _engines_table(result: dict) -> list[str]:
    """newsdesk and the other engines on the same tokens, with newsdesk/engine ratios."""
    lines = [
        "",
        "| paragraphs | engine | p50 / p95 ms (n) | build s | index RSS MB | newsdesk/engine p50 "
        "| newsdesk/engine p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in result["sizes"]:
        lines.append(f"| {s['paragraphs']} | newsdesk (bm25_hits) | {_f(s['engine']['p50_ms'])} / "
                     f"{_f(s['engine']['p95_ms'])} ({s['engine']['n']}) | - | - | 1 | 1 |")
        for name, e in s.get("engines", {}).items():
            lat = e["latency"]
            lines.append(
                f"| {s['paragraphs']} | {name} | {_f(lat['p50_ms'])} / {_f(lat['p95_ms'])} "
                f"({lat['n']}) | {_f(e['build_s'], 2)} | {_f(e['index_rss_mb'], 0)} "
                f"| {_f(s['engine']['p50_ms'] / lat['p50_ms'])} "
                f"| {_f(s['engine']['p95_ms'] / lat['p95_ms'])} |"
            )
            if "search_only_latency" in e:
                only = e["search_only_latency"]
                lines.append(f"| {s['paragraphs']} | {name} (query prebuilt) | {_f(only['p50_ms'])}"
                             f" / {_f(only['p95_ms'])} ({only['n']}) | | "
                             f"| {_f(s['engine']['p50_ms'] / only['p50_ms'])} "
                             f"| {_f(s['engine']['p95_ms'] / only['p95_ms'])} |")
    return lines


def _notes(result: dict) -> list[str]:
    """Refused questions and the rank-bm25 equality check at each size."""
    lines = [""]
    for s in result["sizes"]:
        if s["ask"].get("refused"):
            lines.append(f"{s['paragraphs']} paragraphs: ask refused {s['ask']['refused']} "
                         f"questions, e.g. {s['ask']['refusals'][:2]}")
    for s in result["sizes"]:
        eq = s.get("equality")
        if eq:
            lines.append(
                f"{s['paragraphs']} paragraphs: top 10 equal to rank-bm25 for "
                f"{eq['equal']}/{eq['checked']} questions"
                + (f"; first mismatches: {eq['mismatches'][:3]}" if eq["mismatches"] else "")
            )
    return lines


def _lag_lines(result: dict) -> list[str]:
    """The event loop under concurrent /ask, BM25 only and with meaning search."""
    lines: list[str] = []
    if "loop_lag" in result:
        lines += [""] + lag_summary(result["loop_lag"])
    if "loop_lag_semantic" in result:
        filled = result["loop_lag_filled"]
        lag = result["loop_lag_semantic"]
        lines += ["", "With meaning search on, every vector stored:"] + lag_summary(filled)
        lines += ["", "With meaning search on, the background worker embedding the library "
                  f"during the burst (vectors after: {lag['vectors_after'][0]} of "
                  f"{lag['vectors_after'][1]} paragraphs):"] + lag_summary(lag)
        before = filled["time_to_answer"]
        lines.append(f"answer time p50/max added by the background embedding: "
                     f"{lag['time_to_answer']['p50_ms'] - before['p50_ms']:+.1f} / "
                     f"{lag['time_to_answer']['max_ms'] - before['max_ms']:+.1f} ms")
    return lines


def verdict_line(v: dict) -> str:
    return (f"  {v['verdict']:<4} {v['target']}: {_f(v['measured'])} {v['unit']} "
            f"(limit {v['limit']:g}, margin {_f(v['margin'])})")


def lag_summary(lag: dict) -> list[str]:
    """bench.loop_lag's figures in four lines."""
    loop, ack, done = lag["loop_lag"], lag["time_to_ack"], lag["time_to_answer"]
    return [
        f"{lag['interactions']} concurrent /ask through the fake Discord, library of "
        f"{lag['library_paragraphs']} paragraphs ({lag['answered_visibly']} answered visibly "
        f"in {lag['wall_s']:.2f} s)",
        f"event-loop lag ms: p50 {loop['p50_ms']:.2f}  p95 {loop['p95_ms']:.2f}  max "
        f"{loop['max_ms']:.2f}  ({loop['ticks']} ticks of {loop['tick_ms']:.0f} ms; idle max "
        f"{lag['idle_loop_lag']['max_ms']:.2f})",
        f"time to ack ms: p50 {ack['p50_ms']:.1f}  p95 {ack['p95_ms']:.1f}  max "
        f"{ack['max_ms']:.1f}",
        f"time to answer ms: p50 {done['p50_ms']:.1f}  p95 {done['p95_ms']:.1f}  max "
        f"{done['max_ms']:.1f}",
    ]
