"""Export the store: Turtle, N-Triples (the union of all graphs), N-Quads, TriG, JSON-LD (the dataset).

N-Quads and N-Triples are sorted line by line, so two builds of the same corpus export
byte-identical files once the run's times are left out (`run_times=False`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import IO

import pyoxigraph as ox

from .errors import ExportError
from .vocab import OA, PREFIXES, PROV, SCHEMA

FORMATS = ("turtle", "jsonld", "nquads", "trig", "ntriples")
SUFFIXES = {"turtle": ".ttl", "jsonld": ".jsonld", "nquads": ".nq", "trig": ".trig", "ntriples": ".nt"}
_RUN_TIMES = {str(PROV.startedAtTime), str(PROV.endedAtTime)}
# The bulky copies of article text: the bodies and the quote selectors' exact/prefix/suffix.
_TEXT = {str(SCHEMA.articleBody), str(OA.exact), str(OA.prefix), str(OA.suffix)}


def context() -> dict:
    """The JSON-LD context shipped in ontology/context.jsonld."""
    text = resources.files("kg").joinpath("ontology/context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)


def export(store: ox.Store, fmt: str, out: IO[bytes], *, run_times: bool = True, text: bool = True) -> None:
    """Write the whole graph to `out` in format `fmt` (one of FORMATS); `text=False` leaves out
    article bodies and quote selectors' text (offsets stay), for scorers and quick diffs."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
    quads = list(_quads(store, run_times, text))
    if fmt == "nquads":
        out.write(_sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))
    elif fmt == "ntriples":
        out.write(_sorted_lines(ox.serialize(_triples(quads), format=ox.RdfFormat.N_TRIPLES)))
    elif fmt == "turtle":
        out.write(ox.serialize(sorted(_triples(quads), key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    elif fmt == "trig":
        out.write(ox.serialize(sorted(quads, key=lambda q: (str(q.graph_name), str(q))),
                               format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    else:
        out.write(json.dumps(to_jsonld(quads), ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")


def to_jsonld(quads: list[ox.Quad]) -> dict:
    """The dataset as JSON-LD compacted against the shipped context (embedded: nothing is fetched)."""
    from pyld import jsonld

    # pyld's own N-Quads reader checks each triple against all of its graph's (quadratic: minutes
    # on a large corpus); the store's quads are a set already, so hand pyld its dataset directly.
    # Integers become JSON numbers ("start": 2829): they read back as the same xsd:integer. Decimals
    # (confidence, PageRank) stay typed strings: a JSON number reads back as xsd:double.
    expanded = jsonld.from_rdf(_pyld_dataset(quads), {"useNativeTypes": True})
    ctx = context()

    def no_remote(url, options=None):  # a remote context would be a network fetch: refuse it
        raise jsonld.JsonLdError(f"remote document {url} refused: kg fetches nothing", "loading document failed")

    # from_rdf's output is expanded already: expanding it again before compaction (pyld's default)
    # spent 40 % of the time to change nothing
    return jsonld.compact(expanded, ctx, {"documentLoader": no_remote, "graph": False, "skipExpansion": True})


def _pyld_dataset(quads: list[ox.Quad]) -> dict[str, list[dict]]:
    """The quads as the RDF dataset pyld's from_rdf reads (what its N-Quads parser would return)."""
    dataset: dict[str, list[dict]] = {}
    for q in quads:
        name = "@default" if isinstance(q.graph_name, ox.DefaultGraph) else _pyld_term(q.graph_name)["value"]
        dataset.setdefault(name, []).append(
            {"subject": _pyld_term(q.subject), "predicate": _pyld_term(q.predicate), "object": _pyld_term(q.object)})
    return dataset


def _pyld_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "IRI", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "blank node", "value": f"_:{term.value}"}
    literal = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        literal["language"] = term.language
    return literal


def _quads(store: ox.Store, run_times: bool, text: bool) -> Iterator[ox.Quad]:
    for q in store.quads_for_pattern(None, None, None, None):
        if not run_times and q.predicate.value in _RUN_TIMES:
            continue
        if not text and q.predicate.value in _TEXT:
            continue
        yield q


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    return list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(data.splitlines()))
    return b"".join(line + b"\n" for line in lines if line)
