"""Engine results -> the JSON shapes of the CLI contract (../shared/DESIGN.md).

Outside scripts parse these; keys may be added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.models import (
    AddReport,
    Answer,
    Article,
    Digest,
    Quote,
    QuoteLookup,
    SpeakerCount,
    Summary,
)

Json = dict[str, Any]


def article(a: Article) -> Json:
    return {
        "id": a.id, "title": a.title, "author": a.author, "authors": list(a.authors),
        "outlet": a.outlet, "published": a.published, "url": a.url,
        "standfirst": a.standfirst, "paragraphs": len(a.paragraphs),
    }


def add_report(report: AddReport) -> Json:
    return {
        "added": [article(o.article) for o in report.outcomes if o.article is not None],
        "duplicates": [{"input": o.input, "article": article(o.duplicate_of)}
                       for o in report.outcomes if o.duplicate_of is not None],
        "refused": [{"input": o.input, "reason": o.error}
                    for o in report.outcomes if o.error is not None],
    }


def article_list(articles: Sequence[Article]) -> Json:
    return {"articles": [article(a) for a in articles]}


def quote(q: Quote, a: Article) -> Json:
    out: Json = {"speaker": q.speaker, "role": q.role, "text": q.text, "article": article(a),
                 "paragraph": q.paragraph}
    if q.end_paragraph is not None and q.end_paragraph != q.paragraph:
        out["end_paragraph"] = q.end_paragraph
    if q.speaker is None:
        out["description"] = q.description
    return out


def show(a: Article, quotes: Sequence[Quote]) -> Json:
    return {
        "article": article(a),
        "paragraphs": [{"n": n, "text": text} for n, text in enumerate(a.paragraphs, start=1)],
        "quotes": [quote(q, a) for q in quotes],
    }


def answer(ans: Answer) -> Json:
    out: Json = {
        "question": ans.question,
        "answers": [
            {"article": article(p.article), "paragraph": p.paragraph, "text": p.text,
             "sentence": p.sentence, "score": round(p.score, 6), "matched": list(p.matched),
             "by": p.by}
            for p in ans.passages
        ],
        "missing": list(ans.missing),
    }
    if ans.speaker is not None:
        out["speaker"] = ans.speaker
        out["quotes"] = [quote(q, a) for q, a in ans.quotes]
    return out


def quote_lookup(lookup: QuoteLookup) -> Json:
    return {
        "speaker": lookup.speaker,
        "quotes": [quote(q, a) for q, a in lookup.quotes],
        "suggestions": list(lookup.suggestions),
        "text": lookup.text,
        "closest": [quote(q, a) for q, a in lookup.closest],
    }


def speakers(counts: Sequence[SpeakerCount]) -> Json:
    return {"speakers": [{"name": s.name, "quotes": s.quotes, "roles": list(s.roles),
                          "articles": s.articles} for s in counts]}


def summary(s: Summary) -> Json:
    return {
        "article": article(s.article),
        "sentences": [{"text": x.text, "paragraph": x.paragraph} for x in s.sentences],
        "speakers": [{"name": sp.name, "role": sp.roles[0] if sp.roles else None,
                      "quotes": sp.quotes} for sp in s.speakers],
    }


def digest(d: Digest) -> Json:
    return {
        "topic": d.topic,
        "sections": [
            {"article": article(sec.article),
             "sentences": [{"text": x.text, "paragraph": x.paragraph} for x in sec.sentences]}
            for sec in d.sections
        ],
        "missing": list(d.missing),
    }
