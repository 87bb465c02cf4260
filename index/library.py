"""The facade the bot, CLI and console hold: one named library over the shared store.

Every operation the product offers goes through here, so a slash command, a console
line and a CLI call take the same road. Methods are synchronous and thread-safe: the
bot calls them through asyncio.to_thread.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index import backup
from index.errors import (
    AmbiguousArticle,
    ArticleNotFound,
    InputError,
    NewsdeskError,
)
from index.ingest import articles as ingest
from index.ingest import layout, limits
from index.ingest.fetch import DEFAULT_POLICY, FetchPolicy
from index.meaning.embedder import Embedder, default_embedder
from index.meaning.filler import VectorFiller
from index.meaning.vectors import VectorIndex, encode_vectors
from index.models import (
    AddOutcome,
    AddReport,
    Answer,
    Article,
    ArticleDraft,
    Digest,
    Quote,
    QuoteLookup,
    SpeakerCount,
    Summary,
)
from index.quotes import extract as quotes_mod
from index.quotes import speakers as speakers_mod
from index.quotes.version import extractor_version
from index.search import answers
from index.search.bm25 import Bm25Index, Bm25Params, Hit
from index.sentences import sentence_spans
from index.store import FeedMark, NewArticle, Store, StoredParagraph, open_store
from index.summaries import digest as digest_mod
from index.summaries import summarize as summarize_mod
from index.text import analyze, clean_input, normalize_body, scrub, tokenize

log = logging.getLogger(__name__)

_QUOTES_VERSION_KEY = "quote_extractor_version"


def body_key(paragraphs: list[str] | tuple[str, ...]) -> str:
    """What two copies of one article share: the hash of the normalized body."""
    return hashlib.sha256(normalize_body(paragraphs).encode("utf-8")).hexdigest()


def article_id_for(key: str) -> str:
    return key[:12]


class FormCounts:
    """How many paragraphs hold each exact word form: tells a name the library has seen
    from one it only shares a stem with."""

    def __init__(self) -> None:
        self._counts = np.zeros(0, dtype=np.int32)

    def load(self, blobs: Sequence[bytes]) -> None:
        ids = np.frombuffer(b"".join(blobs), dtype=np.uint32)
        self._counts = np.bincount(ids).astype(np.int32) if len(ids) else np.zeros(0, np.int32)

    def change(self, blob: bytes, delta: int) -> None:
        ids = np.frombuffer(blob, dtype=np.uint32)
        if not len(ids):
            return
        top = int(ids.max()) + 1
        if top > len(self._counts):
            grown = np.zeros(max(top, 2 * len(self._counts)), dtype=np.int32)
            grown[: len(self._counts)] = self._counts
            self._counts = grown
        self._counts[ids] += delta

    def has(self, form_id: int | None) -> bool:
        return form_id is not None and form_id < len(self._counts) and self._counts[form_id] > 0


BACKGROUND_BATCH = 8
BULK_BATCH = 64


class Semantic:
    """Meaning search for the libraries of one process: the embedder and the worker
    that embeds stored paragraphs in the background (None of it when turned off)."""

    def __init__(self, embedder: Embedder, background: bool = True) -> None:
        self.embedder = embedder
        self.background = background
        self._asking = 0
        self._asking_lock = threading.Lock()
        self._busy_checks: list[Callable[[], bool]] = []
        # in the background small batches leave room for questions; in bulk (reindex, an
        # evaluation, `add` waiting) larger ones cost less per paragraph
        self.filler = VectorFiller(batch=BACKGROUND_BATCH if background else BULK_BATCH,
                                   pause_while=self.busy)

    def busy(self) -> bool:
        """A question is being answered, or the application says it has work waiting."""
        return self._asking > 0 or any(check() for check in self._busy_checks)

    def pause_when(self, check: Callable[[], bool]) -> None:
        """Also hold background embedding while check() says so (the bot: its engine has
        questions queued)."""
        self._busy_checks.append(check)

    @contextmanager
    def asking(self) -> Iterator[None]:
        """Around a question: the background worker starts no batch meanwhile."""
        with self._asking_lock:
            self._asking += 1
        try:
            yield
        finally:
            with self._asking_lock:
                self._asking -= 1

    def close(self) -> None:
        self.filler.stop()


class Libraries:
    """Every library of one store; `get` hands out one Library per name, loading it on
    first use and dropping the least recently used past the memory budget.

    database_url: sqlite:///PATH or postgresql://… (default: the SQLite file in data_dir).
    semantic: meaning search on (the default model, or the Embedder given) or off (pure
    BM25). background: whether paragraphs lacking vectors are embedded in a background
    thread (the bot, the console) or only when asked (`fill_vectors`, one-shot CLI calls).
    memory_budget: bytes the loaded libraries may take (estimated); None: no limit.
    """

    def __init__(self, data_dir: Path, params: Bm25Params | None = None,
                 database_url: str | None = None,
                 fetch_policy: FetchPolicy = DEFAULT_POLICY,
                 semantic: bool | Embedder = False, background: bool = True,
                 memory_budget: int | None = None, store: Store | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.fetch_policy = fetch_policy
        self.store: Store = store or open_store(database_url, self.data_dir,
                                                watch=background)
        self.params = params or answers.DEFAULT_PARAMS
        self.memory_budget = memory_budget
        self._libraries: OrderedDict[str, Library] = OrderedDict()  # least recent first
        self._lock = threading.Lock()
        self.dropped = 0  # libraries dropped to stay within the budget
        self.semantic: Semantic | None = None
        if semantic:
            embedder = semantic if isinstance(semantic, Embedder) else default_embedder()
            self.semantic = Semantic(embedder, background)
        self.store.refresh_quotes(
            _QUOTES_VERSION_KEY, extractor_version(), quotes_mod.extract_quotes
        )

    def get(self, name: str) -> Library:
        name = name.strip()
        if not name:
            raise InputError("a library name cannot be empty")
        with self._lock:
            library = self._libraries.get(name)
            if library is not None:
                self._libraries.move_to_end(name)
                return library
        # loaded outside the lock: other servers' questions go on meanwhile
        library = Library(self.store, name, self.params, self.fetch_policy, self.semantic)
        if self.semantic is not None:
            # loaded while the library was read; a bad model file fails here, once
            self.semantic.embedder.ready()
        with self._lock:
            raced = self._libraries.get(name)
            if raced is not None:  # another thread loaded it meanwhile: one copy
                self._libraries.move_to_end(name)
                return raced
            self._libraries[name] = library
            self._keep_within_budget()
            return library

    def _keep_within_budget(self) -> None:
        """Drop the least recently used libraries while the loaded ones take more than the
        budget (never the one just used: a library larger than the budget still serves)."""
        if self.memory_budget is None:
            return
        total = sum(lib.memory_bytes() for lib in self._libraries.values())
        while total > self.memory_budget and len(self._libraries) > 1:
            name, dropped = self._libraries.popitem(last=False)
            total -= dropped.memory_bytes()
            self.dropped += 1
            log.info("library %s dropped from memory (least recently used; budget %d MB)",
                     name, self.memory_budget // 2**20)

    def loaded(self) -> list[Library]:
        """The libraries held in memory, least recently used first."""
        with self._lock:
            return list(self._libraries.values())

    def memory_bytes(self) -> int:
        """Estimated memory of the loaded libraries."""
        return sum(lib.memory_bytes() for lib in self.loaded())

    def fill_vectors(self, timeout: float | None = None) -> bool:
        """Wait until every opened library's paragraphs have vectors (for `add` in a
        one-shot CLI call, `reindex --vectors` and evaluations); False on timeout."""
        if self.semantic is None:
            return True
        with self._lock:
            opened = list(self._libraries.values())
        for library in opened:
            self.semantic.filler.notify(library)
        return self.semantic.filler.wait_idle(timeout)

    def close(self) -> None:
        if self.semantic is not None:
            self.semantic.close()
        self.store.close()


class Library:
    """One named collection of articles with its search index and quotes."""

    def __init__(self, store: Store, name: str, params: Bm25Params,
                 fetch_policy: FetchPolicy = DEFAULT_POLICY,
                 semantic: Semantic | None = None) -> None:
        self.store = store
        self.fetch_policy = fetch_policy
        self.name = name
        self._id = store.library_id(name)
        self._lock = threading.RLock()
        self._index = Bm25Index(params)
        self._forms = FormCounts()
        self._articles: dict[str, Article] = {}
        self._where: dict[int, tuple[str, int]] = {}
        self._keys_of: dict[str, list[int]] = {}  # article id -> its paragraphs' keys
        self._semantic = semantic
        self._vectors = VectorIndex() if semantic is not None else None
        self._quotes: list[Quote] = []
        # speaker_counts(_quotes) and the names a question may ask about, until quotes change
        self._speakers: tuple[list[SpeakerCount], list[str]] | None = None
        self._data_version = -1  # the store's data_version when last checked
        self._changes = -1  # the library's change count the memory reflects
        self._size: int | None = None  # memory_bytes, until the contents change
        self._load()

    def memory_bytes(self) -> int:
        """An estimate of the memory this library holds: the index's and the vectors'
        arrays, the paragraphs' and quotes' text, and the per-paragraph maps."""
        with self._lock:
            if self._size is None:
                size = _array_bytes(self._index)
                if self._vectors is not None:
                    size += _array_bytes(self._vectors)
                size += sum(len(p) + _STR_OVERHEAD for a in self._articles.values()
                            for p in a.paragraphs)
                size += sum(len(q.text) + _QUOTE_OVERHEAD for q in self._quotes)
                size += len(self._where) * _PARAGRAPH_OVERHEAD
                self._size = size
            return self._size

    def behind(self) -> bool:
        """Whether the store has changes this library's memory does not hold yet (it
        reloads at its next use)."""
        with self._lock:
            return self.store.changes(self._id) != self._changes

    def _load(self) -> None:
        """Read articles, paragraph terms and quotes in one snapshot; the index is built
        from stored terms."""
        with self._lock, self.store.snapshot():
            # everything is read before anything is replaced: a failed reload leaves the
            # previous state whole, and the next call tries again
            data_version = self.store.data_version()
            changes = self.store.changes(self._id)
            self.store.load_new_terms()
            articles = {a.id: a for a in self.store.articles(self._id)}
            rows = list(self.store.paragraph_rows(self._id))
            quotes = self.store.quotes(self._id)
            vectors = None
            if self._vectors is not None and self._semantic is not None:
                model = self._semantic.embedder.version
                vectors = VectorIndex()
                vectors.load(self.store.vector_rows(self._id, model),
                             total=self.store.count_vector_rows(self._id, model))
            self._articles = articles
            self._where = {r.key: (r.article_id, r.n) for r in rows}
            self._keys_of = {}
            for r in rows:
                self._keys_of.setdefault(r.article_id, []).append(r.key)
            self._index.load((r.key, r.blob) for r in rows)
            self._forms.load([r.forms for r in rows])
            self._quotes = quotes
            self._speakers = None
            if self._vectors is not None and vectors is not None:
                self._vectors = vectors
                if len(self._vectors) < len(rows) and self._semantic and self._semantic.background:
                    self._semantic.filler.notify(self)
            self._data_version, self._changes = data_version, changes
            self._size = None

    def _refresh(self) -> None:
        """Before answering: reload when another process changed this library (a CLI
        `add` while the bot runs). Checking costs one PRAGMA; reloading, a cold start."""
        with self._lock:
            version = self.store.data_version()
            if version == self._data_version:
                return
            if self.store.changes(self._id) != self._changes:
                log.info("library %s changed in another process: reloading", self.name)
                self._load()  # records the version it read
            else:
                self._data_version = version

    def _wrote(self, before: int) -> None:
        """After this process's own write: in step unless another process wrote in between."""
        written = self.store.written.get(self._id, before)
        self._changes = written if written == before + 1 else -1

    # -- adding and removing ----------------------------------------------------------

    @property
    def store_id(self) -> int:
        """The library's id in the store (feeds keep their state under it)."""
        return self._id

    def add_draft(self, draft: ArticleDraft, input_name: str | None = None,
                  mark: FeedMark | None = None) -> AddOutcome:
        """Store a parsed article unless the same body is stored already.

        mark: the feed item it comes from, recorded in the same transaction as the
        article (or as settled by the stored copy when it is a duplicate).
        """
        name = input_name or draft.source or draft.title
        return self._add_many([draft], [name], [mark])[0]

    def _add_many(self, drafts: Sequence[ArticleDraft], names: Sequence[str],
                  marks: Sequence[FeedMark | None] = ()) -> list[AddOutcome]:
        with self._lock:
            self._refresh()
            plan = _AddPlan()
            for n, (draft, name) in enumerate(zip(drafts, names, strict=True)):
                self._plan_add(plan, draft, name, marks[n] if n < len(marks) else None)
            if plan.settled:
                self.store.record_items(self._id, plan.settled)
            if not plan.batch:
                return plan.outcomes
            return self._store_batch(plan)

    def _plan_add(self, plan: _AddPlan, draft: ArticleDraft, name: str,
                  mark: FeedMark | None) -> None:
        """One draft's outcome: a duplicate of a stored copy or of one earlier in the
        batch (its feed item settled by that copy), else a new article for the batch."""
        draft = _checked(draft, name)
        key = body_key(draft.paragraphs)
        copy = self._copy_of(key, plan.seen)
        if copy is not None:
            plan.outcomes.append(AddOutcome(name, duplicate_of=copy))
            if mark is not None:
                plan.settled.append((mark, copy.id))
            return
        article = _new_article(draft, key)
        plan.batch.append(_indexed(article, key, draft.source))
        plan.seen[key] = article
        plan.batch_marks.append(mark)
        plan.outcomes.append(AddOutcome(name, article=article))

    def _copy_of(self, key: str, seen: dict[str, Article]) -> Article | None:
        """The stored article with this body, else the one earlier in the batch, else None."""
        existing_id = self.store.find_by_body(self._id, key)
        if existing_id is not None and existing_id not in self._articles:
            self._load()  # another process stored it since this one last looked
        if existing_id is not None and existing_id in self._articles:
            return self._articles[existing_id]
        return seen.get(key)

    def _store_batch(self, plan: _AddPlan) -> list[AddOutcome]:
        """Write the new articles in one transaction and take them into the index."""
        before = self._changes
        stored = self.store.insert_articles(self._id, plan.batch, plan.batch_marks)
        self._wrote(before)
        raced = {item.body_key: paragraphs
                 for item, paragraphs in zip(plan.batch, stored, strict=True)
                 if isinstance(paragraphs, str)}
        if raced:  # another process stored some of them first: one copy, theirs
            self._load()
            return [_stored_copy(o, raced, self._articles) for o in plan.outcomes]
        for item, paragraphs in zip(plan.batch, stored, strict=True):
            if isinstance(paragraphs, str):  # not after the reload above
                continue
            self._take_in(item, paragraphs)
        self._size = None
        if self._semantic is not None and self._semantic.background:
            self._semantic.filler.notify(self)
        return plan.outcomes

    def _take_in(self, item: NewArticle, paragraphs: list[StoredParagraph]) -> None:
        """A newly stored article into the in-memory index, quotes and word forms."""
        self._articles[item.article.id] = item.article
        self._quotes.extend(item.quotes)
        self._speakers = None
        for row in paragraphs:
            self._where[row.key] = (row.article_id, row.n)
            self._keys_of.setdefault(row.article_id, []).append(row.key)
            self._index.add(row.key, row.blob)
            self._forms.change(row.forms, +1)

    def fill_vectors(self, limit: int) -> int:
        """Embed and store up to limit paragraphs that lack a vector from the current
        model; returns how many were embedded. The model runs outside the library's lock,
        so questions are answered meanwhile."""
        if self._semantic is None or self._vectors is None:
            return 0
        model = self._semantic.embedder.version
        todo = self.store.paragraphs_without_vector(self._id, model, limit)
        if not todo:
            self._load_stored_vectors(model)
            return 0
        units = [meaning_units(text) for _, text in todo]
        flat = self._semantic.embedder.embed([u for texts in units for u in texts])
        rows: list[tuple[int, bytes, bytes]] = []
        start = 0
        for (key, _), texts in zip(todo, units, strict=True):
            rows.append((key, *encode_vectors(flat[start:start + len(texts)])))
            start += len(texts)
        written = set(self.store.write_vectors(model, rows))
        with self._lock:
            for key, blob, scales in rows:
                if key in written and key in self._where:
                    self._vectors.add(key, blob, scales)
        return len(todo)

    def drop_vectors(self) -> None:
        """Forget this library's vectors (they are computed again by fill_vectors)."""
        with self._lock:
            self.store.delete_vectors(self._id)
            if self._vectors is not None:
                self._vectors.load([])

    def _load_stored_vectors(self, model: str) -> None:
        """Vectors another process stored (a CLI `add` while the bot runs) for paragraphs
        this one holds without them."""
        with self._lock:
            assert self._vectors is not None
            absent = [key for key in self._where if key not in self._vectors]
        if not absent:
            return
        rows = self.store.vectors_of(absent, model)
        with self._lock:
            for key, blob, scales in rows:
                if key in self._where:
                    self._vectors.add(key, blob, scales)

    def searchable_by_meaning(self, article_id: str) -> bool:
        """Whether every paragraph of the article has its vectors."""
        with self._lock:
            if self._vectors is None:
                return False
            return all(key in self._vectors for key in self._keys_of.get(article_id, ()))

    def vector_coverage(self) -> tuple[int, int]:
        """(paragraphs searchable by meaning, paragraphs)."""
        with self._lock:
            have = len(self._vectors) if self._vectors is not None else 0
            return have, len(self._where)

    def add_inputs(self, inputs: Iterable[str]) -> AddReport:
        """Add files, folders and URLs; each input is reported, bad ones do not stop the rest."""
        report = AddReport()
        for arg in inputs:
            for name, result in ingest.iter_inputs(arg, self.fetch_policy):
                if isinstance(result, NewsdeskError):
                    report.outcomes.append(AddOutcome(name, error=str(result)))
                    continue
                try:
                    report.outcomes.append(self.add_draft(result, name))
                except NewsdeskError as exc:
                    report.outcomes.append(AddOutcome(name, error=str(exc)))
        return report

    def add_text(self, text: str, source: str | None = None) -> AddOutcome:
        """Add pasted text in the text-file format (title line, optional byline, body)."""
        return self.add_draft(layout.parse_text(text, source=source), source or "pasted text")

    def add_bytes(self, data: bytes, filename: str, source: str | None = None) -> AddOutcome:
        """Add an uploaded file (.txt, .md, .html) from its bytes."""
        draft = ingest.parse_bytes(data, filename, source=source)
        return self.add_draft(draft, filename)

    def remove(self, ref: str) -> Article:
        with self._lock:
            article = self.resolve(ref)
            before = self._changes
            removed = self.store.delete_article(self._id, article.id)
            self._wrote(before)
            for row in removed:
                self._index.remove(row.key, row.blob)
                self._forms.change(row.forms, -1)
                self._where.pop(row.key, None)
                if self._vectors is not None:
                    self._vectors.remove(row.key)
            self._keys_of.pop(article.id, None)
            del self._articles[article.id]
            self._quotes = [q for q in self._quotes if q.article_id != article.id]
            self._speakers = None
            self._size = None
            return article

    # -- reading ----------------------------------------------------------------------

    def articles(self) -> list[Article]:
        with self._lock:
            self._refresh()
            return list(self._articles.values())

    def __len__(self) -> int:
        with self._lock:
            self._refresh()
            return len(self._articles)

    def resolve(self, ref: str) -> Article:
        """An article by id (or id prefix), else by a case-insensitive part of its title."""
        wanted = clean_input(ref, "article")
        if not wanted:
            raise ArticleNotFound("name an article: its id or a part of its title")
        with self._lock:
            self._refresh()
            if wanted in self._articles:
                return self._articles[wanted]
            folded = wanted.casefold()
            by_id = [a for a in self._articles.values() if len(folded) >= 4
                     and a.id.startswith(folded)]
            if len(by_id) == 1:
                return by_id[0]
            by_title = [a for a in self._articles.values() if folded in _title_form(a.title)]
        exact = [a for a in by_title if _title_form(a.title) == folded]
        if len(exact) == 1:
            return exact[0]
        if len(by_title) == 1:
            return by_title[0]
        if by_title:
            raise AmbiguousArticle(wanted, [(a.id, a.title) for a in by_title])
        raise ArticleNotFound(f"no stored article matches '{wanted}' (see the list of articles)")

    def quotes_of(self, article_id: str) -> list[Quote]:
        with self._lock:
            self._refresh()
            return [q for q in self._quotes if q.article_id == article_id]

    # -- questions --------------------------------------------------------------------

    def ask(self, question: str, k: int = 3, articles: Sequence[str] = (),
            context: Sequence[str] = ()) -> Answer:
        """The passages that answer question, or none when nothing is relevant enough.

        articles: answer from these articles only (ids or title parts, `ask --article`).
        context: the articles of the answer this question follows up: answered from them
        when they answer it, else from the whole library.
        """
        asked = answers.validate_question(question)
        k = answers.validate_count(k)
        scope_ids = [self.resolve(ref).id for ref in articles]
        if self._semantic is None:
            return self._ask(asked, k, scope_ids, context, None)
        with self._semantic.asking():
            return self._ask(asked, k, scope_ids, context, self._meaning(asked))

    def _ask(self, asked: str, k: int, scope_ids: list[str], context: Sequence[str],
             meaning: answers.Meaning | None) -> Answer:
        with self._lock:
            self._refresh()
            known_context = [a for a in context if a in self._articles]
            known = self._speaker_cache()[1]
            about = speakers_mod.speaker_question(asked, known)
            if about is not None:
                return self._ask_speaker(asked, about[0], about[1], k,
                                         scope_ids or known_context)
            if scope_ids:
                return self._answer(asked, k, meaning, scope_ids)
            if known_context:
                followed = self._answer(asked, k, meaning, known_context)
                if followed.passages:
                    return followed
            return self._answer(asked, k, meaning, None)

    def _answer(self, asked: str, k: int, meaning: answers.Meaning | None,
                scope_ids: Sequence[str] | None) -> Answer:
        scope = None
        if scope_ids is not None:
            scope = [key for a in dict.fromkeys(scope_ids) for key in self._keys_of.get(a, ())]
        return answers.answer(asked, k, self._index, self.store, self._passage_source,
                              self._has_form, meaning, scope)

    def _meaning(self, question: str) -> answers.Meaning | None:
        """The question's vector, when meaning search is on and some paragraph has one."""
        if self._semantic is None or self._vectors is None or not len(self._vectors):
            return None
        embedder = self._semantic.embedder
        return answers.Meaning(embedder.embed_one(question), self._vectors, meaning_units)

    def _has_form(self, form: str) -> bool:
        """Whether some paragraph of this library holds this exact word form."""
        return self._forms.has(self.store.known_term_id(form))

    def _passage_source(self, key: int) -> tuple[Article, int]:
        article_id, n = self._where[key]
        return self._articles[article_id], n

    def _ask_speaker(self, question: str, speaker: str, rest: str, k: int,
                     prefer: Sequence[str] = ()) -> Answer:
        found = speakers_mod.match_quotes(speaker, self._quotes)
        preferred = [q for q in found if q.article_id in prefer]
        found = preferred or found
        ranked = answers.rank_quotes(rest, found, self._term_idf)
        passages = answers.speaker_passages(speaker, ranked, k, self._articles.__getitem__)
        return Answer(question=question, passages=tuple(passages), speaker=speaker,
                      quotes=tuple((q, self._articles[q.article_id]) for q in ranked[:k]))

    def _term_idf(self, term: str) -> float:
        return self._index.idf(self.store.known_term_id(term))

    def ranking(self, question: str, depth: int = 10) -> list[tuple[Article, int, float]]:
        """The re-ranked candidates `ask` answers from, before the relevance rule."""
        asked = answers.validate_question(question)
        meaning = self._meaning(asked)
        with self._lock:
            self._refresh()
            query = answers.QueryWords(asked, self.store)
            ranked = answers.rank(query, self._index, self._passage_source,
                                  max(depth, answers.CANDIDATES), meaning)
            return [(*self._passage_source(r.key), r.score) for r in ranked[:depth]]

    def search_paragraphs(self, query: str, k: int) -> list[tuple[Article, int, float]]:
        """Top k (article, paragraph, score) for a query: the raw BM25 ranking."""
        with self._lock:
            self._refresh()
            terms = [self.store.known_term_id(t) for t in tokenize(query)]
            return [(*self._passage_source(h.key), h.score) for h in self._index.search(terms, k)]

    def bm25_hits(self, query_terms: Sequence[str], k: int) -> list[Hit]:
        """Engine-side top k for already tokenized terms (benchmarks compare this)."""
        with self._lock:
            return self._index.search([self.store.known_term_id(t) for t in query_terms], k)

    # -- quotes -----------------------------------------------------------------------

    def quotes(
        self, speaker: str | None = None, article: str | None = None, text: str | None = None
    ) -> QuoteLookup:
        """Quotes by a speaker, in an article, or containing some words; all when none given."""
        with self._lock:
            self._refresh()
            pool = list(self._quotes)
            articles = dict(self._articles)
        target = None
        if article is not None:
            target = self.resolve(article)
            pool = [q for q in pool if q.article_id == target.id]
        stored = len(pool)
        suggestions: list[str] = []
        if speaker is not None:
            speaker = speakers_mod.validate_speaker_query(speaker)
            matched = speakers_mod.match_quotes(speaker, pool)
            # nobody by that name: an unnamed source /speakers lists by this description
            pool = matched or speakers_mod.described_as(speaker, pool)
            if not pool and stored:
                # people only: a description ("its chairman") is nobody's name
                named = {q.speaker for q in self._quotes if q.speaker}
                names = [s.name for s in self._speaker_counts() if s.name in named]
                suggestions = speakers_mod.suggest_speakers(speaker, names)
        closest: list[Quote] = []
        if text is not None:
            text = answers.validate_question(text)
            found = speakers_mod.quotes_containing(text, pool)
            if not found:
                closest = speakers_mod.closest_quotes(text, pool)
            pool = found
        return QuoteLookup(
            speaker=speaker,
            quotes=tuple((q, articles[q.article_id]) for q in pool),
            suggestions=tuple(suggestions),
            text=text, article=target, stored=stored,
            closest=tuple((q, articles[q.article_id]) for q in closest),
        )

    def _speaker_counts(self) -> list[SpeakerCount]:
        return self._speaker_cache()[0]

    def _speaker_cache(self) -> tuple[list[SpeakerCount], list[str]]:
        """Every speaker with their count, computed once per change of the quotes (ask
        needs the names on every question; 1.9 s each at 105,000 paragraphs before)."""
        with self._lock:
            if self._speakers is None:
                counts = speakers_mod.speaker_counts(self._quotes)
                self._speakers = (counts, [s.name for s in counts if _askable(s.name)])
            return self._speakers

    def speakers(self) -> list[SpeakerCount]:
        with self._lock:
            self._refresh()
            return list(self._speaker_counts())

    # -- summaries --------------------------------------------------------------------

    def summary(self, ref: str, sentences: int = 3) -> Summary:
        n = summarize_mod.validate_sentence_count(sentences)
        article = self.resolve(ref)
        picked = summarize_mod.summarize(article.paragraphs, n, title=article.title)
        quoted = speakers_mod.speaker_counts(self.quotes_of(article.id))
        return Summary(article=article, sentences=tuple(picked), speakers=tuple(quoted))

    def digest(self, topic: str, sentences: int = 5) -> Digest:
        n = summarize_mod.validate_sentence_count(sentences)
        asked = answers.validate_question(topic)
        terms = tokenize(asked)
        with self._lock:
            self._refresh()
            missing = answers.missing_words(asked, self._index, self.store)
            hits = self.search_paragraphs(asked, max(20, n * 4))
        sections = digest_mod.digest(terms, hits, n)
        return Digest(topic=asked, sections=tuple(sections), missing=tuple(missing))

    # -- export and import ------------------------------------------------------------

    def export_to(self, path: Path) -> int:
        """The library as a sealed JSON-lines export (see index.backup); the count."""
        with self._lock:
            self._refresh()
            articles = list(self._articles.values())
            sources = self.store.article_sources(self._id)
        records = (
            {
                "id": a.id, "title": a.title, "standfirst": a.standfirst,
                "authors": list(a.authors), "outlet": a.outlet, "published": a.published,
                "url": a.url, "source": sources.get(a.id), "added_at": a.added_at,
                "paragraphs": list(a.paragraphs),
            }
            for a in articles
        )
        return backup.write_export(Path(path), self.name, records)

    def import_from(self, path: Path) -> tuple[list[Article], list[Article]]:
        """All or nothing: (imported, skipped as already stored)."""
        drafts = backup.read_export(Path(path))
        names = [d.source or d.title for d in drafts]
        outcomes = self._add_many(drafts, names)
        added = [o.article for o in outcomes if o.article is not None]
        skipped = [o.duplicate_of for o in outcomes if o.duplicate_of is not None]
        return added, skipped


def _title_form(title: str) -> str:
    """A title as a look-up compares it: one stored before titles were cleaned may still
    hold invisible characters (never an ASCII one: the cheap test keeps resolve fast)."""
    return title.casefold() if title.isascii() else clean_input(title).casefold()


def _scrubbed(draft: ArticleDraft) -> ArticleDraft:
    """The draft without lone surrogates, whatever road it came by (pasted text, a
    damaged page): they cannot be hashed or stored as UTF-8. Its title, standfirst,
    authors and outlet, which people type to look it up, go through clean_input."""

    def fix(value: str | None) -> str | None:
        return None if value is None else scrub(value)

    def line(value: str | None) -> str | None:  # what people look an article up by
        return None if value is None else clean_input(value) or None

    return replace(
        draft, title=clean_input(draft.title) or scrub(draft.title),
        paragraphs=tuple(scrub(p) for p in draft.paragraphs),
        standfirst=line(draft.standfirst),
        authors=tuple(a for a in (clean_input(a) for a in draft.authors) if a),
        outlet=line(draft.outlet), published=fix(draft.published), url=fix(draft.url),
        source=fix(draft.source),
    )


@dataclass
class _AddPlan:
    """What one call of Library._add_many has decided so far, in input order."""

    outcomes: list[AddOutcome] = field(default_factory=list)
    batch: list[NewArticle] = field(default_factory=list)  # new articles, to store at once
    batch_marks: list[FeedMark | None] = field(default_factory=list)  # aligned with batch
    settled: list[tuple[FeedMark, str | None]] = field(default_factory=list)  # by copies
    seen: dict[str, Article] = field(default_factory=dict)  # body key -> new in this batch


def _checked(draft: ArticleDraft, name: str) -> ArticleDraft:
    """The draft scrubbed and its long paragraphs cut; InputError naming the input when
    it is over the paragraph or vocabulary limit."""
    draft = _scrubbed(draft)
    draft = replace(draft, paragraphs=limits.split_long_paragraphs(draft.paragraphs))
    try:
        limits.check_paragraph_count(len(draft.paragraphs))
        limits.check_vocabulary(draft.paragraphs)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    return draft


def _new_article(draft: ArticleDraft, key: str) -> Article:
    return Article(
        id=article_id_for(key), title=draft.title, paragraphs=draft.paragraphs,
        standfirst=draft.standfirst, authors=draft.authors, outlet=draft.outlet,
        published=draft.published, url=draft.url,
        added_at=draft.added_at or datetime.now(UTC).replace(microsecond=0).isoformat(),
    )


def _indexed(article: Article, key: str, source: str | None) -> NewArticle:
    """The article with its quotes and each paragraph's terms and word forms, as stored."""
    found = [replace(q, article_id=article.id)
             for q in quotes_mod.extract_quotes(article.paragraphs)]
    # A paragraph is indexed under its own words only: the article's title on every
    # paragraph gained 0.4 points of R@1 on SQuAD but, in a library of one article, gives
    # the title's words (the topic itself) an idf near zero.
    analyzed = [analyze(p) for p in article.paragraphs]
    return NewArticle(article, key, source, [t for t, _ in analyzed], found,
                      [f for _, f in analyzed])


def _stored_copy(outcome: AddOutcome, raced: dict[str, str],
                 articles: dict[str, Article]) -> AddOutcome:
    """An outcome rewritten after a reload: an article another process stored first is
    reported as a duplicate of that copy."""
    if outcome.article is None:
        return outcome
    key = body_key(outcome.article.paragraphs)
    if key in raced:
        return replace(outcome, article=None, duplicate_of=articles[raced[key]])
    return outcome


# Sentence vectors kept for one paragraph: a news paragraph has one to four sentences; a
# pathological one (5 MB without breaks, a table) costs at most this many model runs.
MAX_SENTENCE_VECTORS = 6


def meaning_units(paragraph: str) -> list[str]:
    """What a paragraph is embedded as: itself, then each of its sentences when it has
    several (a question is usually about one sentence), at most MAX_SENTENCE_VECTORS."""
    spans = sentence_spans(paragraph)
    sentences = [paragraph[a:b].strip() for a, b in spans]
    sentences = [s for s in sentences if len(s.split()) >= 3][:MAX_SENTENCE_VECTORS]
    return [paragraph, *sentences] if len(sentences) > 1 else [paragraph]


# Estimated bytes a str, a Quote and a paragraph's entries in the maps cost beyond their
# text (CPython object headers, dict slots): the budget is a bound, not an accounting.
_STR_OVERHEAD = 60
_QUOTE_OVERHEAD = 400
_PARAGRAPH_OVERHEAD = 250


def _array_bytes(holder: object) -> int:
    """The bytes of the numpy arrays an index holds, directly or one object down, and
    ~100 bytes per entry of its dicts."""
    total = 0
    for value in vars(holder).values():
        if isinstance(value, np.ndarray):
            total += value.nbytes
        elif isinstance(value, dict):
            total += 100 * len(value)
        elif hasattr(value, "__dict__") and not callable(value):
            total += sum(v.nbytes for v in vars(value).values() if isinstance(v, np.ndarray))
    return total


def _askable(name: str) -> bool:
    """Whether a stored speaker name can be looked up (a damaged attribution must not
    turn every question into an error)."""
    try:
        speakers_mod.validate_speaker_query(name)
    except NewsdeskError:
        return False
    return True
