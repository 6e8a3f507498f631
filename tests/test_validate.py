"""SHACL validation: the built graph conforms; a graph that breaks a shape fails with a report."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import current_generation, generation_nquads, sorted_lines, write_snapshot
from kg.vocab import NKG, SCHEMA


def test_built_graph_conforms(seed_store):
    result = CliRunner().invoke(main, ["validate", "--store", str(seed_store)])
    assert (result.exit_code, result.output) == (0, "The graph conforms to the contract's shapes.\n")


def _edited(store, change) -> None:
    """Change the live generation's quads as a build would: the store, then its N-Quads snapshot."""
    generation = current_generation(store)
    db = ox.Store(str(generation))
    change(db)
    db.flush()
    write_snapshot(generation, sorted_lines(db.dump(format=ox.RdfFormat.N_QUADS)))
    del db


def test_statement_with_two_acts_and_no_text_fails_validation(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    changed = []

    def two_acts_no_text(db):
        statement = next(iter(db.quads_for_pattern(None, ox.NamedNode(str(NKG.act)), None, None)))
        db.add(ox.Quad(statement.subject, ox.NamedNode(str(NKG.act)), ox.NamedNode(str(NKG.Praise)),
                       statement.graph_name))
        db.add(ox.Quad(statement.subject, ox.NamedNode(str(NKG.act)), ox.NamedNode(str(NKG.Criticize)),
                       statement.graph_name))
        for q in list(db.quads_for_pattern(statement.subject, ox.NamedNode(str(SCHEMA.text)), None, None)):
            db.remove(q)
        changed.append(statement.subject.value)

    _edited(store, two_acts_no_text)
    result = CliRunner().invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the graph breaks the contract (2 violations):\n")
    assert "A statement has exactly one of the seven acts." in result.output
    assert "A statement has exactly one non-empty schema:text." in result.output
    assert changed[0] in result.output


def _broken_copy(tmp_path, seed_store, change) -> str:
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    _edited(store, change)
    result = CliRunner().invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 1
    return result.output


def test_entity_with_two_base_types_fails(tmp_path, seed_store):
    def add_second_type(db):
        person = ox.NamedNode("https://schema.org/Person")
        q = next(iter(db.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), person, None)))
        db.add(ox.Quad(q.subject, ox.NamedNode(RDF_TYPE), ox.NamedNode("https://schema.org/Place"), q.graph_name))

    output = _broken_copy(tmp_path, seed_store, add_second_type)
    assert "An entity has exactly one of the five base types." in output


def test_earliest_after_latest_fails(tmp_path, seed_store):
    def swap_dates(db):
        s = next(iter(db.quads_for_pattern(None, ox.NamedNode(str(NKG.act)), None, None)))
        for p in (NKG.earliest, NKG.latest):
            for q in list(db.quads_for_pattern(s.subject, ox.NamedNode(str(p)), None, None)):
                db.remove(q)
        date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
        db.add(ox.Quad(s.subject, ox.NamedNode(str(NKG.earliest)), ox.Literal("2020-02-02", datatype=date), s.graph_name))
        db.add(ox.Quad(s.subject, ox.NamedNode(str(NKG.latest)), ox.Literal("2020-01-01", datatype=date), s.graph_name))

    output = _broken_copy(tmp_path, seed_store, swap_dates)
    assert "nkg:earliest is missing a valid date or is after nkg:latest." in output


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _two_acts_no_text(db):
    s = next(iter(db.quads_for_pattern(None, ox.NamedNode(str(NKG.act)), None, None)))
    db.add(ox.Quad(s.subject, ox.NamedNode(str(NKG.act)), ox.NamedNode(str(NKG.Criticize)), s.graph_name))
    for q in list(db.quads_for_pattern(s.subject, ox.NamedNode(str(SCHEMA.text)), None, None)):
        db.remove(q)


def _second_base_type(db):
    q = next(iter(db.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode("https://schema.org/Person"), None)))
    db.add(ox.Quad(q.subject, ox.NamedNode(RDF_TYPE), ox.NamedNode("https://schema.org/Place"), q.graph_name))


def _selector_without_start(db):
    for q in list(db.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/oa#start"), None, None))[:3]:
        db.remove(q)


def test_rudof_reports_the_same_violations_as_pyshacl(tmp_path, seed_store):
    from kg.store import open_read
    from kg.validate import validate

    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    db = ox.Store(str(current_generation(store)))
    for change in (_two_acts_no_text, _second_base_type, _selector_without_start):
        change(db)
    db.flush()
    del db

    def comparable(report):
        # blank nodes (the selectors) have engine-made labels: compare them as blank
        return sorted((("_:" if v.focus.startswith("_:") or "/" not in v.focus else v.focus), v.path,
                       v.component, v.message) for v in report.found)

    rudof = validate(open_read(store), engine="rudof")
    pyshacl = validate(open_read(store), engine="pyshacl")
    assert not rudof.conforms and rudof.violations >= 6  # two on the statement, one on the entity, three selectors
    assert comparable(rudof) == comparable(pyshacl)


def test_a_quote_repeated_in_one_article_still_conforms(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        '"We will win the vote next week," Jane Roe said on Monday.\n\n'
        "The council met for hours and nothing was settled.\n\n"
        '"We will win the vote next week," Jane Roe said again.\n', encoding="utf-8")
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "--store", str(store), "-q", "-j", "1"]).exit_code == 0
    result = runner.invoke(main, ["validate", "--store", str(store)])
    assert (result.exit_code, result.output) == (0, "The graph conforms to the contract's shapes.\n")
    count = runner.invoke(main, ["query", "SELECT (COUNT(?ev) AS ?n) WHERE { ?s a nkg:Statement ; nkg:evidence ?ev }",
                                 "--store", str(store), "--format", "csv"])
    assert count.output.split() == ["n", "2"]


def _speaker_without_type(db):
    # the statements of this speaker sit in the articles' graphs, its types in the entities' graph
    speaker = next(iter(db.quads_for_pattern(None, ox.NamedNode(str(NKG.speaker)), None, None))).object
    for q in list(db.quads_for_pattern(speaker, ox.NamedNode(RDF_TYPE), None, None)):
        db.remove(q)


def _conflict_with_an_article(db):
    # a conflict across two articles' graphs, with a node that is no statement
    statements = [q for q in db.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(NKG.Statement)), None)]
    first = statements[0]
    other = next(q for q in statements if q.graph_name != first.graph_name)
    article = next(iter(db.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(SCHEMA.NewsArticle)),
                                             other.graph_name))).subject
    db.add(ox.Quad(first.subject, ox.NamedNode(str(NKG.conflictsWith)), other.subject, first.graph_name))
    db.add(ox.Quad(first.subject, ox.NamedNode(str(NKG.conflictsWith)), article, first.graph_name))


def test_in_chunks_of_one_graph_rudof_reports_what_pyshacl_reports_of_the_whole(tmp_path, seed_store, monkeypatch):
    import kg.validate
    from kg.store import open_read

    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    db = ox.Store(str(current_generation(store)))
    for change in (_two_acts_no_text, _second_base_type, _selector_without_start, _speaker_without_type,
                   _conflict_with_an_article):
        change(db)
    db.flush()
    del db
    monkeypatch.setattr(kg.validate, "CHUNK_LINES", 1)
    lines = sorted_lines(open_read(store).dump(format=ox.RdfFormat.N_QUADS))
    # statements reported by two or three articles tie the first four articles' graphs together:
    # those four, the fifth, the entities and the run
    assert len(kg.validate.data_chunks(lines, kg.validate.shapes_text())) == 4
    rudof = kg.validate.validate(open_read(store), engine="rudof")
    pyshacl = kg.validate.validate(open_read(store), engine="pyshacl")
    components = {(v.path.rsplit("#", 1)[-1], v.component) for v in rudof.found}
    # the speaker's statements, checked away from the entity's graph, miss its type all the same
    assert ("speaker", "OrConstraintComponent") in components
    assert ("conflictsWith", "ClassConstraintComponent") in components
    assert rudof.found == pyshacl.found


def test_every_node_has_all_its_triples_in_one_chunk_and_the_types_of_what_it_points_to(seed_store):
    from kg.validate import data_chunks, shapes_text

    lines = generation_nquads(seed_store)
    chunks = data_chunks(lines, shapes_text(), chunk_lines=1)
    whole = data_chunks(lines, shapes_text(), chunk_lines=10**9)
    assert len(whole) == 1 and len(chunks) == 4  # as in the test above
    homes = [c.home for c in chunks]
    assert sum(len(h) for h in homes) == len(set().union(*homes))  # no node is home twice
    typed: dict[str, set[str]] = {}
    for triple in whole[0].data.splitlines():
        if triple.split(" ")[1] == f"<{RDF_TYPE}>":
            typed.setdefault(triple.split(" ")[0], set()).add(triple)
    for chunk in chunks:
        held = set(chunk.data.splitlines())
        for triple in held:
            subject, predicate, obj = triple.removesuffix(" .").split(" ", 2)
            if subject[1:-1] not in chunk.home:  # a node pointed to from here: its types only
                assert predicate == f"<{RDF_TYPE}>"
            elif obj.startswith("<") and obj[1:-1] not in chunk.home:
                assert typed.get(obj, set()) <= held
    own = sorted(t for c in chunks for t in c.data.splitlines() if t.split(" ", 1)[0][1:-1] in c.home)
    assert own == sorted(whole[0].data.splitlines())  # together, the chunks hold the data once
    assert "articleBody" not in whole[0].data  # no shape reads the bodies


def test_a_value_checked_beyond_its_type_in_another_graph_keeps_the_data_whole(seed_store):
    from kg.validate import data_chunks, shapes_text

    lines = generation_nquads(seed_store)
    evidence = next(ln for ln in lines if b"ns#evidence>" in ln and b"/statement/" in ln).split(b" ")[2]
    moved = [ln[:ln.rindex(b" <")] + b" <https://w3id.org/newskg/id/graph/elsewhere> ."
             for ln in lines if ln.startswith(evidence + b" ")]
    assert moved
    kept = [ln for ln in lines if not ln.startswith(evidence + b" ")]
    assert len(data_chunks(sorted(kept + moved), shapes_text(), chunk_lines=1)) == 1
    assert data_chunks(sorted(kept + moved), shapes_text(), chunk_lines=1)[0].home is None


@pytest.mark.parametrize("extra", [
    "nkgsh:X a sh:NodeShape ; sh:targetNode nkg:a ; sh:closed false .",
    "nkgsh:X a sh:NodeShape ; sh:targetSubjectsOf nkg:a .",
    "nkgsh:X a sh:NodeShape ; sh:targetClass nkg:a ; sh:property [ sh:path [ sh:inversePath nkg:b ] ; sh:maxCount 1 ] ."])
def test_shapes_that_look_past_a_node_and_its_values_keep_the_data_whole(seed_store, extra):
    from kg.validate import ShapesPlan, data_chunks, shapes_text

    shapes = shapes_text() + "\n" + extra + "\n"
    assert not ShapesPlan.of(shapes).chunkable
    assert [c.home for c in data_chunks(generation_nquads(seed_store), shapes, chunk_lines=1)] == [None]


def test_the_shapes_read_values_beyond_their_types_only_under_evidence_and_speaker_mention():
    from kg.validate import ShapesPlan, shapes_text

    plan = ShapesPlan.of(shapes_text())
    assert plan.chunkable and plan.predicates is not None
    assert plan.deep_paths == {f"<{NKG.evidence}>".encode(), f"<{NKG.speakerMention}>".encode()}
