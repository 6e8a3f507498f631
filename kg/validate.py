"""SHACL validation of the store against ontology/shapes.ttl.

The engine is rudof's (`pyrudof`, Rust), over the data in chunks of a few articles (rudof's time
per triple grows with the size of the data it holds): fifteen times faster than pyshacl on
PolNeAR-train. pyshacl stays as the reference engine (`engine="pyshacl"`, over the whole data at
once), and tests check that both report the same violations on broken graphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox

from .graph import ONTOLOGY_GRAPH
from .store import sorted_lines

ONTOLOGY_GRAPH_SUFFIX = f"/graph/{ONTOLOGY_GRAPH}"
ENGINES = ("rudof", "pyshacl")


@dataclass(frozen=True, order=True)
class Violation:
    focus: str  # the node that breaks a shape (an IRI, or a blank node's label)
    path: str  # the property, when the shape names one
    component: str  # the SHACL constraint component, e.g. MinCountConstraintComponent
    message: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str  # one readable block per violation
    found: tuple[Violation, ...] = ()


def shapes_text() -> str:
    return resources.files("kg").joinpath("ontology/shapes.ttl").read_text(encoding="utf-8")


def data_ntriples(lines: list[bytes]) -> str:
    """The union of the graphs given as sorted N-Quads lines, as N-Triples, without the ontology's
    graph: it is vocabulary, not data (SHACL's targets follow rdfs:subClassOf in the data graph,
    so with it every nkg:Statement would be checked as a schema:CreativeWork entity). A triple in
    two graphs is written twice; the engines read the lines into a set."""
    return b"".join(triple for triple, _ in _data_triples(lines)).decode("utf-8")


def _data_triples(lines: list[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """(N-Triples line, graph as <iri>) of each N-Quads line but the ontology's graph's."""
    ontology = ONTOLOGY_GRAPH_SUFFIX.encode("utf-8") + b"> ."
    for line in lines:
        if not line.endswith(ontology):
            cut = line.rindex(b" <")
            yield line[:cut] + b" .\n", line[cut + 1:-2]


def validate(store: ox.Store, engine: str = "rudof", lines: list[bytes] | None = None) -> ValidationReport:
    """Validate the union of all graphs in the store against the contract's shapes; `lines`, the
    store's quads as sorted N-Quads lines (its snapshot), spare reading them from the store."""
    if lines is None:
        lines = sorted_lines(store.dump(format=ox.RdfFormat.N_QUADS))
    found = _rudof(lines, store) if engine == "rudof" else _pyshacl(data_ntriples(lines))
    found = tuple(sorted(set(found)))
    return ValidationReport(not found, len(found), "\n".join(_block(v) for v in found), found)


def _block(v: Violation) -> str:
    lines = [f"Constraint Violation in {v.component}:", f"\tFocus Node: <{v.focus}>"]
    if v.path:
        lines.append(f"\tResult Path: <{v.path}>")
    lines.append(f"\tMessage: {v.message}")
    return "\n".join(lines)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rudof(lines: list[bytes], store: ox.Store) -> list[Violation]:
    import pyrudof

    shapes = shapes_text()

    def check(chunk: Chunk) -> list:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(chunk.data, format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)
        return [e for e in rudof.validate_shacl() if chunk.home is None or str(e.focus_node) in chunk.home]

    # rudof lets go of the GIL: two threads check chunks side by side
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(check, data_chunks(lines, shapes)))
    messages = _Messages(store)
    out = []
    for e in (e for report in reports for e in report):
        if str(e.severity) != "Violation":
            continue
        focus, path = str(e.focus_node), str(e.path) if e.path is not None else ""
        component = _local(str(e.constraint_component))
        shape = str(e.source_shape)
        out.append(Violation(focus, path, component,
                             messages.of(shape, focus, path, component) or _unquote(str(e.message))))
    return out


SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS_OF = b"<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
# rudof's time per triple doubles past about 10,000 triples in one validation (measured on
# PolNeAR-train), and each validation costs about 0.07 s to start: chunks of about 8,000 lines
CHUNK_LINES = 8000


@dataclass(frozen=True)
class Chunk:
    """Part of the data to validate on its own: N-Triples, and the nodes whose violations count
    (None: all). Beside its own graphs a chunk holds the rdf:type of every node they point to,
    which sh:class needs; those nodes are checked in their own chunk."""

    data: str
    home: frozenset[str] | None


@dataclass(frozen=True)
class ShapesPlan:
    """What the shapes read of the data: the predicates they name (None: all, under sh:closed);
    the paths whose values they check beyond their types (sh:node, nested sh:property); and
    whether the data can be checked in chunks at all (only sh:targetClass targets, and simple
    paths)."""

    predicates: frozenset[bytes] | None
    deep_paths: frozenset[bytes]
    chunkable: bool

    @classmethod
    def of(cls, shapes: str) -> ShapesPlan:
        graph = ox.Store()
        graph.load(shapes.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        named = {f"<{t.value}>".encode() for q in graph for t in (q.subject, q.predicate, q.object)
                 if isinstance(t, ox.NamedNode)}
        closed = bool(graph.query(f"ASK {{ ?s <{SH}closed> true }}"))
        other_targets = bool(graph.query(f"""ASK {{ ?s ?target ?o
            VALUES ?target {{ <{SH}targetNode> <{SH}targetSubjectsOf> <{SH}targetObjectsOf> <{SH}target> }} }}"""))
        complex_paths = bool(graph.query(f"ASK {{ ?s <{SH}path> ?p FILTER(!isIRI(?p)) }}"))
        nested = "|".join(f"<{SH}{p}>" for p in ("node", "qualifiedValueShape", "not", "property")) + "|" + \
            "|".join(f"(<{SH}{p}>/<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>*/"
                     f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>)" for p in ("or", "and", "xone"))
        deep = graph.query(f"""SELECT DISTINCT ?path WHERE {{ ?shape <{SH}path> ?path ; ({nested})+ ?inner .
            FILTER EXISTS {{ ?inner <{SH}property>|<{SH}path> ?any }} }}""")
        return cls(None if closed else frozenset(named | {_RDF_TYPE, _SUBCLASS_OF}),
                   frozenset(f"<{row['path'].value}>".encode() for row in deep),
                   not other_targets and not complex_paths)


def data_chunks(lines: list[bytes], shapes: str, chunk_lines: int | None = None) -> list[Chunk]:
    """The data of `lines` (sorted N-Quads) in chunks that, validated one by one, report what the
    whole would: graphs that share a subject stay together, so every node has all of its own
    triples in one chunk, its home; triples whose predicate no shape names are left out."""
    plan = ShapesPlan.of(shapes)
    by_graph: dict[bytes, list[bytes]] = {}
    types: dict[bytes, list[bytes]] = {}
    unchunkable = not plan.chunkable
    for triple, graph in _data_triples(lines):
        subject, predicate, _ = triple.split(b" ", 2)
        if plan.predicates is not None and predicate not in plan.predicates:
            continue
        by_graph.setdefault(graph, []).append(triple)
        if predicate == _RDF_TYPE:
            types.setdefault(subject, []).append(triple)
        # a class hierarchy in the data (sh:class would need it whole), or blank nodes (their
        # labels are the engine's own): no chunks
        unchunkable = unchunkable or predicate == _SUBCLASS_OF or subject.startswith(b"_:") or b" _:" in triple
    everything = [Chunk(b"".join(t for triples in by_graph.values() for t in triples).decode("utf-8"), None)]
    if unchunkable:
        return everything
    chunks = []
    for graphs in _packed(_sharing_subjects(by_graph), by_graph, chunk_lines or CHUNK_LINES):
        own = [t for g in graphs for t in by_graph[g]]
        home = {t[:t.index(b" ")] for t in own}
        extra = set()
        for triple in own:
            _, predicate, obj = triple[:-3].split(b" ", 2)
            if obj.startswith(b"<") and obj not in home:
                if predicate in plan.deep_paths:
                    return everything  # a value checked beyond its type lives elsewhere
                extra.update(types.get(obj, ()))
        chunks.append(Chunk(b"".join(own + sorted(extra)).decode("utf-8"),
                            frozenset(s[1:-1].decode("utf-8") for s in home if s.startswith(b"<"))))
    return chunks


def _sharing_subjects(by_graph: dict[bytes, list[bytes]]) -> list[list[bytes]]:
    """The graphs in groups that share no subject with one another (union-find), in graph order."""
    parent = {g: g for g in by_graph}

    def root(g: bytes) -> bytes:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    first_graph: dict[bytes, bytes] = {}
    for graph, triples in by_graph.items():
        for triple in triples:
            subject = triple[:triple.index(b" ")]
            other = first_graph.setdefault(subject, graph)
            if other != graph:
                parent[root(graph)] = root(other)
    groups: dict[bytes, list[bytes]] = {}
    for graph in sorted(by_graph):
        groups.setdefault(root(graph), []).append(graph)
    return list(groups.values())


def _packed(groups: list[list[bytes]], by_graph: dict[bytes, list[bytes]], chunk_lines: int) -> list[list[bytes]]:
    chunks: list[list[bytes]] = [[]]
    size = 0
    for group in groups:
        lines = sum(len(by_graph[g]) for g in group)
        if chunks[-1] and size + lines > chunk_lines:
            chunks.append([])
            size = 0
        chunks[-1].extend(group)
        size += lines
    return chunks


class _Messages:
    """The sh:message a shape gives to a violation (rudof writes its own for node-level
    constraints): by the named shape, else by the property shape of that path and constraint,
    among the shapes that target the focus node's classes when several have one."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.shapes = ox.Store()
        self.shapes.load(shapes_text().encode("utf-8"), format=ox.RdfFormat.TURTLE)
        self.named: dict[str, str | None] = {}
        self.by_path: dict[tuple[str, str], tuple[tuple[str, str | None], ...]] = {}

    def of(self, shape: str, focus: str, path: str, component: str) -> str | None:
        if not shape.startswith("_:") and (named := self._named(shape)) is not None:
            return named
        if not path:
            return None
        rows = self._by_path(path, component)
        if len({m for m, _ in rows}) > 1 and not focus.startswith("_:"):
            types = {q.object.value for q in self.store.quads_for_pattern(
                ox.NamedNode(focus), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None, None)}
            rows = tuple(r for r in rows if r[1] in types) or rows
        messages = {m for m, _ in rows}
        # a shape of the focus's class without a message of its own: the engine's words
        return None if None in messages or not messages else min(messages)

    # the shapes' answers repeat for every violation of the same shape: each is asked once
    def _named(self, shape: str) -> str | None:
        if shape not in self.named:
            rows = list(self.shapes.query(f"SELECT ?m WHERE {{ <{shape}> <{SH}message> ?m }}"))
            self.named[shape] = rows[0]["m"].value if rows else None
        return self.named[shape]

    def _by_path(self, path: str, component: str) -> tuple[tuple[str, str | None], ...]:
        """(message or None, target class or None) of the property shapes of `path` with the
        component's parameter."""
        if (path, component) not in self.by_path:
            self.by_path[path, component] = self._ask_by_path(path, component)
        return self.by_path[path, component]

    def _ask_by_path(self, path: str, component: str) -> tuple[tuple[str, str | None], ...]:
        parameter = component.removesuffix("ConstraintComponent")
        parameter = SH + parameter[:1].lower() + parameter[1:]
        rows = self.shapes.query(f"""SELECT DISTINCT ?m ?class WHERE {{
            ?node <{SH}property> ?p . ?p <{SH}path> <{path}> ; <{parameter}> ?any .
            OPTIONAL {{ ?p <{SH}message> ?m }} OPTIONAL {{ ?node <{SH}targetClass> ?class }} }}""")
        return tuple((r["m"].value if r["m"] is not None else None, r["class"].value if r["class"] is not None else None)
                     for r in rows)


def _unquote(message: str) -> str:
    """rudof gives a message as the literal's Turtle form: '"text"' (or '"text"@en')."""
    if message.startswith('"') and '"' in message[1:]:
        return message[1:message.rindex('"')]
    return message


def _pyshacl(data: str) -> list[Violation]:
    import rdflib
    from pyshacl import validate as shacl
    from rdflib.namespace import SH

    graph = rdflib.Graph().parse(data=data, format="nt")
    shapes = rdflib.Graph().parse(data=shapes_text(), format="turtle")
    _, results, _ = shacl(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    out = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        if results.value(r, SH.resultSeverity) != SH.Violation:
            continue
        path = results.value(r, SH.resultPath)
        out.append(Violation(str(results.value(r, SH.focusNode)), str(path) if path is not None else "",
                             _local(str(results.value(r, SH.sourceConstraintComponent))),
                             str(results.value(r, SH.resultMessage) or "")))
    return out
