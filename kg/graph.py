"""Records into RDF quads following the graph contract: the only place that mints IRIs.

Every IRI is derived from record keys, so the same corpus and version give the same IRIs and
the graph has no blank nodes. Quads are (subject, predicate, object, graph) rdflib terms.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from . import __version__, vocab
from .records import DATE_BASES, Article, Entity, Fact, Resolution, Statement
from .vocab import DEFAULT_BASE


class _Terms:
    """A vocabulary namespace whose terms are made once. rdflib makes a new URIRef on every
    attribute access, which was a third of the time spent writing a large corpus's quads;
    the namespace stays strict (a typo still raises)."""

    def __init__(self, namespace):
        self._namespace = namespace
        self._by_name: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # from now on a plain attribute: __getattr__ is not asked again
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._by_name.get(name)
        if term is None:
            term = self._by_name[name] = self._namespace[name]
        return term


NKG, OA, PROV, RDF, SCHEMA, XSD = (_Terms(ns) for ns in (vocab.NKG, vocab.OA, vocab.PROV, vocab.RDF, vocab.SCHEMA,
                                                          vocab.XSD))

Quad = tuple[Node, Node, Node, URIRef]
QUOTE_CONTEXT = 32  # characters of prefix/suffix in a TextQuoteSelector
ONTOLOGY_GRAPH = "ontology"  # the named graph holding ontology/newskg.ttl
# The role a relation gives its subject, for a fact whose article does not say of what.
ROLE_NAMES = {
    "directorOf": "director", "producerOf": "producer", "distributorOf": "distributor",
    "castMemberOf": "cast member", "spokespersonFor": "spokesperson", "worksFor": "employee",
    "memberOf": "member", "criticFor": "critic", "awardWon": "award winner",
}
# nkg:speaker's superproperties (ontology/newskg.ttl), written beside it so that PROV and
# schema.org queries find the speaker without an inference engine.
SPEAKER_SUPERPROPERTIES = (PROV.wasAttributedTo, SCHEMA.author)
# Statement.dated_by (records.DATE_BASES) -> the nkg:DateBasis individual
DATE_BASIS_IRIS = dict(zip(DATE_BASES, (NKG.DatedByWords, NKG.DatedByContext, NKG.DatedByLead), strict=True))


@dataclass(frozen=True)
class Run:
    """The extraction run: what it used and when it ran."""

    article_ids: tuple[str, ...]
    language_model: str
    started: datetime | None = None  # None: leave the run's times out (kg export --no-run-times)
    ended: datetime | None = None

    @property
    def key(self) -> str:
        # Keyed on the software alone, not the corpus: a changed article must not change the
        # prov:wasGeneratedBy of every statement in every other article's graph.
        return hashlib.sha256(f"{__version__}\n{self.language_model}\n".encode()).hexdigest()[:16]


class Iris:
    """IRIs of every resource under one base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{quote(article_id, safe='')}")

    def entity(self, key: str) -> URIRef:
        return URIRef(f"{self.base}entity/{quote(key, safe='')}")

    def statement(self, key: str) -> URIRef:
        return URIRef(f"{self.base}statement/{key}")

    def fact(self, key: str) -> URIRef:
        return URIRef(f"{self.base}fact/{key}")

    def run(self, key: str) -> URIRef:
        return URIRef(f"{self.base}run/{key}")

    def agent(self) -> URIRef:
        return URIRef(f"{self.base}agent/kg-{__version__}")

    def article_graph(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/article/{quote(article_id, safe='')}")

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")


def quads(articles: Iterable[Article], resolution: Resolution, run: Run, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    """Every quad of the graph: articles, statements with evidence, entities, facts and the run."""
    iris = Iris(base)
    by_article: dict[str, list[Statement]] = {}
    for st in resolution.statements:
        for article_id in st.article_ids:
            by_article.setdefault(article_id, []).append(st)
    facts_by_article: dict[str, list[Fact]] = {}
    for fact in resolution.facts:
        facts_by_article.setdefault(fact.article_id, []).append(fact)
    run_iri = iris.run(run.key)
    for article in articles:
        g = iris.article_graph(article.id)
        yield from _article(article, resolution, iris, g)
        for st in by_article.get(article.id, ()):
            yield from _statement(st, article, iris, run_iri, g)
        for fact in facts_by_article.get(article.id, ()):
            yield from _fact(fact, article, iris, g)
    g = iris.graph("entities")
    for entity in resolution.entities:
        yield from _entity(entity, iris, g)
    # A relation stated by several articles is one triple; each statement of it is an nkg:Fact.
    relations = sorted({(f.subject, f.predicate, f.object) for f in resolution.facts if f.object})
    for subject, predicate, obj in relations:
        yield iris.entity(subject), NKG[predicate], iris.entity(obj), g
    yield from _run(run, iris)
    yield from _ontology(iris)


def _article(article: Article, resolution: Resolution, iris: Iris, g: URIRef) -> Iterator[Quad]:
    a = iris.article(article.id)
    yield a, RDF.type, SCHEMA.NewsArticle, g
    yield a, SCHEMA.identifier, Literal(article.id), g
    if article.headline:
        yield a, SCHEMA.headline, Literal(article.headline), g
    if article.url:
        yield a, SCHEMA.url, URIRef(article.url), g
    if article.publisher and article.publisher in resolution.publishers:
        yield a, SCHEMA.publisher, iris.entity(resolution.publishers[article.publisher]), g
    if article.date_published:
        yield a, SCHEMA.datePublished, _date(article.date_published), g
    yield a, NKG.textSha256, Literal(article.sha256), g
    yield a, SCHEMA.articleBody, Literal(article.text), g


def _statement(st: Statement, article: Article, iris: Iris, run_iri: URIRef, g: URIRef) -> Iterator[Quad]:
    """The statement as `article` reports it, in that article's graph.

    A triple lives in exactly one graph: the statement's own description goes into the graph of
    its first article, and each article adds only its prov:wasDerivedFrom and its evidence.
    Duplicates across graphs would come back as duplicate rows from a union default graph.
    """
    s = iris.statement(st.key)
    yield s, PROV.wasDerivedFrom, iris.article(article.id), g
    if article.id == st.article_ids[0]:
        yield s, RDF.type, NKG.Statement, g
        yield s, NKG.speaker, iris.entity(st.speaker), g
        for superproperty in SPEAKER_SUPERPROPERTIES:
            yield s, superproperty, iris.entity(st.speaker), g
        yield s, SCHEMA.text, Literal(st.text), g
        for target in st.about:
            yield s, SCHEMA.about, iris.entity(target), g
        yield s, NKG.act, NKG[st.act], g
        if st.earliest:
            yield s, NKG.earliest, _date(st.earliest), g
        if st.latest:
            yield s, NKG.latest, _date(st.latest), g
        if st.dated_by:
            yield s, NKG.datedBy, DATE_BASIS_IRIS[st.dated_by], g
        if st.channel:
            yield s, NKG.channel, iris.entity(st.channel), g
        yield s, NKG.confidence, _confidence(st.confidence), g
        yield s, PROV.wasGeneratedBy, run_iri, g
        for other in st.conflicts_with:
            yield s, NKG.conflictsWith, iris.statement(other), g
    ordered = sorted(st.evidence, key=lambda e: (e.article_id, e.start, e.end))
    for i, ev in enumerate(ordered):
        if ev.article_id != article.id:
            continue  # in the graph of its own article
        node = URIRef(f"{s}/evidence/{i}")
        yield s, NKG.evidence, node, g
        yield from _selection(node, iris.article(article.id), article, ev.start, ev.end, g)
        yield node, NKG.mode, NKG[ev.mode], g
        yield node, NKG.cue, Literal(ev.cue), g
        yield node, NKG.confidence, _confidence(ev.confidence), g
        if ev.channel:
            yield node, NKG.channel, iris.entity(ev.channel), g
            for j, other in enumerate(ordered):
                # outlets that disagree on where the words were said: readers must see both
                if other.article_id != ev.article_id and other.channel and other.channel != ev.channel:
                    yield node, NKG.conflictsWith, URIRef(f"{s}/evidence/{j}"), g
        mention = URIRef(f"{node}/speaker")
        yield node, NKG.speakerMention, mention, g
        yield mention, RDF.type, OA.SpecificResource, g
        yield mention, OA.hasSource, iris.article(article.id), g
        position = URIRef(f"{mention}/position")
        yield mention, OA.hasSelector, position, g
        yield position, RDF.type, OA.TextPositionSelector, g
        yield position, OA.start, Literal(ev.speaker_start), g
        yield position, OA.end, Literal(ev.speaker_end), g


def _selection(
    node: URIRef, source: URIRef, article: Article, start: int, end: int, g: URIRef
) -> Iterator[Quad]:
    """An oa:SpecificResource with position and quote selectors for article.text[start:end]."""
    yield node, RDF.type, OA.SpecificResource, g
    yield node, OA.hasSource, source, g
    position, quote_sel = URIRef(f"{node}/position"), URIRef(f"{node}/quote")
    yield node, OA.hasSelector, position, g
    yield position, RDF.type, OA.TextPositionSelector, g
    yield position, OA.start, Literal(start), g
    yield position, OA.end, Literal(end), g
    yield node, OA.hasSelector, quote_sel, g
    yield quote_sel, RDF.type, OA.TextQuoteSelector, g
    yield quote_sel, OA.exact, Literal(article.text[start:end]), g
    yield quote_sel, OA.prefix, Literal(article.text[max(0, start - QUOTE_CONTEXT) : start]), g
    yield quote_sel, OA.suffix, Literal(article.text[end : end + QUOTE_CONTEXT]), g


def _fact(fact: Fact, article: Article, iris: Iris, g: URIRef) -> Iterator[Quad]:
    f = iris.fact(fact.key)
    subject = iris.entity(fact.subject)
    yield f, RDF.type, NKG.Fact, g
    yield f, NKG.factSubject, subject, g
    yield f, NKG.factPredicate, NKG[fact.predicate], g
    if fact.object:
        yield f, NKG.factObject, iris.entity(fact.object), g
    else:
        yield f, NKG.roleName, Literal(ROLE_NAMES[fact.predicate]), g
    evidence = URIRef(f"{f}/evidence")
    yield f, NKG.evidence, evidence, g
    yield from _selection(evidence, iris.article(article.id), article, fact.start, fact.end, g)


def _entity(entity: Entity, iris: Iris, g: URIRef) -> Iterator[Quad]:
    e = iris.entity(entity.key)
    if entity.type == "UnnamedSource":
        yield e, RDF.type, NKG.UnnamedSource, g
        yield e, SCHEMA.description, Literal(entity.description or entity.name), g
    else:
        yield e, RDF.type, SCHEMA[entity.type], g
        if entity.description:
            yield e, SCHEMA.description, Literal(entity.description), g
    for extra in entity.extra_types:
        yield e, RDF.type, SCHEMA[extra], g
    yield e, SCHEMA.name, Literal(entity.name), g
    for alias in entity.alternate_names:
        yield e, SCHEMA.alternateName, Literal(alias), g
    # names in lower case, so that a lookup by name in any case is one index probe (kg query about)
    for key in sorted({name_key(n) for n in (entity.name, *entity.alternate_names)}):
        yield e, NKG.nameKey, Literal(key), g
    for same in entity.same_as:
        yield e, SCHEMA.sameAs, URIRef(same), g
    if entity.creator:
        yield e, SCHEMA.creator, iris.entity(entity.creator), g
    if entity.mentions:
        yield e, NKG.mentionCount, Literal(len(entity.mentions)), g
    for article_id in sorted({m.article_id for m in entity.mentions}):
        # which articles name the entity, in each article's own graph (read by `kg entities`)
        yield iris.article(article_id), SCHEMA.mentions, e, iris.article_graph(article_id)


def name_key(name: str) -> str:
    """How nkg:nameKey writes a name: lower case, as SPARQL's LCASE writes it."""
    return name.lower()


def _run(run: Run, iris: Iris) -> Iterator[Quad]:
    g = iris.graph("run")
    r, agent = iris.run(run.key), iris.agent()
    yield r, RDF.type, PROV.Activity, g
    if run.started:
        yield r, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime), g
    if run.ended:
        yield r, PROV.endedAtTime, Literal(run.ended, datatype=XSD.dateTime), g
    for article_id in run.article_ids:
        yield r, PROV.used, iris.article(article_id), g
    yield r, PROV.wasAssociatedWith, agent, g
    yield agent, RDF.type, PROV.SoftwareAgent, g
    yield agent, SCHEMA.softwareVersion, Literal(__version__), g
    yield agent, NKG.languageModel, Literal(run.language_model), g


def _ontology(iris: Iris) -> Iterator[Quad]:
    """ontology/newskg.ttl in its own graph, so that act labels and superproperties are queryable."""
    g = iris.graph(ONTOLOGY_GRAPH)
    for s, p, o in _ontology_triples():
        yield s, p, o, g


@functools.cache
def _ontology_triples() -> tuple[tuple[Node, Node, Node], ...]:
    """The ontology's triples but those with blank nodes: the graph has none.

    They are the owl:unionOf lists of a few domains and ranges, which stay in ontology/newskg.ttl.
    (Named list nodes would not survive a JSON-LD round trip: pyld folds rdf:first/rdf:rest chains
    into @list, which readers turn back into blank nodes.)
    """
    text = resources.files("kg").joinpath("ontology/newskg.ttl").read_text(encoding="utf-8")
    triples = Graph().parse(data=text, format="turtle")
    return tuple(sorted(t for t in triples if not any(isinstance(term, BNode) for term in t)))


def _confidence(value: float) -> Literal:
    return Literal(Decimal(f"{value:.2f}"), datatype=XSD.decimal)


def _date(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)
