"""Records into RDF quads following the graph contract: the only place that mints IRIs.

Every IRI is derived from record keys, so the same corpus and version give the same IRIs and
the graph has no blank nodes. Quads are (subject, predicate, object, graph) terms written as
N-Triples writes them, in the form Oxigraph gives back (canonical literals, its escapes): the
lines `quad_line` makes are loaded into the store as they are and kept as its snapshot, with no
term objects on the way (rdflib's took a third of a build's writing).
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from urllib.parse import quote

import pyoxigraph as ox

from . import __version__, vocab
from .records import DATE_BASES, Article, Entity, Fact, Resolution, Statement
from .store import canonical_literal
from .vocab import DEFAULT_BASE


class _Terms:
    """A vocabulary namespace's terms as N-Triples IRIs ("<...#act>"), each made once; the
    namespace stays strict (a typo still raises)."""

    def __init__(self, namespace):
        self._namespace = namespace
        self._by_name: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        term = _iri(getattr(self._namespace, name))
        setattr(self, name, term)  # from now on a plain attribute: __getattr__ is not asked again
        return term

    def __getitem__(self, name: str) -> str:
        term = self._by_name.get(name)
        if term is None:
            term = self._by_name[name] = _iri(self._namespace[name])
        return term


def _iri(value: str) -> str:
    return f"<{value}>"


NKG, OA, PROV, RDF, SCHEMA, XSD = (_Terms(ns) for ns in (vocab.NKG, vocab.OA, vocab.PROV, vocab.RDF, vocab.SCHEMA,
                                                          vocab.XSD))

Quad = tuple[str, str, str, str]  # N-Triples terms: "<iri>", '"text"', '"5"^^<...#integer>'
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

    def article(self, article_id: str) -> str:
        return f"<{self.base}article/{quote(article_id, safe='')}>"

    def entity(self, key: str) -> str:
        return f"<{self.base}entity/{quote(key, safe='')}>"

    def statement(self, key: str) -> str:
        return f"<{self.base}statement/{key}>"

    def fact(self, key: str) -> str:
        return f"<{self.base}fact/{key}>"

    def run(self, key: str) -> str:
        return f"<{self.base}run/{key}>"

    def agent(self) -> str:
        return f"<{self.base}agent/kg-{__version__}>"

    def article_graph(self, article_id: str) -> str:
        return f"<{self.base}graph/article/{quote(article_id, safe='')}>"

    def graph(self, name: str) -> str:
        return f"<{self.base}graph/{name}>"


def quad_line(quad: Quad) -> str:
    """A quad as a line of N-Quads, without its newline."""
    return f"{quad[0]} {quad[1]} {quad[2]} {quad[3]} ."


def quads(articles: Iterable[Article], resolution: Resolution, run: Run, base: str = DEFAULT_BASE,
          only: Container[str] | None = None) -> Iterator[Quad]:
    """Every quad of the graph: articles, statements with evidence, entities, facts and the run;
    with `only` (graph IRIs, as graph_inputs names them), the quads of those named graphs alone
    (`articles` may then hold just the articles whose graphs are asked for)."""
    iris = Iris(base)
    by_article, facts_by_article, mentioned_in = _by_article(resolution)
    run_iri = iris.run(run.key)
    for article in articles:
        g = iris.article_graph(article.id)
        if only is not None and g[1:-1] not in only:
            continue
        yield from _article(article, resolution, iris, g)
        for st in by_article.get(article.id, ()):
            yield from _statement(st, article, iris, run_iri, g)
        for fact in facts_by_article.get(article.id, ()):
            yield from _fact(fact, article, iris, g)
        # which entities the article names (read by `kg entities`)
        a = iris.article(article.id)
        for key in mentioned_in.get(article.id, ()):
            yield a, SCHEMA.mentions, iris.entity(key), g
    g = iris.graph("entities")
    if only is None or g[1:-1] in only:
        for entity in resolution.entities:
            yield from _entity(entity, iris, g)
        for subject, predicate, obj in _relations(resolution):
            yield iris.entity(subject), NKG[predicate], iris.entity(obj), g
    if only is None or iris.graph("run")[1:-1] in only:
        yield from _run(run, iris)
    if only is None or iris.graph(ONTOLOGY_GRAPH)[1:-1] in only:
        yield from _ontology(iris)


def graph_inputs(signature: Iterable[tuple], resolution: Resolution, run: Run, base: str, code: str) -> dict[str, str]:
    """A digest of what each named graph is made from, by graph IRI: the corpus's (id, text hash,
    metadata) of each article (Corpus.signature), the records of the resolution that reach it,
    the run, the base and `code` (a fingerprint of kg's code). A graph whose digest is the last
    build's has the last build's quads, so a build need not make them again."""
    iris = Iris(base)
    by_article, facts_by_article, mentioned_in = _by_article(resolution)
    common = (code, base, run.key)
    out = {}
    for article_id, text_sha256, metadata in signature:
        publisher = resolution.publishers.get(metadata.publisher) if metadata.publisher else None
        parts = (common, article_id, text_sha256, metadata, publisher, by_article.get(article_id),
                 facts_by_article.get(article_id), mentioned_in.get(article_id))
        out[iris.article_graph(article_id)[1:-1]] = _digest(parts)
    out[iris.graph("entities")[1:-1]] = _digest((common, resolution.entities, _relations(resolution)))
    out[iris.graph("run")[1:-1]] = _digest((common, run))
    out[iris.graph(ONTOLOGY_GRAPH)[1:-1]] = _digest(common)
    return out


def _digest(parts) -> str:
    # Records are frozen dataclasses of strings, numbers, dates and tuples: pickled alike when equal,
    # once the memo is off (with it, a string met twice is written once or twice depending on
    # whether the two are one object, which a change elsewhere in the corpus may decide).
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True  # no memo; nothing here refers to itself
    pickler.dump(parts)
    return hashlib.sha256(out.getbuffer()).hexdigest()


def _by_article(resolution: Resolution) -> tuple[dict[str, list[Statement]], dict[str, list[Fact]],
                                                 dict[str, list[str]]]:
    """Statements, facts and the keys of the entities named, by article id."""
    by_article: dict[str, list[Statement]] = {}
    for st in resolution.statements:
        for article_id in st.article_ids:
            by_article.setdefault(article_id, []).append(st)
    facts_by_article: dict[str, list[Fact]] = {}
    for fact in resolution.facts:
        facts_by_article.setdefault(fact.article_id, []).append(fact)
    mentioned_in: dict[str, list[str]] = {}
    for entity in resolution.entities:
        for article_id in sorted({m.article_id for m in entity.mentions}):
            mentioned_in.setdefault(article_id, []).append(entity.key)
    return by_article, facts_by_article, mentioned_in


def _relations(resolution: Resolution) -> list[tuple[str, str, str]]:
    # A relation stated by several articles is one triple; each statement of it is an nkg:Fact.
    return sorted({(f.subject, f.predicate, f.object) for f in resolution.facts if f.object})


def _article(article: Article, resolution: Resolution, iris: Iris, g: str) -> Iterator[Quad]:
    a = iris.article(article.id)
    yield a, RDF.type, SCHEMA.NewsArticle, g
    yield a, SCHEMA.identifier, _string(article.id), g
    if article.headline:
        yield a, SCHEMA.headline, _string(article.headline), g
    if article.url:
        yield a, SCHEMA.url, _checked_iri(article.url), g
    if article.publisher and article.publisher in resolution.publishers:
        yield a, SCHEMA.publisher, iris.entity(resolution.publishers[article.publisher]), g
    if article.date_published:
        yield a, SCHEMA.datePublished, _date(article.date_published), g
    yield a, NKG.textSha256, _string(article.sha256), g
    yield a, SCHEMA.articleBody, _string(article.text), g


def _statement(st: Statement, article: Article, iris: Iris, run_iri: str, g: str) -> Iterator[Quad]:
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
        yield s, SCHEMA.text, _string(st.text), g
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
        node = _below(s, f"evidence/{i}")
        yield s, NKG.evidence, node, g
        yield from _selection(node, iris.article(article.id), article, ev.start, ev.end, g)
        yield node, NKG.mode, NKG[ev.mode], g
        yield node, NKG.cue, _string(ev.cue), g
        yield node, NKG.confidence, _confidence(ev.confidence), g
        if ev.channel:
            yield node, NKG.channel, iris.entity(ev.channel), g
            for j, other in enumerate(ordered):
                # outlets that disagree on where the words were said: readers must see both
                if other.article_id != ev.article_id and other.channel and other.channel != ev.channel:
                    yield node, NKG.conflictsWith, _below(s, f"evidence/{j}"), g
        mention = _below(node, "speaker")
        yield node, NKG.speakerMention, mention, g
        yield mention, RDF.type, OA.SpecificResource, g
        yield mention, OA.hasSource, iris.article(article.id), g
        position = _below(mention, "position")
        yield mention, OA.hasSelector, position, g
        yield position, RDF.type, OA.TextPositionSelector, g
        yield position, OA.start, _integer(ev.speaker_start), g
        yield position, OA.end, _integer(ev.speaker_end), g


def _below(iri: str, path: str) -> str:
    """The IRI of a node under another: <.../statement/k> -> <.../statement/k/evidence/0>."""
    return f"{iri[:-1]}/{path}>"


def _selection(node: str, source: str, article: Article, start: int, end: int, g: str) -> Iterator[Quad]:
    """An oa:SpecificResource with position and quote selectors for article.text[start:end]."""
    yield node, RDF.type, OA.SpecificResource, g
    yield node, OA.hasSource, source, g
    position, quote_sel = _below(node, "position"), _below(node, "quote")
    yield node, OA.hasSelector, position, g
    yield position, RDF.type, OA.TextPositionSelector, g
    yield position, OA.start, _integer(start), g
    yield position, OA.end, _integer(end), g
    yield node, OA.hasSelector, quote_sel, g
    yield quote_sel, RDF.type, OA.TextQuoteSelector, g
    yield quote_sel, OA.exact, _string(article.text[start:end]), g
    yield quote_sel, OA.prefix, _string(article.text[max(0, start - QUOTE_CONTEXT) : start]), g
    yield quote_sel, OA.suffix, _string(article.text[end : end + QUOTE_CONTEXT]), g


def _fact(fact: Fact, article: Article, iris: Iris, g: str) -> Iterator[Quad]:
    f = iris.fact(fact.key)
    subject = iris.entity(fact.subject)
    yield f, RDF.type, NKG.Fact, g
    yield f, NKG.factSubject, subject, g
    yield f, NKG.factPredicate, NKG[fact.predicate], g
    if fact.object:
        yield f, NKG.factObject, iris.entity(fact.object), g
    else:
        yield f, NKG.roleName, _string(ROLE_NAMES[fact.predicate]), g
    evidence = _below(f, "evidence")
    yield f, NKG.evidence, evidence, g
    yield from _selection(evidence, iris.article(article.id), article, fact.start, fact.end, g)


def _entity(entity: Entity, iris: Iris, g: str) -> Iterator[Quad]:
    e = iris.entity(entity.key)
    if entity.type == "UnnamedSource":
        yield e, RDF.type, NKG.UnnamedSource, g
        yield e, SCHEMA.description, _string(entity.description or entity.name), g
    else:
        yield e, RDF.type, SCHEMA[entity.type], g
        if entity.description:
            yield e, SCHEMA.description, _string(entity.description), g
    for extra in entity.extra_types:
        yield e, RDF.type, SCHEMA[extra], g
    yield e, SCHEMA.name, _string(entity.name), g
    for alias in entity.alternate_names:
        yield e, SCHEMA.alternateName, _string(alias), g
    # names in lower case, so that a lookup by name in any case is one index probe (kg query about)
    for key in sorted({name_key(n) for n in (entity.name, *entity.alternate_names)}):
        yield e, NKG.nameKey, _string(key), g
    for same in entity.same_as:
        yield e, SCHEMA.sameAs, _checked_iri(same), g
    if entity.creator:
        yield e, SCHEMA.creator, iris.entity(entity.creator), g
    if entity.mentions:
        yield e, NKG.mentionCount, _integer(len(entity.mentions)), g


def name_key(name: str) -> str:
    """How nkg:nameKey writes a name: lower case, as SPARQL's LCASE writes it."""
    return name.lower()


def _run(run: Run, iris: Iris) -> Iterator[Quad]:
    g = iris.graph("run")
    r, agent = iris.run(run.key), iris.agent()
    yield r, RDF.type, PROV.Activity, g
    if run.started:
        yield r, PROV.startedAtTime, _canonical(run.started.isoformat(), XSD.dateTime), g
    if run.ended:
        yield r, PROV.endedAtTime, _canonical(run.ended.isoformat(), XSD.dateTime), g
    for article_id in run.article_ids:
        yield r, PROV.used, iris.article(article_id), g
    yield r, PROV.wasAssociatedWith, agent, g
    yield agent, RDF.type, PROV.SoftwareAgent, g
    yield agent, SCHEMA.softwareVersion, _string(__version__), g
    yield agent, NKG.languageModel, _string(run.language_model), g


def _ontology(iris: Iris) -> Iterator[Quad]:
    """ontology/newskg.ttl in its own graph, so that act labels and superproperties are queryable."""
    g = iris.graph(ONTOLOGY_GRAPH)
    for s, p, o in _ontology_triples():
        yield s, p, o, g


@functools.cache
def _ontology_triples() -> tuple[tuple[str, str, str], ...]:
    """The ontology's triples but those with blank nodes: the graph has none.

    They are the owl:unionOf lists of a few domains and ranges, which stay in ontology/newskg.ttl.
    (Named list nodes would not survive a JSON-LD round trip: pyld folds rdf:first/rdf:rest chains
    into @list, which readers turn back into blank nodes.)
    """
    text = resources.files("kg").joinpath("ontology/newskg.ttl").read_text(encoding="utf-8")
    triples = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return tuple(sorted({(str(t.subject), str(t.predicate), str(t.object)) for t in triples
                         if not any(isinstance(term, ox.BlankNode) for term in (t.subject, t.object))}))


# How Oxigraph writes a string: these 37 characters escaped, every other one as it is
# (tests/test_graph.py checks the table against Oxigraph over every code point).
_ESCAPES = str.maketrans({**{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
                          "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
                          '"': '\\"', "\\": "\\\\"})


def _string(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'


def _integer(value: int) -> str:
    return f'"{value}"^^{XSD.integer}'


def _confidence(value: float) -> str:
    return _canonical(f"{value:.2f}", XSD.decimal)


def _date(d: date) -> str:
    return f'"{d.isoformat()}"^^{XSD.date}'


def _canonical(lexical: str, datatype: str) -> str:
    """A literal of a type Oxigraph keeps as a value, in the form it gives back ("0.60" comes back
    "0.6", "+00:00" as "Z")."""
    return str(canonical_literal(lexical, datatype[1:-1]))


def _checked_iri(value: str) -> str:
    """An IRI from the input (an article's URL, a curated sameAs), checked as Oxigraph checks it."""
    return str(ox.NamedNode(value))
