"""SHACL validation of the store against ontology/shapes.ttl.

The engine is rudof's (`pyrudof`, Rust): about five times faster than pyshacl on PolNeAR-train.
pyshacl stays as the reference engine (`engine="pyshacl"`), and a test checks that both report
the same violations on broken graphs.
"""

from __future__ import annotations

import re
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
    ontology = ONTOLOGY_GRAPH_SUFFIX.encode("utf-8") + b"> ."
    return b"".join(ln[:ln.rindex(b" <")] + b" .\n" for ln in lines if not ln.endswith(ontology)).decode("utf-8")


def validate(store: ox.Store, engine: str = "rudof", lines: list[bytes] | None = None) -> ValidationReport:
    """Validate the union of all graphs in the store against the contract's shapes; `lines`, the
    store's quads as sorted N-Quads lines (its snapshot), spare reading them from the store."""
    if lines is None:
        lines = sorted_lines(store.dump(format=ox.RdfFormat.N_QUADS))
    data = data_ntriples(lines)
    found = _rudof(data, store) if engine == "rudof" else _pyshacl(data)
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


def _rudof(data: str, store: ox.Store) -> list[Violation]:
    import pyrudof

    def check(shapes: str) -> list:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(data, format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)
        return list(rudof.validate_shacl())

    # rudof lets go of the GIL: two threads check two halves of the shapes side by side
    groups = shape_groups(shapes_text())
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        reports = list(pool.map(check, groups))
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
# A node shape of shapes.ttl starts a line with its name: "nkgsh:StatementShape a sh:NodeShape ;".
NODE_SHAPE = re.compile(r"\n(?=\S+ a sh:NodeShape\b)")


def shape_groups(text: str) -> list[str]:
    """shapes.ttl as two documents that together check what it checks: the statements' shape (most
    of a graph's nodes) and every other shape with a target. The shapes that only others use
    (sh:node) go into both."""
    head, *blocks = NODE_SHAPE.split(text)
    targeted = [b for b in blocks if "sh:targetClass" in b]
    helpers = [b for b in blocks if "sh:targetClass" not in b]
    statements = [b for b in targeted if "sh:targetClass nkg:Statement ;" in b]
    others = [b for b in targeted if b not in statements]
    return ["\n".join([head, *group, *helpers]) for group in (statements, others) if group]


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
        messages = {m for m, _ in rows}
        if len(messages) > 1 and not focus.startswith("_:"):
            types = {q.object.value for q in self.store.quads_for_pattern(
                ox.NamedNode(focus), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None, None)}
            messages = {m for m, target in rows if target in types} or messages
        return min(messages) if messages else None

    # the shapes' answers repeat for every violation of the same shape: each is asked once
    def _named(self, shape: str) -> str | None:
        if shape not in self.named:
            rows = list(self.shapes.query(f"SELECT ?m WHERE {{ <{shape}> <{SH}message> ?m }}"))
            self.named[shape] = rows[0]["m"].value if rows else None
        return self.named[shape]

    def _by_path(self, path: str, component: str) -> tuple[tuple[str, str | None], ...]:
        """(message, target class) of the property shapes of `path` with the component's parameter."""
        if (path, component) not in self.by_path:
            self.by_path[path, component] = self._ask_by_path(path, component)
        return self.by_path[path, component]

    def _ask_by_path(self, path: str, component: str) -> tuple[tuple[str, str | None], ...]:
        parameter = component.removesuffix("ConstraintComponent")
        parameter = SH + parameter[:1].lower() + parameter[1:]
        rows = self.shapes.query(f"""SELECT DISTINCT ?m ?class WHERE {{
            ?node <{SH}property> ?p . ?p <{SH}path> <{path}> ; <{parameter}> ?any ; <{SH}message> ?m .
            OPTIONAL {{ ?node <{SH}targetClass> ?class }} }}""")
        return tuple((r["m"].value, r["class"].value if r["class"] is not None else None) for r in rows)


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
