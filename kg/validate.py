"""SHACL validation of the store against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox

from .graph import ONTOLOGY_GRAPH

ONTOLOGY_GRAPH_SUFFIX = f"/graph/{ONTOLOGY_GRAPH}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str  # pyshacl's readable report


def shapes_text() -> str:
    return resources.files("kg").joinpath("ontology/shapes.ttl").read_text(encoding="utf-8")


def validate(store: ox.Store) -> ValidationReport:
    """Validate the union of all graphs in the store against the contract's shapes."""
    import rdflib
    from pyshacl import validate as shacl

    data = rdflib.Graph()
    # The ontology's graph is vocabulary, not data: SHACL's targets follow rdfs:subClassOf in the
    # data graph, so with it every nkg:Statement would be checked as a schema:CreativeWork entity.
    nt = ox.serialize(
        {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)
         if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.endswith(ONTOLOGY_GRAPH_SUFFIX))},
        format=ox.RdfFormat.N_TRIPLES,
    )
    data.parse(data=nt.decode("utf-8"), format="nt")
    shapes = rdflib.Graph().parse(data=shapes_text(), format="turtle")
    conforms, results, text = shacl(data, shacl_graph=shapes, inference="none",
                                    allow_warnings=True)
    from rdflib.namespace import SH

    violations = len(set(results.subjects(rdflib.RDF.type, SH.ValidationResult)))
    return ValidationReport(bool(conforms), violations, text)
