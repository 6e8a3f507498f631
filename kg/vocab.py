"""The nkg: vocabulary as a strict rdflib namespace, and the prefixes used everywhere.

A typo such as `NKG.speeker` raises AttributeError instead of minting a new IRI.
`tests/test_vocab.py` checks that every term here is declared in ontology/newskg.ttl and
the other way round.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

NKG_IRI = "https://w3id.org/newskg/ns#"
DEFAULT_BASE = "https://w3id.org/newskg/id/"
# What `kg analyze` and `kg view` leave out by default: statements less likely right than wrong
# (nkg:confidence is a calibrated probability; see the README's confidence curve).
DEFAULT_MIN_CONFIDENCE = 0.5


class NKG(DefinedNamespace):
    """The newskg vocabulary (ontology/newskg.ttl)."""

    _NS = Namespace(NKG_IRI)
    _fail = True

    # classes
    Statement: URIRef  # an attributed statement: who said what about whom, and when
    UnnamedSource: URIRef  # a speaker the text does not name ("one Twitter user")
    Act: URIRef  # the kind of speech act of a statement
    Mode: URIRef  # how content is reported: direct, indirect, mixed
    DateBasis: URIRef  # what in an article dates a statement
    Fact: URIRef  # a reified role or relation between entities, with evidence
    # statement properties
    speaker: URIRef
    act: URIRef
    earliest: URIRef
    latest: URIRef
    datedBy: URIRef
    channel: URIRef
    confidence: URIRef
    evidence: URIRef
    conflictsWith: URIRef
    # evidence properties
    mode: URIRef
    cue: URIRef
    speakerMention: URIRef
    # article and run properties
    textSha256: URIRef
    languageModel: URIRef
    # acts
    Criticize: URIRef
    Defend: URIRef
    Apologize: URIRef
    Demand: URIRef
    Praise: URIRef
    Explain: URIRef
    Report: URIRef
    # date bases
    DatedByWords: URIRef
    DatedByContext: URIRef
    DatedByLead: URIRef
    # modes
    Direct: URIRef
    Indirect: URIRef
    Mixed: URIRef
    # facts: a reified triple with its evidence
    factSubject: URIRef
    factPredicate: URIRef
    factObject: URIRef
    roleName: URIRef  # a role stated without its object ("film critic Jane Roe")
    # roles and relations between entities (asserted directly and reified as nkg:Fact)
    directorOf: URIRef
    producerOf: URIRef
    distributorOf: URIRef
    spokespersonFor: URIRef
    memberOf: URIRef
    worksFor: URIRef
    castMemberOf: URIRef
    awardWon: URIRef
    criticFor: URIRef
    # mention bookkeeping
    mentionCount: URIRef
    nameKey: URIRef
    # analytics results (kg analyze), only in the named graph <base>graph/analytics
    Interaction: URIRef  # all statements of one speaker about one target
    fromEntity: URIRef
    toEntity: URIRef
    aggregates: URIRef
    statementCount: URIRef
    sign: URIRef
    pageRank: URIRef
    betweenness: URIRef
    statementsMade: URIRef
    statementsAbout: URIRef
    Community: URIRef
    community: URIRef
    Controversy: URIRef
    Camp: URIRef
    camp: URIRef
    inCamp: URIRef
    SourceGroup: URIRef
    inGroup: URIRef
    frustration: URIRef
    DayCount: URIRef
    day: URIRef
    statementsSaid: URIRef
    statementsReported: URIRef


SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")

PREFIXES: dict[str, str] = {
    "nkg": NKG_IRI,
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix in PREFIXES, to put before a user's query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
