"""The CLI reference in docs/cli.md is the --help of the commands as they are."""

from __future__ import annotations

import importlib.util
import re
import shutil

import pytest
from click.testing import CliRunner

from kg import sparql
from kg.cli import main
from kg.store import open_read

from .conftest import ROOT


def test_cli_reference_is_up_to_date():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == module.reference(), "docs/cli.md is stale: run python scripts/cli_reference.py"


GRAPH_DOC = ROOT / "docs" / "graph.md"
NKG_IRI = "https://w3id.org/newskg/ns#"


def _prefixed(iri: str) -> str:
    from kg.vocab import PREFIXES

    # the ontology's graph also uses these two
    known = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#", "dcterms": "http://purl.org/dc/terms/"}
    for prefix, base in sorted(known.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def test_every_term_of_the_ontology_is_documented_in_graph_md():
    import rdflib

    ontology = rdflib.Graph().parse(ROOT / "ontology" / "newskg.ttl", format="turtle")
    terms = {str(s) for s in ontology.subjects() if str(s).startswith(NKG_IRI)}
    assert len(terms) > 60
    doc = GRAPH_DOC.read_text(encoding="utf-8")
    missing = sorted(t for t in terms if not re.search(re.escape(_prefixed(t)) + r"\b", doc))
    assert not missing, f"docs/graph.md does not describe {missing}"


@pytest.fixture(scope="module")
def analysed_store(seed_store, tmp_path_factory):
    """A copy of the seed store with `kg analyze` run on it, so that every graph is there."""
    store = tmp_path_factory.mktemp("analysed") / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    result = CliRunner().invoke(main, ["analyze", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_every_class_and_property_in_a_built_graph_is_documented_in_graph_md(analysed_store):
    used = sparql.run(open_read(analysed_store), "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }")
    terms = {_prefixed(row[0].value) for row in used.rows}
    assert {"nkg:speaker", "prov:wasAttributedTo", "nkg:pageRank", "owl:Class"} <= terms
    doc = GRAPH_DOC.read_text(encoding="utf-8")
    missing = sorted(t for t in terms if not re.search(re.escape(t) + r"\b", doc))
    assert not missing, f"docs/graph.md does not describe {missing}"


def test_every_query_in_graph_md_runs_and_finds_something_in_the_seed_graph(analysed_store):
    blocks = re.findall(r"([^\n]*\n[^\n]*)\n\n```sparql\n(.*?)```", GRAPH_DOC.read_text(encoding="utf-8"),
                        flags=re.DOTALL)
    assert len(blocks) >= 6
    store = open_read(analysed_store)
    for intro, query in blocks:
        results = sparql.run(store, query)
        # a query the document says finds nothing on corpus/ must still run
        if "this finds nothing" not in intro:
            assert results.rows, f"no rows from the query in docs/graph.md:\n{query}"
        else:
            assert not results.rows, f"docs/graph.md says this finds nothing on corpus/:\n{query}"


README = ROOT / "README.md"


def test_readme_commands_table_lists_every_command():
    table = re.findall(r"^\| `kg (\w+)", README.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert sorted(set(table)) == sorted(main.commands)


def test_readme_push_example_shows_the_triple_counts_of_the_shipped_corpus(seed_store):
    text = README.read_text(encoding="utf-8")
    graphs = {row[0].value: int(row[1].value) for row in sparql.run(
        open_read(seed_store), "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows}
    shown = dict(re.findall(r"^(https://w3id\.org/newskg/id/graph/\S+),(\d+)$", text, flags=re.MULTILINE))
    assert shown, "the README's push example lost its output"
    assert {g: int(n) for g, n in shown.items()} == {g: graphs[g] for g in shown}, "update the README's counts"
    assert re.search(rf"^Pushed {len(graphs)} graphs to ", text, flags=re.MULTILINE), f"the store has {len(graphs)} graphs"


def test_readme_gives_the_seed_page_size_that_kg_view_draws(seed_store, tmp_path):
    result = CliRunner().invoke(main, ["view", "--store", str(seed_store), "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0, result.output
    drawn = re.search(r": (\d+) entities, (\d+) edges\.$", result.output.strip()).groups()
    shown = re.search(r"\| seed: (\d+) entities, (\d+) edges \|", README.read_text(encoding="utf-8")).groups()
    assert shown == drawn, "update the README's seed page row (and regenerate docs/seed-graph.png)"
