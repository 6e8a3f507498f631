"""Records to RDF (kg.graph): the triples that mark where articles disagree, and publishers."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF

from kg import graph, sparql
from kg.records import Article, Entity, Evidence, Resolution, Statement
from kg.store import open_read
from kg.vocab import NKG, SCHEMA

BASE = "https://w3id.org/newskg/id/"
WORDS = "We will rebuild the old bridge before winter"


def _article(article_id: str, cue: str, publisher: str | None = None) -> Article:
    return Article(id=article_id, text=f'"{WORDS}," Jane Roe {cue}.', source=f"<test {article_id}>",
                   publisher=publisher)


def _quads(articles: list[Article], resolution: Resolution) -> set[tuple]:
    """The quads as rdflib terms, read back from the N-Quads lines kg.graph writes."""
    run = graph.Run(tuple(a.id for a in articles), "test model")
    lines = "\n".join(graph.quad_line(q) for q in graph.quads(articles, resolution, run, BASE))
    dataset = Dataset()
    dataset.parse(data=lines, format="nquads")
    return {(s, p, o, g) for s, p, o, g in dataset.quads() if g is not None}


def _evidence(article_id: str, channel: str | None) -> Evidence:
    return Evidence(article_id, 1, 1 + len(WORDS), "Direct", "told", 12, 20, channel)


def test_evidence_spans_that_name_different_channels_conflict_with_each_other():
    articles = [_article("a", "told the Evening Post"), _article("b", "told Radio North"),
                _article("c", "said")]
    statement = Statement(key="s", speaker="jane-roe", text=WORDS, act="Report", channel="evening-post",
                          evidence=(_evidence("a", "evening-post"), _evidence("b", "radio-north"),
                                    _evidence("c", None)))
    entities = (Entity("jane-roe", "Jane Roe", "Person"), Entity("evening-post", "Evening Post", "Organization"),
                Entity("radio-north", "Radio North", "Organization"))
    quads = _quads(articles, Resolution(entities=entities, statements=(statement,)))
    ev = [URIRef(f"{BASE}statement/s/evidence/{i}") for i in range(3)]
    g = [URIRef(f"{BASE}graph/article/{a}") for a in "abc"]
    channels = {(s, o, c) for s, p, o, c in quads if p == NKG.channel}
    assert channels == {
        (URIRef(f"{BASE}statement/s"), URIRef(f"{BASE}entity/evening-post"), g[0]),
        (ev[0], URIRef(f"{BASE}entity/evening-post"), g[0]),
        (ev[1], URIRef(f"{BASE}entity/radio-north"), g[1]),
    }
    # each direction in the graph of its own article; an article naming no channel disagrees with none
    conflicts = {(s, o, c) for s, p, o, c in quads if p == NKG.conflictsWith}
    assert conflicts == {(ev[0], ev[1], g[0]), (ev[1], ev[0], g[1])}


def test_a_publisher_no_article_names_is_a_news_outlet_without_a_base_type():
    articles = [_article("a", "said", publisher="Evening Post")]
    statement = Statement(key="s", speaker="jane-roe", text=WORDS, act="Report", evidence=(_evidence("a", None),))
    entities = (Entity("jane-roe", "Jane Roe", "Person"), Entity("evening-post", "Evening Post", "NewsMediaOrganization"))
    quads = _quads(articles, Resolution(entities=entities, statements=(statement,),
                                        publishers={"Evening Post": "evening-post"}))
    outlet = URIRef(f"{BASE}entity/evening-post")
    assert {(p, o) for s, p, o, _ in quads if s == outlet} == {
        (RDF.type, SCHEMA.NewsMediaOrganization), (SCHEMA.name, Literal("Evening Post")),
        (NKG.nameKey, Literal("evening post"))}
    assert (URIRef(f"{BASE}article/a"), SCHEMA.publisher, outlet) in {q[:3] for q in quads}


def test_every_name_and_alias_is_indexed_in_lower_case_once():
    articles = [_article("a", "said")]
    statement = Statement(key="s", speaker="jane-roe", text=WORDS, act="Report", evidence=(_evidence("a", None),))
    entities = (Entity("jane-roe", "Jane Roe", "Person", alternate_names=("JANE ROE", "Roe")),)
    quads = _quads(articles, Resolution(entities=entities, statements=(statement,)))
    keys = sorted(o for s, p, o, _ in quads if p == NKG.nameKey)
    assert keys == [Literal("jane roe"), Literal("roe")]


def _select(store_root, query: str) -> list[tuple[str, ...]]:
    results = sparql.run(open_read(store_root), query)
    return sorted(tuple(sparql.term_text(t) for t in row) for row in results.rows)


def test_prov_and_schema_readers_find_every_speaker_without_inference(seed_store):
    speakers = _select(seed_store, "SELECT ?s ?who WHERE { ?s a nkg:Statement ; nkg:speaker ?who }")
    assert len(speakers) > 40
    for prop in ("prov:wasAttributedTo", "schema:author"):
        assert _select(seed_store, f"SELECT ?s ?who WHERE {{ ?s a nkg:Statement ; {prop} ?who }}") == speakers


def test_the_ontology_is_queryable_in_its_own_graph(seed_store):
    labels = _select(seed_store, "SELECT ?act ?label WHERE { GRAPH <https://w3id.org/newskg/id/graph/ontology> "
                                 "{ ?act a nkg:Act ; rdfs:label ?label } }")
    assert ("nkg:Criticize", "criticise") in labels and len(labels) == 7
    # a reader follows the ontology's subproperties with a property path
    derived = _select(seed_store, "SELECT DISTINCT ?p WHERE { ?p rdfs:subPropertyOf+ prov:wasAttributedTo }")
    assert derived == [("nkg:speaker",)]


def test_every_fact_has_an_object_or_names_the_role_it_gives(seed_store):
    facts = _select(seed_store, """
        SELECT ?f ?object ?role WHERE { ?f a nkg:Fact .
          OPTIONAL { ?f nkg:factObject ?object } OPTIONAL { ?f nkg:roleName ?role } }""")
    assert facts and all(bool(obj) != bool(role) for _, obj, role in facts)


def test_a_role_stated_without_its_object_keeps_no_object_but_its_name(seed_store):
    # "A critically acclaimed young director, Doucouré previously helmed the short film ..." says
    # she is a director, not of what: the evidence must support the edge, so no object is borrowed
    # from another sentence. "Cuties, directed by Maïmouna Doucouré" states the relation itself.
    rows = _select(seed_store, """
        SELECT ?exact ?object ?role WHERE { ?f a nkg:Fact ; nkg:evidence/oa:hasSelector/oa:exact ?exact .
          OPTIONAL { ?f nkg:factObject/schema:name ?object } OPTIONAL { ?f nkg:roleName ?role } }""")
    assert ("director, Doucouré", "", "director") in rows
    assert ("Cuties, directed by Maïmouna Doucouré", "Cuties", "") in rows
    assert ("Film critic Monica\xa0Castillo", "", "critic") in rows  # a no-break space in the text


def test_strings_are_written_as_oxigraph_writes_them_for_every_character():
    # the snapshot must be the store's own dump, byte for byte: same escapes, same characters
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    ours = graph._string(every)
    theirs = str(ox.Literal(every))
    assert ours == theirs
    assert '\\"' in ours and "\\u0001" in ours and "\\uFFFE" in ours and "\u00e9" in ours


def test_typed_literals_come_in_the_form_the_store_gives_back():
    store = ox.Store()
    terms = [graph._confidence(0.6), graph._confidence(1.0), graph._confidence(0.05), graph._integer(2829),
             graph._date(date(2020, 9, 10)), graph._canonical("2020-09-10T10:00:00.500000+00:00", graph.XSD.dateTime)]
    for i, term in enumerate(terms):
        store.load(f"<urn:s> <urn:p{i}> {term} .".encode(), format=ox.RdfFormat.N_TRIPLES)
    assert [str(q.object) for q in sorted(store, key=lambda q: q.predicate.value)] == terms
    assert terms[0] == '"0.6"^^<http://www.w3.org/2001/XMLSchema#decimal>'  # not "0.60"
