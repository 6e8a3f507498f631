"""kg.jsonld compacts as pyld does, byte for byte, on the shipped graph and on the corners of the
algorithm; outside the plain subset it steps aside and pyld does the work."""

import json

import pyoxigraph as ox
import pytest

from kg import export
from kg.jsonld import PlainContext, Unsupported
from kg.store import generation_nquads

SHIPPED = export.context()
EX = "http://example.org/"
NKG = "https://w3id.org/newskg/ns#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Every kind of value the compaction treats apart, in two graphs; predicates with a term, with a
# prefix only (a compact IRI) and with neither (the IRI itself).
CORNERS = f"""
<{EX}s1> <{RDF_TYPE}> <{NKG}Statement> <{EX}g1> .
<{EX}s1> <{RDF_TYPE}> <{SCHEMA}Thing> <{EX}g1> .
<{EX}s1> <{RDF_TYPE}> <{EX}Kind> <{EX}g1> .
<{EX}s1> <{NKG}act> <{NKG}Criticize> <{EX}g1> .
<{EX}s1> <{NKG}act> <{NKG}Unknown> <{EX}g1> .
<{EX}s1> <{NKG}act> <{EX}elsewhere> <{EX}g1> .
<{EX}s1> <{NKG}speaker> <{EX}p> <{EX}g1> .
<{EX}s1> <{NKG}speaker> <{SCHEMA}Person> <{EX}g1> .
<{EX}s1> <{NKG}speaker> <{NKG}> <{EX}g1> .
<{EX}s1> <{NKG}speaker> <{NKG}Criticize> <{EX}g1> .
<{EX}s1> <{NKG}speaker> "a name" <{EX}g1> .
<{EX}s1> <{SCHEMA}text> "plain" <{EX}g1> .
<{EX}s1> <{SCHEMA}text> "tagged"@en <{EX}g1> .
<{EX}s1> <{SCHEMA}text> "2020-01-01"^^<{XSD}date> <{EX}g1> .
<{EX}s1> <{SCHEMA}text> <{EX}an-iri> <{EX}g1> .
<{EX}s1> <{SCHEMA}text> <{NKG}Criticize> <{EX}g1> .
<{EX}s1> <{NKG}earliest> "2020-01-02"^^<{XSD}date> <{EX}g1> .
<{EX}s1> <{NKG}earliest> "2020-01"^^<{XSD}gYearMonth> <{EX}g1> .
<{EX}s1> <{NKG}earliest> "plain" <{EX}g1> .
<{EX}s1> <{NKG}confidence> "0.85"^^<{XSD}decimal> <{EX}g1> .
<{EX}s1> <{NKG}confidence> "1"^^<{XSD}integer> <{EX}g1> .
<{EX}s1> <{NKG}confidence> "true"^^<{XSD}boolean> <{EX}g1> .
<{EX}s1> <{NKG}confidence> "2.5E0"^^<{XSD}double> <{EX}g1> .
<{EX}s1> <{NKG}confidence> "NaN"^^<{XSD}double> <{EX}g1> .
<{EX}s1> <{NKG}confidence> "0"^^<{XSD}boolean> <{EX}g1> .
<{EX}s1> <http://www.w3.org/ns/oa#start> "12"^^<{XSD}integer> <{EX}g1> .
<{EX}s1> <http://www.w3.org/ns/oa#start> "-0"^^<{XSD}integer> <{EX}g1> .
<{EX}s1> <{NKG}nameKey> "key" <{EX}g1> .
<{EX}s1> <{NKG}nameKey> "clé"@fr <{EX}g1> .
<{EX}s1> <{NKG}nameKey> <{EX}node> <{EX}g1> .
<{EX}s1> <{EX}bare> "x"^^<{EX}type> <{EX}g1> .
<{EX}s1> <{EX}bare> <{NKG}Report> <{EX}g1> .
<{EX}s2> <{SCHEMA}name> "two" <{EX}g1> .
<{EX}s2> <{SCHEMA}name> "say \\"hi\\"\\n\\ttab \\\\ back \\u0001 \\U0001F600 é <{EX}x> ." <{EX}g1> .
<{EX}a> <{SCHEMA}name> "in another graph" <{EX}g0> .
<{EX}a> <{RDF_TYPE}> "a literal type" <{EX}g0> .
"""


def pyld(quads, ctx):
    return json.dumps(export.to_jsonld_by_pyld(quads, ctx), ensure_ascii=False, indent=1)


def ours(quads, ctx):
    return json.dumps(PlainContext.of(ctx).compact_dataset(quads), ensure_ascii=False, indent=1)


def quads_of(text: str) -> list[ox.Quad]:
    return list(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))


def test_the_shipped_graph_compacts_as_pyld_compacts_it(seed_store):
    quads = quads_of(b"".join(line + b"\n" for line in generation_nquads(seed_store)).decode())
    assert len(quads) > 1000
    assert ours(quads, SHIPPED) == pyld(quads, SHIPPED)
    from_lines = PlainContext.of(SHIPPED).compact_lines(generation_nquads(seed_store))
    assert json.dumps(from_lines, ensure_ascii=False, indent=1) == pyld(quads, SHIPPED)


@pytest.mark.parametrize("lines", [CORNERS, "\n".join(CORNERS.splitlines()[:4]), ""],
                         ids=["two graphs", "one graph", "empty"])
def test_every_kind_of_value_compacts_as_pyld_compacts_it(lines):
    quads = quads_of(lines)
    assert ours(quads, SHIPPED) == pyld(quads, SHIPPED)


def lines_of(quads: list[ox.Quad]) -> list[bytes]:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines()


@pytest.mark.parametrize("ctx", [SHIPPED, {"@context": {"name": "https://schema.org/name"}}], ids=["shipped", "small"])
def test_nquads_lines_as_oxigraph_writes_them_compact_as_the_quads_do(ctx):
    quads = quads_of(CORNERS)
    lines = lines_of(quads)
    assert any(b"\\u0001" in line for line in lines)  # the escapes are there to read
    assert json.dumps(PlainContext.of(ctx).compact_lines(lines)) == json.dumps(export.to_jsonld_by_pyld(quads, ctx))


@pytest.mark.parametrize("line", [
    b"_:b <http://example.org/p> <http://example.org/o> <http://example.org/g> .",
    b"<http://example.org/s> <http://example.org/p> _:b <http://example.org/g> .",
    b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .",
    b'<http://example.org/s> <http://example.org/p> "a <http://example.org/o> ." .',
    b'<http://example.org/s> <http://example.org/p> "x"^^<http://example.org/t> .',
    b'<http://example.org/s> <http://example.org/p> "x"@ <http://example.org/g> .'],
    ids=["blank subject", "blank object", "default graph", "default graph, literal", "default graph, typed", "bad tag"])
def test_lines_that_are_not_named_graphs_of_iris_are_refused(line):
    with pytest.raises(Unsupported):
        PlainContext.of(SHIPPED).compact_lines([line])


def test_a_context_with_aliases_and_terms_defined_by_other_terms_compacts_as_pyld():
    ctx = {"@context": {
        "ex": EX, "s": "https://schema.org/", "sortOfName": "s:name", "long": {"@id": "sortOfName"},
        "key": "@id", "k": "@type", "kind": {"@id": "ex:Kind"},
        "to": {"@id": "nkg:speaker", "@type": "@id"},
        "toTerm": {"@id": "nkg:speaker", "@type": "@vocab"}, "nkg": NKG, "at": {"@id": "s:text", "@type": "xsd:date"},
        "xsd": XSD, "T": {"@id": "s:text", "@type": "@vocab"}, "Tx": "s:text", "Criticize": "nkg:Criticize"}}
    quads = quads_of(CORNERS)
    assert ours(quads, ctx) == pyld(quads, ctx)


def test_integers_become_numbers_and_decimals_stay_typed():
    doc = PlainContext.of(SHIPPED).compact_dataset(quads_of(CORNERS))
    node = next(n for g in doc["graph"] for n in g["graph"] if n["id"] == f"{EX}s1")
    assert node["start"] == [12, 0]
    # only the decimal fits the term's type: the rest go under the compact IRI
    assert node["confidence"] == "0.85"
    assert node["nkg:confidence"] == [1, True, 2.5, {"type": "xsd:double", "@value": "NaN"}, False]


@pytest.mark.parametrize("local", [
    {"@vocab": EX}, {"@base": EX}, {"@language": "en"}, {"t": {"@id": f"{EX}t", "@container": "@set"}},
    {"t": {"@id": f"{EX}t", "@type": "@json"}}, {"ex:t": f"{EX}t"}, {"t": "relative"}, {"t": {"@reverse": f"{EX}t"}},
    {"a": "b:x", "b": "a:y"}], ids=repr)
def test_contexts_outside_the_plain_subset_are_left_to_pyld(local):
    assert PlainContext.of({"@context": local}) is None


@pytest.mark.parametrize("line", [
    f"_:b <{EX}p> <{EX}o> <{EX}g> .", f"<{EX}s> <{EX}p> _:b <{EX}g> .", f"<{EX}s> <{EX}p> <{EX}o> .",
    f"<{EX}s> <{EX}p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> <{EX}g> ."],
    ids=["blank subject", "blank object", "default graph", "list"])
def test_data_outside_the_plain_subset_goes_through_pyld(line):
    quads = quads_of(line)
    with pytest.raises(Unsupported):
        PlainContext.of(SHIPPED).compact_dataset(quads)
    assert export.to_jsonld(quads) == export.to_jsonld_by_pyld(quads, SHIPPED)
    assert export.jsonld_document(lines_of(quads)) == export.to_jsonld_by_pyld(quads, SHIPPED)
