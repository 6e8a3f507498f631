"""JSON-LD of a dataset compacted against a plain context, without pyld's general machinery.

pyld turns every value into an expanded JSON-LD object and runs the general compaction algorithm
on each (containers, scoped contexts, language maps): 40 s for PolNeAR-train's 545k quads. The
shipped context needs none of that: it holds prefixes, keyword aliases and terms with an `@id` and
at most an `@type`. For such a context compaction comes down to a few table lookups per value.
`PlainContext` does them, step for step as the JSON-LD 1.1 algorithms (from RDF, inverse context,
IRI compaction with term selection, value compaction) and in pyld's order where the
specifications leave order open (graphs and nodes sorted by IRI, a node's properties by expanded
IRI, values in the order of the quads), so that its output is pyld's, byte for byte
(tests/test_jsonld.py compares them). Outside that subset `PlainContext.of` returns None (a
context with language or container mappings, @vocab, @base) or compaction raises Unsupported (data
with blank nodes, RDF lists, the default graph); the caller then uses pyld.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .gcpause import cyclic_gc_paused

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_KEYWORDS = frozenset({"@id", "@type", "@graph", "@value", "@language"})
# a term whose IRI ends in one of these can prefix a compact IRI (JSON-LD 1.1, "prefix flag")
_GEN_DELIM = re.compile(r".*[:/?#\[\]@]$")
_INTEGER = re.compile(r"^[+-]?\d+$")
# N-Triples: what an IRI leaves out, a language tag, and the escapes of a literal
_NOT_IN_IRI = re.compile(rb'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(rb"^@[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_ESCAPE = re.compile(r'\\(?:([tbnrf"\'\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class Unsupported(Exception):
    """The context or the data needs more of JSON-LD than PlainContext does."""


class PlainContext:
    """A processed context of plain term definitions, ready to compact many values."""

    def __init__(self, local: dict):
        self.local = local
        self.iris: dict[str, str] = {}           # term -> IRI (or keyword, for an alias)
        self.types: dict[str, str | None] = {}   # term -> '@id', '@vocab', a datatype IRI, or None
        self.prefixes: list[tuple[str, str]] = []  # (term, IRI) of terms that can prefix
        for term in local:
            self._define(term, set())
        self.aliases = {}
        inverse: dict[str, dict[str, dict[str, str]]] = {}
        for term in sorted(self.iris, key=lambda t: (len(t), t)):
            iri, type_ = self.iris[term], self.types[term]
            if iri in _KEYWORDS:
                self.aliases.setdefault(iri, term)
                continue
            entry = inverse.setdefault(iri, {"@type": {}, "@language": {}})
            if type_ is not None:
                entry["@type"].setdefault(type_, term)
            else:  # no default language in a plain context: '@none' stands for it
                entry["@language"].setdefault("@none", term)
                entry["@type"].setdefault("@none", term)
        self.inverse = inverse
        # IRIs a term stands for, when compacted with no value (vocab): '@id' first, then '@none'
        self.vocab_terms = {iri: entry["@type"].get("@id") or entry["@type"]["@none"]
                            for iri, entry in inverse.items() if {"@id", "@none"} & set(entry["@type"])}
        self._prefix_terms = {term for term, _ in self.prefixes}
        self._curies: dict[str, str] = {}
        self._iri_rules: dict[tuple[str, bool], tuple[str, bool, bool]] = {}
        self._literal_rules: dict[tuple, tuple[str, tuple | None]] = {}

    @classmethod
    def of(cls, document: dict) -> PlainContext | None:
        """The context of a `{"@context": {...}}` document, or None when it is not plain."""
        local = document.get("@context")
        if not isinstance(local, dict):
            return None
        try:
            return cls(local)
        except Unsupported:
            return None

    def _define(self, term: str, defining: set[str]) -> None:
        if term in self.iris:
            return
        if term.startswith("@") or term in defining:
            raise Unsupported(term)  # @vocab, @base, @language, @version..., or a cycle
        defining.add(term)
        value = self.local[term]
        simple = isinstance(value, str)
        if simple:
            value = {"@id": value}
        if not isinstance(value, dict) or set(value) - {"@id", "@type"} or not isinstance(value.get("@id"), str):
            raise Unsupported(term)
        iri = self._expand(value["@id"], defining)
        type_ = value.get("@type")
        if type_ is not None:
            type_ = type_ if type_ in ("@id", "@vocab") else self._expand(type_, defining)
            if type_.startswith("@") and type_ not in ("@id", "@vocab"):
                raise Unsupported(term)
        if ":" in term or "/" in term:
            raise Unsupported(term)  # terms that are IRIs themselves: not in a plain context
        self.iris[term], self.types[term] = iri, type_
        if simple and not iri.startswith("@") and _GEN_DELIM.match(iri):
            self.prefixes.append((term, iri))

    def _expand(self, value: str, defining: set[str]) -> str:
        if value.startswith("@"):
            if value not in _KEYWORDS:
                raise Unsupported(value)
            return value
        prefix, colon, suffix = value.partition(":")
        if colon:
            if prefix == "_":
                raise Unsupported(value)  # a blank node
            if suffix.startswith("//") or prefix not in self.local:
                return value  # an absolute IRI
            self._define(prefix, defining)
            if (prefix, self.iris[prefix]) not in self.prefixes:
                raise Unsupported(value)  # a compact IRI on a term that cannot prefix
            return self.iris[prefix] + suffix
        if value in self.local:
            self._define(value, defining)
            return self.iris[value]
        raise Unsupported(value)  # a relative IRI: needs @vocab or @base

    # -- compaction ---------------------------------------------------------------------------

    def alias(self, keyword: str) -> str:
        return self.aliases.get(keyword, keyword)

    def compact_iri(self, iri: str, *, vocab: bool) -> str:
        """IRI compaction with no value: a term (vocab only), a compact IRI, or the IRI itself."""
        if vocab:
            term = self.vocab_terms.get(iri)
            if term is not None:
                return term
        found = self._curies.get(iri)
        if found is None:
            found = self._curies[iri] = self._curie(iri)
        return found

    def _curie(self, iri: str) -> str:
        # a plain context has no terms with a colon, so every compact IRI on a prefix is usable
        candidate = None
        for term, prefix in self.prefixes:
            if iri == prefix or not iri.startswith(prefix):
                continue
            curie = f"{term}:{iri[len(prefix):]}"
            if candidate is None or (len(curie), curie) < (len(candidate), candidate):
                candidate = curie
        if candidate is not None:
            return candidate
        if iri.partition(":")[0] in self._prefix_terms:
            raise Unsupported(iri)  # pyld raises "IRI confused with prefix"
        return iri

    def _select(self, predicate: str, table: str, prefs: list[str]) -> str:
        """Term selection (JSON-LD 1.1, IRI compaction 4): the key for a value of `predicate`."""
        entry = self.inverse.get(predicate)
        if entry is not None:
            for pref in prefs + ["@none"]:
                if pref in entry[table]:
                    return entry[table][pref]
        return self._curie(predicate)

    def _iri_rule(self, predicate: str, is_term: bool) -> tuple[str, bool, bool]:
        """For an IRI value: its key, whether it compacts as vocabulary, whether it is wrapped
        in {"id": ...} (the key does not say that its values are IRIs)."""
        term = self._select(predicate, "@type", ["@vocab", "@id"] if is_term else ["@id", "@vocab"])
        type_ = self.types.get(term)
        rule = self._iri_rules[(predicate, is_term)] = (term, type_ == "@vocab", type_ not in ("@id", "@vocab"))
        return rule

    def _literal_rule(self, predicate: str, datatype: str | None, language: str | None) -> tuple:
        """For a literal: its key, and None when the bare value says all, else the object's
        first entry (type or language) to put before "@value"."""
        if language is not None:
            term = self._select(predicate, "@language", [language])
            first = (self.alias("@language"), language)
        elif datatype is not None:
            term = self._select(predicate, "@type", [datatype])
            first = None if self.types.get(term) == datatype else (self.alias("@type"), self.compact_iri(datatype, vocab=True))
        else:  # a plain string or a native number
            term, first = self._select(predicate, "@language", ["@null"]), None
        rule = self._literal_rules[(predicate, datatype, language)] = (term, first)
        return rule

    # -- the dataset --------------------------------------------------------------------------

    def compact_dataset(self, quads: Iterable[ox.Quad]) -> dict:
        """The dataset (named graphs only) as a compacted JSON-LD document."""
        return self._compact(_quad_terms(quads))

    def compact_lines(self, lines: Iterable[bytes]) -> dict:
        """The same from N-Quads lines as Oxigraph writes them (kg.store's snapshots): read
        here, three times faster than making pyoxigraph terms of them."""
        return self._compact(_line_terms(lines))

    def _compact(self, terms: Iterable[tuple[str, str, str, str | tuple]]) -> dict:
        with cyclic_gc_paused():  # millions of small tuples, lists and dicts, none in a cycle
            return self._compact_all(terms)

    def _compact_all(self, terms: Iterable[tuple[str, str, str, str | tuple]]) -> dict:
        rdf_type, rdf_nil = _RDF + "type", _RDF + "nil"
        # graph -> subject -> predicate or "@type" -> values (an IRI as str, a literal as
        # (value, datatype, language)); under None, what is there already
        graphs: dict[str, dict[str, dict]] = {}
        nodes = node = None
        last_graph = last_subject = None
        for graph, subject, key, value in terms:
            if graph is not last_graph:
                last_graph, last_subject = graph, None
                nodes = graphs.get(graph)
                if nodes is None:
                    nodes = graphs[graph] = {}
            if subject is not last_subject:
                last_subject = subject
                node = nodes.get(subject)
                if node is None:
                    node = nodes[subject] = {None: set()}
            if isinstance(value, str):
                seen = value
                if value == rdf_nil:
                    raise Unsupported("an RDF list")
                if key == rdf_type:
                    key = "@type"
            else:  # JSON-LD value equality, as from RDF adds a value once: 1 == 1.0 but not true
                seen = value + (type(value[0]) is bool,)
            if (key, seen) not in node[None]:
                node[None].add((key, seen))
                values = node.get(key)
                if values is None:
                    node[key] = [value]
                else:
                    values.append(value)
        compacted = [self._graph_object(name, graphs[name]) for name in sorted(graphs)]
        document: dict = {"@context": self.local}
        if len(compacted) == 1:
            document.update(compacted[0])
        elif compacted:
            document[self.alias("@graph")] = compacted
        return document

    def _graph_object(self, name: str, nodes: dict[str, dict]) -> dict:
        return {self.alias("@graph"): [self._node(subject, nodes[subject]) for subject in sorted(nodes)],
                self.alias("@id"): self.compact_iri(name, vocab=False)}

    def _node(self, subject: str, properties: dict) -> dict:
        out: dict = {self.alias("@id"): self.compact_iri(subject, vocab=False)}
        types = properties.get("@type")
        if types:
            compacted = [self.compact_iri(t, vocab=True) for t in types]
            out[self.alias("@type")] = compacted[0] if len(compacted) == 1 else compacted
        id_alias, vocab_terms, iri_rules, literal_rules = self.alias("@id"), self.vocab_terms, self._iri_rules, self._literal_rules
        for predicate in sorted(p for p in properties if p is not None and p != "@type"):
            for value in properties[predicate]:
                if isinstance(value, str):
                    is_term = value in vocab_terms
                    term, vocab, wrap = iri_rules.get((predicate, is_term)) or self._iri_rule(predicate, is_term)
                    item = self.compact_iri(value, vocab=vocab)
                    if wrap:
                        item = {id_alias: item}
                else:
                    native, datatype, language = value
                    term, first = literal_rules.get((predicate, datatype, language)) or \
                        self._literal_rule(predicate, datatype, language)
                    item = native if first is None else {first[0]: first[1], "@value": native}
                found = out.get(term)
                if found is None:
                    out[term] = item
                elif type(found) is list:
                    found.append(item)
                else:
                    out[term] = [found, item]
        return out


def _quad_terms(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, str, str, str | tuple]]:
    """(graph, subject, predicate, object) of each quad: an IRI object as str, a literal as
    (value, datatype or None, language or None)."""
    for quad in quads:
        graph, subject, obj = quad.graph_name, quad.subject, quad.object
        if not isinstance(graph, ox.NamedNode) or not isinstance(subject, ox.NamedNode):
            raise Unsupported("the default graph or a blank node")
        if isinstance(obj, ox.NamedNode):
            value = obj.value
        elif isinstance(obj, ox.Literal):
            value = _native(obj.value, obj.datatype.value, obj.language)
        else:
            raise Unsupported("a blank node")
        yield graph.value, subject.value, quad.predicate.value, value


def _line_terms(lines: Iterable[bytes]) -> Iterator[tuple[str, str, str, str | tuple]]:
    """The same from N-Quads lines in Oxigraph's form: `<s> <p> <o> <g> .`, a literal as
    `"..."`, `"..."@lang` or `"..."^^<datatype>`. Anything else (a blank node, the default
    graph) is Unsupported. Equal IRIs come back as the same str object, so that the caller can
    test a change of graph or subject by identity."""
    names: dict[bytes, str] = {}  # every IRI once; checked when first seen

    def name(iri: bytes) -> str:
        if _NOT_IN_IRI.search(iri):  # e.g. the default graph, with a literal ending in ' <...>'
            raise Unsupported(iri)
        text = names[iri] = iri.decode()
        return text

    for line in lines:
        if not (line.startswith(b"<") and line.endswith(b"> .")):
            raise Unsupported(line)
        subject_end = line.find(b"> <")
        predicate_end = line.find(b"> ", subject_end + 3)
        graph_start = line.rfind(b" <", 0, -3)
        if not 0 < subject_end < predicate_end < graph_start:
            raise Unsupported(line)
        graph, subject = line[graph_start + 2:-3], line[1:subject_end]
        predicate, obj = line[subject_end + 3:predicate_end], line[predicate_end + 2:graph_start]
        graph = names.get(graph) or name(graph)
        subject = names.get(subject) or name(subject)
        predicate = names.get(predicate) or name(predicate)
        if obj.startswith(b"<") and obj.endswith(b">"):
            obj = obj[1:-1]
            yield graph, subject, predicate, names.get(obj) or name(obj)
        elif obj.startswith(b'"'):
            close = obj.rindex(b'"')
            text, rest = obj[1:close].decode(), obj[close + 1:]
            if "\\" in text:
                text = _ESCAPE.sub(_unescape, text)
            if not rest:
                yield graph, subject, predicate, (text, None, None)
            elif rest.startswith(b"^^<") and rest.endswith(b">"):
                datatype = rest[3:-1]
                yield graph, subject, predicate, _native(text, names.get(datatype) or name(datatype), "")
            elif _LANGUAGE.match(rest):
                yield graph, subject, predicate, (text, None, rest[1:].decode())
            else:
                raise Unsupported(line)
        else:
            raise Unsupported(line)


def _unescape(match: re.Match) -> str:
    char, short, long = match.groups()
    return _ECHAR[char] if char else chr(int(short or long, 16))


def _native(text: str, datatype: str, language: str | None) -> tuple:
    """(value, datatype or None, language or None), with integers, booleans and doubles made
    JSON numbers and booleans (pyld's useNativeTypes)."""
    if language:
        return (text, None, language)
    if datatype == _XSD + "string":
        return (text, None, None)
    if datatype == _XSD + "integer" and _INTEGER.match(text):
        return (int(text), None, None)
    if datatype == _XSD + "boolean" and text in ("true", "1", "false", "0"):
        return (text in ("true", "1"), None, None)
    if datatype == _XSD + "double":
        try:
            number = float(text)
        except ValueError:
            number = math.inf
        if math.isfinite(number):
            return (number, None, None)
    return (text, datatype, None)
