"""SHACL validation: the built graph conforms; a graph that breaks a shape fails with a report."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import main
from kg.store import current_generation, sorted_lines, write_snapshot
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


def test_the_two_halves_of_the_shapes_hold_each_shape_with_a_target_once():
    # rudof checks the halves side by side: a shape left out would go unchecked, one in both twice
    import re

    from kg.validate import shape_groups, shapes_text

    def names(text: str) -> list[str]:
        return re.findall(r"^(\S+) a sh:NodeShape", text, re.MULTILINE)

    def targeted(text: str) -> list[str]:
        return [n for n in names(text) if re.search(re.escape(n) + r" a sh:NodeShape ;\s*sh:targetClass", text)]

    groups = shape_groups(shapes_text())
    assert len(groups) == 2
    assert sorted(n for g in groups for n in targeted(g)) == sorted(targeted(shapes_text()))
    assert all(set(names(shapes_text())) - set(targeted(shapes_text())) <= set(names(g)) for g in groups)
    assert len(targeted(shapes_text())) == 10  # counted by hand in ontology/shapes.ttl
