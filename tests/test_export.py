"""Exports parse back to the store's content; builds of the same corpus export byte-identically."""

from __future__ import annotations

import io
import json
import shutil

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import FORMATS, export, export_store
from kg.pipeline import build
from kg.store import current_generation, open_read, snapshot_path

from .conftest import CORPUS

RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}


def exported(store_root, fmt: str, run_times: bool = True) -> bytes:
    """What `kg export` writes: read from the live generation's N-Quads snapshot."""
    out = io.BytesIO()
    export_store(store_root, fmt, out, run_times=run_times)
    return out.getvalue()


def exported_from_the_store(store_root, fmt: str) -> bytes:
    out = io.BytesIO()
    export(open_read(store_root), fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_snapshot_exports_what_the_store_holds(seed_store, fmt):
    assert snapshot_path(current_generation(seed_store)).exists()
    assert exported(seed_store, fmt) == exported_from_the_store(seed_store, fmt)


def test_a_store_without_a_snapshot_exports_from_the_store_itself(tmp_path, seed_store):
    # a store written before snapshots existed
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    snapshot_path(current_generation(store)).unlink()
    assert exported(store, "nquads") == exported(seed_store, "nquads")


def store_quads(store_root) -> set[tuple]:
    ds = rdflib.Dataset()
    ds.parse(data=exported(store_root, "nquads").decode("utf-8"), format="nquads")
    return {(s, p, o, g) for s, p, o, g in ds.quads()}


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_dataset_formats_parse_back_to_the_same_quads(seed_store, fmt):
    ds = rdflib.Dataset()
    ds.parse(data=exported(seed_store, fmt).decode("utf-8"), format=RDFLIB_FORMATS[fmt])
    quads = {(s, p, o, g) for s, p, o, g in ds.quads()}
    assert quads == store_quads(seed_store)
    assert len({g for *_, g in quads}) == 5 + 3  # one graph per article, entities, run, ontology


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_triple_formats_parse_back_to_the_union_graph(seed_store, fmt):
    g = rdflib.Graph().parse(data=exported(seed_store, fmt).decode("utf-8"), format=RDFLIB_FORMATS[fmt])
    union = rdflib.Graph()
    for s, p, o, _ in store_quads(seed_store):
        union.add((s, p, o))
    assert isomorphic(g, union)
    assert len(g) == len(union)


def test_no_blank_nodes_anywhere(seed_store):
    assert not any(isinstance(t, rdflib.BNode) for q in store_quads(seed_store) for t in q)


def test_jsonld_is_compacted_against_the_shipped_context_and_fetches_nothing(seed_store, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the JSON-LD export tried to reach the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    doc = json.loads(exported(seed_store, "jsonld"))
    shipped = json.loads((CORPUS.parent / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == shipped["@context"]
    # the context aliases @graph, @id and @type to graph, id and type
    types = {t for graph in doc["graph"] for node in graph.get("graph", []) for t in _list(node.get("type"))}
    assert {"Statement", "NewsArticle", "SpecificResource"} <= types


def test_jsonld_writes_integers_as_numbers(seed_store):
    doc = json.loads(exported(seed_store, "jsonld"))
    text = json.dumps(doc)
    starts = list(_values(doc["graph"], "start"))
    assert starts and all(isinstance(v, int) for v in starts)
    assert all(isinstance(v, int) for v in _values(doc["graph"], "mentionCount"))
    assert '"start": "' not in text


def _values(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            else:
                yield from _values(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from _values(v, key)


def _list(x):
    return x if isinstance(x, list) else [] if x is None else [x]


def test_two_builds_export_byte_identical_sorted_nquads_without_run_times(tmp_path, seed_store):
    other = tmp_path / "again"
    build(CORPUS, other, jobs=1)
    first = exported(seed_store, "nquads", run_times=False)
    second = exported(other, "nquads", run_times=False)
    assert first == second
    assert first.splitlines() == sorted(first.splitlines())
    assert b"startedAtTime" not in first
    assert b"startedAtTime" in exported(other, "nquads")


def test_every_triple_lives_in_exactly_one_graph(seed_store):
    # A union default graph returns a triple once per graph holding it: duplicates would
    # come back as duplicate rows in every query.
    lines = exported(seed_store, "nquads").decode("utf-8").splitlines()
    triples = [line.rsplit(" ", 2)[0] for line in lines]
    assert len(triples) == len(set(triples))


def test_no_text_export_drops_article_bodies_and_quoted_text_but_keeps_offsets(seed_store):
    full = exported(seed_store, "nquads").decode("utf-8").splitlines()
    out = io.BytesIO()
    export(open_read(seed_store), "nquads", out, text=False)
    slim = out.getvalue().decode("utf-8").splitlines()
    dropped = set(full) - set(slim)
    assert set(slim) <= set(full)
    assert {line.split(" ", 2)[1] for line in dropped} == {
        "<https://schema.org/articleBody>", "<http://www.w3.org/ns/oa#exact>",
        "<http://www.w3.org/ns/oa#prefix>", "<http://www.w3.org/ns/oa#suffix>"}
    assert any("<http://www.w3.org/ns/oa#start>" in line for line in slim)


def test_the_union_of_sorted_quad_lines_is_each_triple_once_and_sorted():
    from kg.export import _triple_lines

    s, p = "<https://example.org/s>", "<https://example.org/p>"
    quads = [f'{s} {p} {o} <https://example.org/{g}> .'.encode()
             for o in ('"a"', '"a"@en', '"a"@en-gb', '"a"^^<https://example.org/t>', "<https://example.org/o>",
                       "<https://example.org/o2>", '"a b"')
             for g in ("g1", "g2", "g10")]
    lines = sorted(quads)
    expected = sorted({ln[:ln.rindex(b" <")] + b" ." for ln in lines})  # by set and sort, slowly
    assert _triple_lines(lines) == expected
    assert len(expected) == 7
