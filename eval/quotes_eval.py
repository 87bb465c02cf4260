"""Quote extraction and attribution figures: the seed article, BBC dev and PolNeAR.

Run `python -m eval.quotes_eval [--split dev|train] [--problems] [--json]`. Prints a
table of the system beside the naive baseline (same run); --problems lists every BBC
dev miss, --json the figures. `figures()` returns the same numbers for the gate test.

PolNeAR (issue 3, section 4): first annotator per file; gold direct quotes are
attributions whose content starts with a quotation mark ('' included). A system quote
matches a content when their word-token F1 >= 0.5. Recall: gold direct quotes matched
one-to-one, best F1 first. Precision: system quotes that match any gold content (direct
or indirect) or whose words lie >= 80% inside one. Speaker accuracy (issue 10): over
matched gold direct quotes, the system speaker's surname (its first word when the source
says "Mr. Chen" of "Chen Hao": family name first) is one of the source's name
words (a capitalised word, not a pronoun, determiner or title, of a part whose head
before any preposition is a name: "a spokesman for X" names nobody, "X of the Ohio
delegation" names X); a source with no name words ("the CNN host") is unnamed and
right only with no speaker; a source that is only a pronoun or relative ("he",
"which") is not scored. "named" keeps the issue 3 figure: only sources with name words.

BBC dev (issue 10, ../shared/eval/bbc-dev-gold.json): each gold quote's words run from
its `starts` words in its paragraph to its `ends` words. Matching, recall and precision
as for PolNeAR (precision against the gold quotes). A speaker is right when its surname
equals the gold person's, when it holds every word of a gold organisation's name (a
named speaker with a description that is not the person's own document), or, for an
unnamed gold source, when no name is given. A look-up is right when the set of gold ids
of the quotes `match_quotes` returns equals the gold ids (a piece of a gold quote the
system split off counts as that quote; any other quote as "extra").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # `python eval/quotes_eval.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.quotes_baseline import naive_quotes  # noqa: E402
from index.models import Quote  # noqa: E402
from index.quotes.extract import extract_quotes  # noqa: E402
from index.quotes.speakers import match_quotes  # noqa: E402
from index.text import fold_accents, normalize  # noqa: E402

Extractor = Callable[[Sequence[str]], list[Quote]]

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED_FILE = "000_112936baa972ca14.txt"
_MARK_START = ("\u201c", "\u201d", '"', "''", "\u00ab", "\u201e", "\u2018", "``")
_NOT_NAME = frozenset(
    """
    he she it they we i you his her its their the a an this that these those one another
    mr mrs ms miss dr sen rep gov president senator representative secretary governor mayor
    gen general former vice prime minister chief democratic republican
    democrats republicans some many both all
    """.split()
)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold_accents(normalize(text).casefold()))


def _f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def _inside(sys_words: list[str], gold_words: list[str]) -> float:
    if not sys_words:
        return 0.0
    return sum((Counter(sys_words) & Counter(gold_words)).values()) / len(sys_words)


def _name_words(source: str) -> set[str]:
    """Capitalised words of the parts of a source whose head is a name.

    A comma part's head is its last word before any preposition whose object is a name
    ("a spokesman for Tom Hale", "Robert Vane of the Ohio delegation"; in "secretary
    of state Jo Vane" the name is the head): a lowercase head makes the part a description
    ("the CNN host", "Rubio's deputy", "a spokesman for Tom Hale"), with no name
    words, as does "one senior Democrat".
    "Rich Beeson" in "Rubio's deputy, Rich Beeson, who ..." has them; a relative clause
    ("who endorsed Mr. Hale") and a reflexive ("Hale himself") name nobody.
    """
    out: set[str] = set()
    for part in re.split(r",|\b(?:who|whose|which)\b.*", normalize(source)):
        cut = _MODIFIER_TAIL.sub("", part)
        head_of_cut = _head(cut)
        if cut != part and head_of_cut is not None:
            if not _capitalised(head_of_cut) and _NAMED_OBJECT.match(part, len(cut)):
                continue  # "a spokesman for Tom Hale", not "secretary of state Jo Vane"
            if not _capitalised(_head(part) or ""):
                part = cut  # "Robert Vane of the Ohio delegation"
        head = _head(part)
        if head is None or not _capitalised(head):
            continue
        first = re.findall(r"[^\W_][\w.'\u2019&-]*", part)[0]
        if first.casefold() in _DETERMINERS and head.casefold().rstrip("s") in _KINDS:
            continue
        out |= _caps(part)
    return out


def _head(part: str) -> str | None:
    toks = [t for t in re.findall(r"[^\W_][\w.'\u2019&-]*", part)
            if t.casefold() not in _REFLEXIVES]
    return toks[-1] if toks else None


def _capitalised(token: str) -> bool:
    """ "Vane", "al-Awlaki" (a surname after a lowercase particle)."""
    return any(piece[:1].isupper() for piece in token.split("-"))


# A lowercase preposition ends a source's head phrase.
_MODIFIER_TAIL = re.compile(r"\s(?:of|for|to|from|at|in|on|with|by|close|that)\s.*$")
# The object of that preposition is a name ("for Tom Hale", "to the Hales").
_NAMED_OBJECT = re.compile(r"\s\w+\s+(?:(?:the|both)\s+)?[A-Z]")
_REFLEXIVES = frozenset("himself herself themselves itself".split())


_DETERMINERS = frozenset(
    "a an the one another this that some many several two three his her their its".split()
)
_KINDS = frozenset(
    "democrat republican american conservative liberal progressive democrat".split()
)


def _caps(part: str) -> set[str]:
    out: set[str] = set()
    for tok in re.findall(r"[^\W_][\w.'\u2019-]*", part):
        tok = re.sub(r"['\u2019]s$", "", tok).strip(".")
        low = fold_accents(tok.casefold())
        if low not in _NOT_NAME and _capitalised(tok):
            out.add(low)  # "al-Awlaki": a surname after a lowercase particle
    return out


_PRONOUN_SOURCE = frozenset("he she it they we i you her him his who which that said".split())


def _pronoun_source(source: str) -> bool:
    """A source span that is only a pronoun or relative word (or empty) names nobody by itself."""
    return all(w in _PRONOUN_SOURCE for w in _words(source))


def _surname(speaker: str, source: str = "") -> str:
    """The speaker's last name word; the first when the source calls the person by it with
    a courtesy title (family name first: "Chen Hao" is "Mr. Chen")."""
    toks = [t for t in re.findall(r"[^\W_][\w.'\u2019-]*", normalize(speaker))]
    while toks and toks[-1].strip(".").casefold() in ("jr", "sr", "ii", "iii"):
        toks.pop()
    if len(toks) > 1 and re.search(
        r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+" + re.escape(toks[0]) + r"\b", normalize(source)
    ):
        return fold_accents(toks[0].casefold())
    return fold_accents(toks[-1].strip(".").casefold()) if toks else ""


def polnear_articles(split: str, shared: Path = SHARED) -> list[dict]:
    """First annotator per file, in file order."""
    seen: set[str] = set()
    out: list[dict] = []
    with open(shared / "data" / "polnear" / f"{split}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["filename"] in seen:
                continue
            seen.add(rec["filename"])
            out.append(rec)
    return out


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def _polnear_contents(rec: dict) -> list[tuple[list[str], bool, str]]:
    """Each gold attribution's content words, whether it is a direct quote, and its source."""
    contents = []
    for att in rec["attributions"]:
        content = " ".join(c["text"] for c in att["content"]).strip()
        source = " ".join(s["text"] for s in att["source"]).strip()
        direct = content.startswith(_MARK_START)
        contents.append((_words(content), direct, source))
    return contents


def _one_to_one(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(gold, system) pairs taken in the order given, each side used at most once."""
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    return out


def score_polnear(articles: list[dict], extractor: Extractor) -> dict:
    gold_direct = matched = sys_total = sys_ok = spk_total = spk_ok = all_total = all_ok = 0
    for rec in articles:
        contents = _polnear_contents(rec)
        quotes = extractor(paragraphs_of(rec["text"]))
        sys_words = [_words(q.text) for q in quotes]
        sys_total += len(quotes)
        for sw in sys_words:
            if any(_f1(sw, gw) >= 0.5 or _inside(sw, gw) >= 0.8 for gw, _, _ in contents):
                sys_ok += 1
        direct_idx = [i for i, c in enumerate(contents) if c[1]]
        gold_direct += len(direct_idx)
        pairs = sorted(
            ((f, gi, si) for gi in direct_idx for si, sw in enumerate(sys_words)
             if (f := _f1(sw, contents[gi][0])) >= 0.5),
            reverse=True,
        )
        for gi, si in _one_to_one(pairs):
            matched += 1
            names = _name_words(contents[gi][2])
            speaker = quotes[si].speaker
            all_total += 1
            if names:
                spk_total += 1
                if speaker and _surname(speaker, contents[gi][2]) in names:
                    spk_ok += 1
                    all_ok += 1
            elif _pronoun_source(contents[gi][2]):
                all_total -= 1  # "he", "which": who it is needs coreference the gold lacks
            elif not speaker:
                all_ok += 1  # a description ("the CNN host") is an unnamed source
    return {
        "articles": len(articles),
        "gold_direct_quotes": gold_direct,
        "system_quotes": sys_total,
        "recall": round(matched / gold_direct, 4) if gold_direct else 0.0,
        "precision": round(sys_ok / sys_total, 4) if sys_total else 0.0,
        "speaker_accuracy": round(all_ok / all_total, 4) if all_total else 0.0,
        "speaker_scored": all_total,
        "named_speaker_accuracy": round(spk_ok / spk_total, 4) if spk_total else 0.0,
        "named_speaker_scored": spk_total,
    }


def seed_body(shared: Path = SHARED) -> tuple[list[str], dict]:
    """Body paragraphs of the sample article: after title, standfirst, byline; before footers."""
    gold = json.loads((shared / "eval" / "seed-gold.json").read_text(encoding="utf-8"))
    lines = (shared / "corpus" / gold["article"]["file"]).read_text(encoding="utf-8").splitlines()
    footer = set(gold["article"]["not_body"])
    body: list[str] = []
    for line in lines[3:]:
        if line.strip() in footer:
            break
        if line.strip():
            body.append(line.strip())
    return body, gold


def _fold(text: str) -> str:
    return " ".join(_words(text))


def score_seed(extractor: Extractor = extract_quotes, shared: Path = SHARED) -> dict:
    body, gold = seed_body(shared)
    quotes = extractor(body)
    ids: dict[int, str] = {}  # system quote index -> gold id
    found = right = 0
    problems: list[str] = []
    for g in gold["quotes"]:
        hit = None
        for i, q in enumerate(quotes):
            t = _fold(q.text)
            if (
                q.paragraph == g["paragraph"]
                and t.startswith(_fold(g["starts"]))
                and t.endswith(_fold(g["ends"]))
            ):
                hit = i
                break
        if hit is None:
            problems.append(f"{g['id']} not found")
            continue
        found += 1
        ids[hit] = g["id"]
        if quotes[hit].speaker == g["speaker"]:
            right += 1
        else:
            problems.append(f"{g['id']} credited to {quotes[hit].speaker!r}, gold {g['speaker']!r}")
    extra = [q for i, q in enumerate(quotes) if i not in ids]
    for q in extra:
        problems.append(f"extra quote in paragraph {q.paragraph}: {q.text[:40]!r}")
    exact = 0
    for look in gold["speaker_lookups"]:
        got = sorted(ids.get(quotes.index(q), "extra") for q in match_quotes(look["ask"], quotes))
        if got == sorted(look["quotes"]):
            exact += 1
        else:
            problems.append(f"lookup {look['ask']!r}: {got} != {sorted(look['quotes'])}")
    return {
        "gold_quotes": len(gold["quotes"]),
        "found": found,
        "speaker_right": right,
        "extra_quotes": len(extra),
        "lookups": len(gold["speaker_lookups"]),
        "lookups_exact": exact,
        "problems": problems,
    }


BBC_GOLD = "bbc-dev-gold.json"


def bbc_articles(shared: Path = SHARED) -> list[dict]:
    """The hand-labelled BBC dev articles, each with its body paragraphs read in place."""
    gold = json.loads((shared / "eval" / BBC_GOLD).read_text(encoding="utf-8"))
    out: list[dict] = []
    for art in gold["articles"]:
        text = (shared / "data" / "bbc" / "articles" / art["file"]).read_text(
            encoding="utf-8", errors="replace"
        )
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
        body = [" ".join(b.split()) for b in blocks[1:]]  # block 1 is the title line
        out.append({**art, "body": body})
    return out


def _find(seq: list[str], sub: list[str], start: int = 0) -> int:
    for i in range(start, len(seq) - len(sub) + 1):
        if seq[i : i + len(sub)] == sub:
            return i
    return -1


def bbc_gold_words(body: list[str], quote: dict) -> list[str]:
    """The gold quote's words: from its first words in its paragraph to its last words."""
    p = quote["paragraph"] - 1
    words = _words(" ".join(body[p : p + 3]))
    head, tail = _words(quote["starts"]), _words(quote["ends"])
    i = _find(words, head)
    if i < 0:
        return head
    j = _find(words, tail, i + max(0, len(head) - len(tail)))
    if j < 0:
        j = _find(words, tail, i)
    return words[i : j + len(tail)] if j >= 0 else head


def _bbc_speaker_right(gold: dict, speaker: str | None) -> bool:
    """Surname for a person, every word for an organisation, no name for an unnamed source."""
    name = gold["speaker"]
    if name is None:
        return speaker is None
    if not speaker:
        return False
    if _is_gold_organisation(gold):
        return set(_words(name)) <= set(_words(speaker))
    return _surname(speaker) == _surname(name)


def _is_gold_organisation(gold: dict) -> bool:
    """A named speaker with a description is an organisation, unless the description is a
    person's own document ("her defamation lawsuit": the person speaks through it)."""
    desc = (gold.get("speaker_description") or "").casefold()
    return bool(gold.get("speaker") and desc) and not desc.startswith(("her ", "his "))


def _bbc_kind(gold: dict) -> str:
    if gold["speaker"] is None:
        return "unnamed"
    return "organisation" if _is_gold_organisation(gold) else "person"


def _bbc_part_of(ids: dict[int, str], swords: list[list[str]], gwords: list[list[str]],
                 gold: list[dict]) -> dict[int, str]:
    """System quote index -> gold id, with a piece of a gold quote the system split off
    counted as that quote."""
    part_of = dict(ids)
    for si, sw in enumerate(swords):
        if si not in part_of:
            best = max(range(len(gold)), key=lambda gi: _inside(sw, gwords[gi]), default=None)
            if best is not None and _inside(sw, gwords[best]) >= 0.8:
                part_of[si] = gold[best]["id"]
    return part_of


def _bbc_lookups(art: dict, quotes: list[Quote], part_of: dict[int, str],
                 problems: list[str]) -> int:
    """How many of the article's speaker look-ups return exactly the gold quotes."""
    right = 0
    for look in art["speaker_lookups"]:
        got = sorted(
            {part_of.get(quotes.index(q), "extra") for q in match_quotes(look["ask"], quotes)}
        )
        if got == sorted(set(look["quotes"])):
            right += 1
        else:
            problems.append(
                f"{art['file']} look-up {look['ask']!r}: {got} != {sorted(look['quotes'])}"
            )
    return right


def score_bbc(articles: list[dict], extractor: Extractor) -> dict:
    """Quote recall/precision, speaker accuracy and look-ups over the BBC dev articles."""
    gold_total = matched = sys_total = sys_ok = spk_ok = look_total = look_ok = 0
    by_kind: Counter = Counter()
    kind_right: Counter = Counter()
    problems: list[str] = []
    for art in articles:
        body = art["body"]
        quotes = extractor(body)
        gold = art["quotes"]
        gwords = [bbc_gold_words(body, g) for g in gold]
        swords = [_words(q.text) for q in quotes]
        gold_total += len(gold)
        sys_total += len(quotes)
        for si, sw in enumerate(swords):
            if any(_f1(sw, gw) >= 0.5 or _inside(sw, gw) >= 0.8 for gw in gwords):
                sys_ok += 1
            else:
                problems.append(
                    f"{art['file']} extra quote ¶{quotes[si].paragraph}: {quotes[si].text[:50]!r}"
                )
        pairs = sorted(
            ((f, gi, si) for gi, gw in enumerate(gwords) for si, sw in enumerate(swords)
             if (f := _f1(sw, gw)) >= 0.5),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        ids: dict[int, str] = {}  # system quote index -> gold id, one-to-one, best F1 first
        for _, gi, si in pairs:
            if gold[gi]["id"] in ids.values() or si in ids:
                continue
            ids[si] = gold[gi]["id"]
        found = {gid: si for si, gid in ids.items()}
        part_of = _bbc_part_of(ids, swords, gwords, gold)
        for g in gold:
            kind = _bbc_kind(g)
            si = found.get(g["id"])
            if si is None:
                problems.append(f"{art['file']} {g['id']} not found ({g['starts'][:30]!r})")
                continue
            matched += 1
            by_kind[kind] += 1
            if _bbc_speaker_right(g, quotes[si].speaker):
                spk_ok += 1
                kind_right[kind] += 1
            else:
                problems.append(
                    f"{art['file']} {g['id']} credited to {quotes[si].speaker!r} "
                    f"(role {quotes[si].role!r}), gold {g['speaker']!r}"
                )
        look_total += len(art["speaker_lookups"])
        look_ok += _bbc_lookups(art, quotes, part_of, problems)
    return {
        "articles": len(articles),
        "gold_quotes": gold_total,
        "system_quotes": sys_total,
        "recall": round(matched / gold_total, 4) if gold_total else 0.0,
        "precision": round(sys_ok / sys_total, 4) if sys_total else 0.0,
        "speaker_accuracy": round(spk_ok / matched, 4) if matched else 0.0,
        "speaker_by_kind": {k: f"{kind_right[k]}/{by_kind[k]}" for k in sorted(by_kind)},
        "lookups": look_total,
        "lookup_accuracy": round(look_ok / look_total, 4) if look_total else 0.0,
        "problems": problems,
    }


def figures(split: str = "dev", shared: Path = SHARED) -> dict:
    """Seed, BBC dev and PolNeAR figures for the system and the naive baseline, from one run."""
    arts = polnear_articles(split, shared)
    t0 = time.perf_counter()
    system = score_polnear(arts, extract_quotes)
    elapsed = time.perf_counter() - t0
    fig = {
        "seed": score_seed(extract_quotes, shared),
        "polnear": {
            "split": split,
            "system": system,
            "baseline": score_polnear(arts, naive_quotes),
        },
        "seconds": round(elapsed, 2),
    }
    if (shared / "eval" / BBC_GOLD).is_file():
        bbc = bbc_articles(shared)
        fig["bbc"] = {
            "system": score_bbc(bbc, extract_quotes),
            "baseline": score_bbc(bbc, naive_quotes),
        }
    return fig


def _table(fig: dict, problems: bool = False) -> str:
    seed = fig["seed"]
    pol = fig["polnear"]
    rows = [
        f"seed article: {seed['found']}/{seed['gold_quotes']} quotes found, "
        f"{seed['speaker_right']}/{seed['gold_quotes']} right speaker, "
        f"{seed['lookups_exact']}/{seed['lookups']} look-ups exact, {seed['extra_quotes']} extra",
    ]
    rows += [f"  problem: {p}" for p in seed["problems"]]
    if "bbc" in fig:
        bbc = fig["bbc"]
        rows += [
            f"BBC dev ({bbc['system']['articles']} articles, "
            f"{bbc['system']['gold_quotes']} gold quotes, "
            f"{bbc['system']['lookups']} look-ups)",
            f"{'':10} {'recall':>8} {'precision':>10} {'speaker':>8} {'look-ups':>9} "
            f"{'quotes':>7}  by kind",
        ]
        for label in ("system", "baseline"):
            r = bbc[label]
            kinds = ", ".join(f"{k} {v}" for k, v in r["speaker_by_kind"].items())
            rows.append(
                f"{label:10} {r['recall']:>8.3f} {r['precision']:>10.3f} "
                f"{r['speaker_accuracy']:>8.3f} "
                f"{r['lookup_accuracy']:>9.3f} {r['system_quotes']:>7}  {kinds}"
            )
        if problems:
            rows += [f"  problem: {p}" for p in bbc["system"]["problems"]]
    rows += [
        f"PolNeAR {pol['split']} ({pol['system']['articles']} articles, "
        f"{pol['system']['gold_direct_quotes']} gold direct quotes; speaker: every matched quote, "
        "unnamed sources right with no name; named: only sources with a name)",
        f"{'':10} {'recall':>8} {'precision':>10} {'speaker':>8} {'named':>7} {'quotes':>7}",
    ]
    for label in ("system", "baseline"):
        r = pol[label]
        rows.append(
            f"{label:10} {r['recall']:>8.3f} {r['precision']:>10.3f} {r['speaker_accuracy']:>8.3f} "
            f"{r['named_speaker_accuracy']:>7.3f} {r['system_quotes']:>7}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--problems", action="store_true", help="list every BBC dev miss")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "polnear").is_dir():
        print(f"no evaluation data at {args.shared.resolve()}", file=sys.stderr)
        return 2
    fig = figures(args.split, args.shared)
    print(_table(fig, args.problems))
    if args.json:
        print(json.dumps(fig, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
