"""Export the store: Turtle, N-Triples (the union of all graphs), N-Quads, TriG, JSON-LD (the dataset).

N-Quads and N-Triples are sorted line by line, Turtle by triple and TriG by graph, then triple,
so two builds of the same corpus export byte-identical files once the run's times are left out
(`run_times=False`). Every format is written from the generation's sorted N-Quads: one
sequential read of its snapshot, and for Turtle, TriG and JSON-LD one parse of those lines
(JSON-LD compacted by kg.jsonld, which gives pyld's output an order of magnitude faster).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .errors import ExportError
from .jsonld import PlainContext, Unsupported
from .store import generation_nquads, sorted_lines
from .vocab import OA, PREFIXES, PROV, SCHEMA

FORMATS = ("turtle", "jsonld", "nquads", "trig", "ntriples")
SUFFIXES = {"turtle": ".ttl", "jsonld": ".jsonld", "nquads": ".nq", "trig": ".trig", "ntriples": ".nt"}
# Predicates left out on request, as they appear in an N-Quads line.
_RUN_TIMES = {f"<{p}>".encode() for p in (PROV.startedAtTime, PROV.endedAtTime)}
# The bulky copies of article text: the bodies and the quote selectors' exact/prefix/suffix.
_TEXT = {f"<{p}>".encode() for p in (SCHEMA.articleBody, OA.exact, OA.prefix, OA.suffix)}


def context() -> dict:
    """The JSON-LD context shipped in ontology/context.jsonld."""
    text = resources.files("kg").joinpath("ontology/context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)


def export(store: ox.Store, fmt: str, out: IO[bytes], *, run_times: bool = True, text: bool = True) -> None:
    """Write the whole graph of an open store to `out` in format `fmt` (one of FORMATS);
    `text=False` leaves out article bodies and quote selectors' text (offsets stay), for scorers
    and quick diffs."""
    write(sorted_lines(store.dump(format=ox.RdfFormat.N_QUADS)), fmt, out, run_times=run_times, text=text)


def export_store(root: Path, fmt: str, out: IO[bytes], *, run_times: bool = True, text: bool = True) -> None:
    """`kg export`: the same, read from the live generation's N-Quads snapshot (kg.store)."""
    write(generation_nquads(root), fmt, out, run_times=run_times, text=text)


def write(lines: list[bytes], fmt: str, out: IO[bytes], *, run_times: bool = True, text: bool = True) -> None:
    """Write a graph given as sorted N-Quads lines of named graphs in format `fmt`."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
    dropped = (set() if run_times else _RUN_TIMES) | (set() if text else _TEXT)
    if dropped:
        lines = [ln for ln in lines if ln.split(b" ", 2)[1] not in dropped]
    if fmt == "nquads":
        out.write(_text(lines))
    elif fmt == "ntriples":
        out.write(_text(_triple_lines(lines)))
    elif fmt == "turtle":
        triples = ox.parse(_text(_triple_lines(lines)), format=ox.RdfFormat.N_TRIPLES)
        out.write(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    elif fmt == "trig":
        by_graph: dict[bytes, list[bytes]] = {}  # each graph's lines, still sorted
        for ln in lines:
            by_graph.setdefault(ln[ln.rindex(b" <"):], []).append(ln)
        ordered = [ln for g in sorted(by_graph) for ln in by_graph[g]]
        out.write(ox.serialize(ox.parse(_text(ordered), format=ox.RdfFormat.N_QUADS),
                               format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    else:
        out.write(json.dumps(jsonld_document(lines), ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")


def _text(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""  # one join: no new object per line


def _triple_lines(lines: list[bytes]) -> list[bytes]:
    """The union of the graphs: each quad line without its graph, once, sorted. Sorted quad
    lines give their triples sorted, and a triple in two graphs on neighbouring lines (a line is
    its triple, then " <graph> ."; a triple that begins another ends before a character that
    sorts after the space), so one pass does it."""
    out: list[bytes] = []
    last = None
    for ln in lines:
        triple = ln[:ln.rindex(b" <")] + b" ."
        if triple != last:
            out.append(triple)
            last = triple
    return out


def jsonld_document(lines: list[bytes]) -> dict:
    """N-Quads lines as JSON-LD compacted against the shipped context."""
    plain = PlainContext.of(context())
    if plain is not None:
        try:
            return plain.compact_lines(lines)
        except Unsupported:  # not lines as Oxigraph writes them, or a blank node: parse them
            pass
    return to_jsonld(list(ox.parse(_text(lines), format=ox.RdfFormat.N_QUADS)))


def to_jsonld(quads: list[ox.Quad], ctx: dict | None = None) -> dict:
    """The dataset as JSON-LD compacted against the shipped context (embedded: nothing is fetched),
    or against `ctx`. Integers become JSON numbers ("start": 2829): they read back as the same
    xsd:integer. Decimals (confidence, PageRank) stay typed strings: a JSON number reads back as
    xsd:double."""
    ctx = context() if ctx is None else ctx
    plain = PlainContext.of(ctx)
    if plain is not None:
        try:
            return plain.compact_dataset(quads)
        except Unsupported:  # a blank node or an RDF list: the general algorithm below
            pass
    return to_jsonld_by_pyld(quads, ctx)


def to_jsonld_by_pyld(quads: list[ox.Quad], ctx: dict) -> dict:
    """The same by pyld's general algorithms: the reference kg.jsonld is tested against."""
    from pyld import jsonld

    # pyld's own N-Quads reader checks each triple against all of its graph's (quadratic: minutes
    # on a large corpus); the store's quads are a set already, so hand pyld its dataset directly.
    expanded = jsonld.from_rdf(_pyld_dataset(quads), {"useNativeTypes": True})

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
