"""build(corpus, store): the whole flow, as the CLI and the tests call it.

corpus -> spaCy -> extraction records (cached per text and date, in parallel) -> resolution -> RDF
-> a new store generation, swapped in only when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from . import graph, nlp
from .cache import ExtractionCache
from .corpus import ABSOLUTE_URL, Corpus, scan
from .errors import KgError, StoreError
from .extract import EXTRACTOR_VERSION, extract
from .gcpause import cyclic_gc_paused
from .records import Article, ArticleExtraction, Resolution
from .resolve import resolve
from .resolve.entities import Curation
from .store import (
    build_lock,
    check_writable,
    copy_generation,
    digest,
    discard,
    generation_nquads,
    graph_names,
    load_lines,
    new_generation,
    replace_graphs,
    swap_in,
    write_snapshot,
)
from .vocab import DEFAULT_BASE

Progress = Callable[[int], None]  # called with the number of articles just extracted
BATCH = 16  # articles per task sent to a worker process


# A build that changes at most this share of the quads copies the live generation and replaces the
# changed graphs; above it, loading everything afresh is as quick.
INCREMENTAL_SHARE = 0.2
# Copies are compacted once the quads added and removed since the last compaction pass this share
# of the graph. Compacting PolNeAR-train takes 1.2-1.5 s, more than the rest of writing one changed
# article (about 4,000 quads removed and added); uncompacted, even 88,000 changed quads (15 %: the
# entities' graph and three articles' rewritten) slowed the shipped queries by 0-15 % (who-said-what
# 1.19-1.35 s against 1.17 s). So about every seventh one-article build compacts.
COMPACT_AFTER = 0.05


class ExtractionError(KgError):
    """Extraction stopped: a bug on an article (named in the message), or a worker process that died."""


@dataclass(frozen=True)
class BuildReport:
    articles: int
    extracted: int  # articles parsed in this build (the rest came from the cache)
    statements: int
    entities: dict[str, int]  # base type (or UnnamedSource) -> count
    facts: int
    seconds: float
    store: Path
    unchanged: bool = False  # nothing changed since the last build: the graph was kept as it was
    timings: dict[str, float] = field(default_factory=dict)
    # named graphs written into the new generation, of all: fewer where the live one was reused
    graphs_written: tuple[int, int] | None = None


def build(
    corpus_path: str | Path,
    store_root: Path,
    *,
    model: str = nlp.DEFAULT_MODEL,
    jobs: int | None = None,
    base: str = DEFAULT_BASE,
    curation_path: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> BuildReport:
    """Build the graph of the corpus at `corpus_path` into `store_root`, reusing cached extractions.

    With `scheduler` (a Dask scheduler's address), the articles are extracted on that cluster's
    workers instead of `jobs` local processes; the rest of the build runs here as always."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    if not ABSOLUTE_URL.fullmatch(base):
        raise KgError(f"--base {base!r} is not an absolute IRI without spaces. Give one such as "
                      f"{DEFAULT_BASE}.")
    if scheduler:
        from .cluster import check_address

        check_address(scheduler)
    corpus = scan(corpus_path)
    curation = _read_curation(corpus, curation_path)
    check_writable(store_root)
    with _write_errors(store_root), build_lock(store_root):
        fingerprint = _fingerprint(corpus, model, base, curation_path)
        if _last_fingerprint(store_root) == fingerprint:
            try:
                return _unchanged_report(store_root, len(corpus), time.perf_counter() - t0)
            except StoreError:
                pass  # the live generation does not open (damaged on disk): build it again
        cache = ExtractionCache(store_root / "cache.sqlite", f"{extractor_fingerprint()}:{model}")
        try:
            keys = corpus.extraction_keys
            with cyclic_gc_paused():  # reads the cached records: many small objects (kg.gcpause)
                todo = cache.missing(keys.values())
            todo_ids = {i for i, key in keys.items() if key in todo}
            if on_start:
                on_start(len(todo_ids))
            t = time.perf_counter()
            language_model = _extract_into(cache, corpus, todo_ids, model, jobs, progress, scheduler)
            timings["extract"] = time.perf_counter() - t
            ids_by_key: dict[str, list[str]] = {}
            for article_id, key in keys.items():
                ids_by_key.setdefault(key, []).append(article_id)
            cache.prune(set(keys.values()))
            # from here on, the records of the corpus and what is made of them are millions of small
            # objects that live until the build ends (kg.gcpause)
            with cyclic_gc_paused():
                records = cache.get_all(ids_by_key)
        finally:
            cache.close()
        with cyclic_gc_paused():
            t = time.perf_counter()
            extractions = [records[i] for i in corpus.ids]
            resolution = resolve(extractions, corpus.publishers, curation)
            timings["resolve"] = time.perf_counter() - t
            started = datetime.fromtimestamp(time.time() - (time.perf_counter() - t0), tz=UTC)
            t = time.perf_counter()
            rewritten = write_graph(store_root, corpus, resolution, language_model or _model_name(model), base,
                                    started, fingerprint)
            timings["write"] = time.perf_counter() - t
    return BuildReport(
        articles=len(corpus),
        extracted=len(todo_ids),
        statements=len(resolution.statements),
        entities=dict(Counter(e.type for e in resolution.entities)),
        facts=len(resolution.facts),
        seconds=time.perf_counter() - t0,
        store=store_root,
        timings=timings,
        graphs_written=rewritten,
    )


@contextmanager
def _write_errors(store_root: Path) -> Iterator[None]:
    """A file the build cannot write (a full disk) as one line; write_graph has kept the old graph."""
    try:
        yield
    except (OSError, sqlite3.Error) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise StoreError(f"Cannot write to store {store_root} ({reason}). Free disk space (or fix the store's "
                         "permissions) and build again; the previous graph is untouched.") from None


def write_graph(
    store_root: Path,
    corpus: Corpus,
    resolution: Resolution,
    language_model: str,
    base: str,
    started: datetime,
    fingerprint: str,
) -> tuple[int, int]:
    """Write the graph into a new generation and swap it in; on any failure the old one stays.
    Returns how many of the named graphs were written, and how many there are.

    What each named graph is made from is digested first (graph.graph_inputs): a graph whose
    inputs are the live generation's is not made again. Where the rest is a small share (one
    article changed), the new generation is a hard-linked copy of the live one with just the
    graphs whose quads differ replaced; otherwise all quads are bulk-loaded into an empty one.
    Both give the same quads."""
    run = graph.Run(tuple(corpus.ids), language_model, started, datetime.now(UTC))
    live = _last_manifest(store_root)
    inputs = graph.graph_inputs(corpus.signature(), resolution, run, base, code_fingerprint(*GRAPH_CODE))
    # graph -> [digest of its inputs, digest of its N-Quads lines, how many]; other shapes: older builds
    known = {g: k for g, k in (live.get("graphs") or {}).items() if isinstance(k, list) and len(k) == 3}
    kept = {g for g, d in inputs.items() if g in known and known[g][0] == d}
    redo = set(inputs) - kept
    # how many quads each graph holds, a new graph counted as the average known one
    average = sum(k[2] for k in known.values()) / len(known) if known else 0.0
    size = {g: known[g][2] if g in known else average for g in inputs}
    incremental = bool(known) and sum(size[g] for g in redo) <= INCREMENTAL_SHARE * sum(size.values())
    if incremental:
        try:
            generation, ox_store = copy_generation(store_root)
        except (OSError, RuntimeError):  # the live generation does not open (damaged): write all afresh
            incremental = False
    if not incremental:
        generation, ox_store = new_generation(store_root)
    try:
        by_graph = _graph_lines(corpus, resolution, run, base, redo if incremental else None)
        for g in redo if incremental else inputs:
            by_graph.setdefault(g, [])  # a graph with no quads (no entities yet) is one too
        outputs = {g: digest(lines) for g, lines in by_graph.items()}
        graphs = {g: [inputs[g], outputs[g], len(by_graph[g])] if g in by_graph else known[g] for g in inputs}
        stale = sorted(g for g in by_graph if known.get(g, (None, None))[1] != outputs[g])
        if incremental:
            # the changed graphs; gone: those of deleted articles, and any the build did not write
            # (`kg analyze` results: a new generation starts without them, as a full build's does)
            gone = graph_names(ox_store) - set(inputs)
            lines, changed = replace_graphs(ox_store, generation_nquads(store_root),
                                            {g: by_graph[g] for g in stale}, gone)
            del by_graph
        else:
            written = [line for lines in by_graph.values() for line in lines]
            del by_graph
            load_lines(ox_store, written)
            lines = sorted(set(written))
            del written
            changed = 0
        ox_store.flush()
        uncompacted = int(live.get("uncompacted", 0)) + changed if incremental else 0
        # A finished generation is only read: compact it, so that queries scan one sorted layout
        # instead of the bulk loader's many files (1.5-2x faster reads), or a copy's added files and
        # deletions once they are many (COMPACT_AFTER).
        if not incremental or uncompacted > COMPACT_AFTER * len(lines):
            ox_store.optimize()
            uncompacted = 0
        del ox_store
        write_snapshot(generation, lines)
        manifest = {"fingerprint": fingerprint, "language_model": language_model, "graphs": graphs,
                    "uncompacted": uncompacted}
        (generation.parent / f"{generation.name}.json").write_text(json.dumps(manifest), encoding="utf-8")
        swap_in(store_root, generation)
    except BaseException:
        discard(generation)
        raise
    return (len(stale) if incremental else len(inputs)), len(inputs)


def _graph_lines(corpus: Corpus, resolution: Resolution, run: graph.Run, base: str,
                 only: set[str] | None) -> dict[str, list[bytes]]:
    """N-Quads lines by graph IRI: of every graph, or of those in `only` (reading only their articles)."""
    iris = graph.Iris(base)
    ids = None if only is None else {i for i in corpus.ids if iris.article_graph(i)[1:-1] in only}
    by_graph: dict[str, list[bytes]] = {}
    for quad in graph.quads(corpus.articles(ids), resolution, run, base, only):
        lines = by_graph.get(quad[3])
        if lines is None:
            lines = by_graph[quad[3]] = []
        lines.append(graph.quad_line(quad).encode("utf-8"))
    return {g[1:-1]: lines for g, lines in by_graph.items()}


def _extract_into(
    cache: ExtractionCache, corpus: Corpus, ids: set[str], model: str, jobs: int | None,
    progress: Progress | None, scheduler: str | None = None,
) -> str | None:
    """Parse and extract the articles `ids`, storing each record in the cache as it arrives."""
    if not ids:
        return None
    if scheduler:
        from .cluster import extract_on_cluster

        batches = _batches(corpus.articles(ids), BATCH)
        return _extract_results(cache, extract_on_cluster(scheduler, batches, model, extractor_fingerprint()),
                                progress)
    jobs = max(1, min(jobs or os.cpu_count() or 1, (len(ids) + BATCH - 1) // BATCH))
    batches = _batches(corpus.articles(ids), BATCH)
    if jobs == 1:
        _init_worker(model)
        results: Iterable[tuple[str, list[ArticleExtraction]]] = map(_extract_batch, batches)
        language_model = _extract_results(cache, results, progress)
        return language_model
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    nlp.check_installed(model)  # a pipeline that is not there fails here, not in every worker
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    # concurrent.futures rather than multiprocessing.Pool: a worker that dies (killed, out of
    # memory) breaks the executor and every pending batch raises, where a Pool waits for its
    # batch forever; and its shutdown cannot deadlock on an error as Pool.terminate once did.
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(model,))
    try:
        # submit a window at a time, so that memory stays bounded
        return _extract_results(cache, _windowed(pool, batches, jobs * 4), progress)
    except BrokenProcessPool:
        raise ExtractionError(
            "A worker process stopped during extraction (it was killed, or the machine ran out of memory). "
            "The previous graph is untouched and the articles extracted so far are cached: build again, "
            "with fewer --jobs if memory is short.") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _extract_results(cache: ExtractionCache, results, progress: Progress | None) -> str | None:
    language_model = None
    for language_model, records in results:
        for record in records:
            cache.put(record)
        cache.commit()
        if progress:
            progress(len(records))
    return language_model


def _windowed(pool, batches: Iterator[list[Article]], window: int):
    """The results of the batches in order, with at most `window` of them submitted at a time."""
    pending: deque = deque()
    for batch in batches:
        pending.append(pool.submit(_extract_batch, batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


_NLP = None
_LOAD_ERROR: KgError | None = None


def _init_worker(model: str) -> None:
    global _NLP, _LOAD_ERROR
    _LOAD_ERROR = None  # in-process builds reuse this module: an earlier failure must not stick
    try:
        _NLP = nlp.load(model)
    # Raised from a pool's initializer, any error makes the pool respawn failing workers forever:
    # keep it and raise it from the first batch instead, where the build reports it.
    except Exception as e:  # noqa: BLE001
        _LOAD_ERROR = e if isinstance(e, KgError) else nlp.ModelError(f"spaCy pipeline {model!r} cannot be "
                                                                       f"loaded: {e}. Name another with --model.")


def _extract_batch(articles: list[Article]) -> tuple[str, list[ArticleExtraction]]:
    if _LOAD_ERROR is not None:
        raise _LOAD_ERROR
    assert _NLP is not None
    return extract_batch(_NLP, articles)


def extract_batch(pipeline, articles: list[Article]) -> tuple[str, list[ArticleExtraction]]:
    """(the pipeline's description, the records of `articles`), parsed with `pipeline`."""
    out = []
    for article, doc in zip(articles, nlp.parse(pipeline, [a.text for a in articles]), strict=True):
        try:
            out.append(extract(doc, article))
        except Exception as e:  # a bug: name the article so it can be reported and reproduced
            raise ExtractionError(
                f"{article.source}: extraction failed ({type(e).__name__}: {e}). "
                "This is a bug in kg; please report it with this article. The previous graph is untouched."
            ) from e
    return nlp.describe(pipeline), out


def extractor_fingerprint() -> str:
    # Extraction output depends on this code only; other changes keep the cache.
    return f"{EXTRACTOR_VERSION}-{code_fingerprint(*EXTRACTION_CODE)}"


# The code and data whose changes change what extraction returns.
EXTRACTION_CODE = ("extract", "documents.py", "entity_lexicon.py", "nlp.py", "records.py", "data")


def _read_curation(corpus: Corpus, path: Path | None) -> Curation | None:
    from .resolve.curation import default_curation_path, read_curation

    path = path or default_curation_path(corpus.root)
    return read_curation(path) if path and path.exists() else None


# The code whose changes change the graph; readers (viewer, analytics, server) are left out so
# that editing them does not rewrite the graph and drop its analytics.
GRAPH_CODE = ("corpus.py", "nlp.py", "records.py", "extract", "resolve", "documents.py", "entity_lexicon.py", "data",
              "graph.py", "vocab.py", "store.py", "pipeline.py", "__init__.py")


def code_fingerprint(*parts: str) -> str:
    """Hash of kg's own source files under `parts` (all of kg/ when none): code changes invalidate."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for sub in parts or (".",):
        target = root / sub
        files = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
        for f in files:
            if "__pycache__" not in f.parts and f.suffix not in (".pyc",):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _fingerprint(corpus: Corpus, model: str, base: str, curation_path: Path | None) -> str:
    """What the graph depends on: texts, metadata, kg's code, model, base, curation file."""
    from .resolve.curation import default_curation_path

    h = hashlib.sha256()
    h.update(f"{code_fingerprint(*GRAPH_CODE)}|{model}|{base}|".encode())
    for entry in corpus.signature():  # the texts were read once by scan(): hashes suffice here
        h.update(repr(entry).encode())
    path = curation_path or default_curation_path(corpus.root)
    if path and path.exists():
        h.update(path.read_bytes())
    return h.hexdigest()


def _last_fingerprint(store_root: Path) -> str | None:
    return _last_manifest(store_root).get("fingerprint")


def _last_manifest(store_root: Path) -> dict:
    """What the live generation's build wrote beside it: fingerprint, model, graph digests ({} if none)."""
    link = store_root / "current"
    if not link.exists():
        return {}
    manifest = link.resolve().parent / f"{link.resolve().name}.json"
    try:
        found = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _unchanged_report(store_root: Path, articles: int, seconds: float) -> BuildReport:
    from .stats import graph_counts

    counts = graph_counts(store_root)
    return BuildReport(articles=articles, extracted=0, statements=counts["statements"],
                       entities=counts["entities"], facts=counts["facts"], seconds=seconds,
                       store=store_root, unchanged=True)


def _model_name(model: str) -> str:
    return nlp.describe(nlp.load(model))
