"""SHACL validation: the built graph conforms; a graph that breaks a shape fails with a report."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import main
from kg.store import current_generation
from kg.vocab import NKG, SCHEMA


def test_built_graph_conforms(seed_store):
    result = CliRunner().invoke(main, ["validate", "--store", str(seed_store)])
    assert (result.exit_code, result.output) == (0, "The graph conforms to the contract's shapes.\n")


def test_statement_with_two_acts_and_no_text_fails_validation(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    db = ox.Store(str(current_generation(store)))
    statement = next(iter(db.quads_for_pattern(None, ox.NamedNode(str(NKG.act)), None, None)))
    db.add(ox.Quad(statement.subject, ox.NamedNode(str(NKG.act)), ox.NamedNode(str(NKG.Praise)),
                   statement.graph_name))
    db.add(ox.Quad(statement.subject, ox.NamedNode(str(NKG.act)), ox.NamedNode(str(NKG.Criticize)),
                   statement.graph_name))
    for q in list(db.quads_for_pattern(statement.subject, ox.NamedNode(str(SCHEMA.text)), None, None)):
        db.remove(q)
    db.flush()
    del db
    result = CliRunner().invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the graph breaks the contract (2 violations):\n")
    assert "A statement has exactly one of the seven acts." in result.output
    assert "A statement has exactly one non-empty schema:text." in result.output
    assert statement.subject.value in result.output
