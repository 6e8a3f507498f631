"""SPARQL over the store: shipped queries by name, .rq files, or query text; results as rows."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from .errors import QueryError
from .vocab import PREFIXES, sparql_prologue


@dataclass(frozen=True)
class ShippedQuery:
    name: str
    summary: str  # the first comment line of the .rq file
    text: str
    parameters: tuple[str, ...]  # $NAME placeholders, filled from the command line in order


@dataclass(frozen=True)
class Results:
    """A SELECT result: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]


def shipped_queries() -> dict[str, ShippedQuery]:
    """The queries shipped in kg/queries/, by name."""
    out = {}
    for f in sorted(resources.files("kg.queries").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            first = next((ln for ln in text.splitlines() if ln.startswith("#")), "# ")
            params = tuple(dict.fromkeys(re.findall(r"\$([A-Z_]+)\b", text)))
            out[f.name[:-3]] = ShippedQuery(f.name[:-3], first.lstrip("# ").strip(), text, params)
    return out


def resolve_query(query: str, args: tuple[str, ...] = ()) -> str:
    """Query text for a shipped query name (with its arguments), a .rq file, or SPARQL text."""
    shipped = shipped_queries()
    if query in shipped:
        q = shipped[query]
        if len(args) != len(q.parameters):
            wanted = " ".join(q.parameters) or "no arguments"
            raise QueryError(f"Query {query!r} takes {wanted}; got {len(args)} argument(s).")
        text = q.text
        for name, value in zip(q.parameters, args, strict=True):
            text = text.replace(f"${name}", _sparql_string(value))
        return text
    if query.endswith(".rq"):
        path = Path(query)
        if not path.exists():
            raise QueryError(f"Query file not found: {path}.")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise QueryError(f"{path}: not UTF-8 (byte {e.start}). Save the query as UTF-8 text.") from None
        except OSError as e:
            raise QueryError(f"{path}: cannot read the query ({e.strerror}).") from None
    if re.match(r"^\s*[\w-]+\s*$", query):
        names = ", ".join(shipped)
        raise QueryError(f"Unknown query {query!r}. Shipped queries: {names} (kg query --list).")
    return query


def run(store: ox.Store, text: str) -> Results | bool | list[tuple]:
    """Run a query with kg's prefixes declared; SELECT -> Results, ASK -> bool, CONSTRUCT -> triples."""
    result = stream(store, text)
    if isinstance(result, Streamed):
        return Results(result.variables, [list(row) for row in result.rows])
    if isinstance(result, bool):
        return result
    return [(t.subject, t.predicate, t.object) for t in result]


@dataclass(frozen=True)
class Streamed:
    """A SELECT result read as it is written: variable names and an iterator of rows."""

    variables: list[str]
    rows: Iterator[list]


def stream(store: ox.Store, text: str) -> Streamed | bool | Iterator:
    """Like run, but SELECT rows and CONSTRUCT triples come one at a time, as the engine finds them."""
    check_nesting(text)
    full = with_prefixes(text)
    try:
        result = store.query(full, use_default_graph_as_union=True)
    except SyntaxError as e:
        added = full.count("\n") - text.count("\n")
        raise QueryError(f"SPARQL syntax error: {user_positions(str(e), added)}. Check the query text.") from None
    except OSError as e:
        raise QueryError(f"The query failed: {e}.") from None
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        return Streamed(variables, ([sol[v] for v in variables] for sol in _guarded(result)))
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return _guarded(result)


def _guarded(items: Iterable) -> Iterator:
    """The engine's results, its errors while producing them (a time-out, a failed evaluation)
    turned into QueryError."""
    try:
        yield from items
    except (OSError, RuntimeError) as e:
        raise QueryError(f"The query failed: {e}.") from None


MAX_NESTING = 200  # brackets deep: Oxigraph's parser overflows its stack at some thousands


@dataclass(frozen=True)
class QueryShape:
    """What a query's text shows before any engine parses it."""

    depth: int  # the deepest nesting of (), {} and []
    service: bool  # a SERVICE clause: the engine would query another server


def query_shape(text: str) -> QueryShape:
    """Nesting and SERVICE clauses of a SPARQL text, with strings, IRIs and comments skipped over."""
    depth = deepest = 0
    service = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<":
            end = text.find(">", i)
            if end > 0 and not any(c in text[i + 1:end] for c in " \t\n{}"):  # an IRI, not "less than"
                i = end + 1
                continue
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth -= 1
        elif ch in "sS" and text[i:i + 7].upper() == "SERVICE" and (i == 0 or not _word(text[i - 1])) \
                and (i + 7 >= n or not _word(text[i + 7])):
            service = True
        i += 1
    return QueryShape(deepest, service)


def _word(ch: str) -> bool:
    return ch.isalnum() or ch in "_:?$"


def check_nesting(text: str) -> None:
    """QueryError for a query nested deeper than the engine can parse safely."""
    depth = query_shape(text).depth
    if depth > MAX_NESTING:
        raise QueryError(f"The query nests brackets {depth} deep; kg allows {MAX_NESTING}. Simplify it.")


def user_positions(message: str, added_lines: int) -> str:
    """The parser's "error at LINE:COLUMN" counted in the user's text, without the prefix lines kg added."""
    return re.sub(r"\b(\d+):(\d+)\b", lambda m: f"{max(1, int(m.group(1)) - added_lines)}:{m.group(2)}", message)


def with_prefixes(text: str) -> str:
    """The query with PREFIX lines for kg's prefixes that it does not declare itself."""
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    missing = {p: iri for p, iri in PREFIXES.items() if p not in declared}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in missing.items()) + text if missing else text


def _sparql_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def term_text(term) -> str:
    """A term as a person reads it: IRIs shortened to prefix:name, literals as their value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    return term.value


def format_results(results: Results, fmt: str) -> str:
    """table | csv | tsv | json (SPARQL 1.1 Query Results JSON), as one string."""
    buf = io.StringIO()
    write_results(results.variables, results.rows, fmt, buf)
    return buf.getvalue()


TABLE_SAMPLE = 1000  # rows a table's column widths are measured on; later rows are cut to fit


def write_results(variables: list[str], rows: Iterable, fmt: str, out: TextIO) -> int:
    """Write rows to `out` as they come (memory does not grow with the result); the row count."""
    n = 0
    if fmt == "json":
        out.write(json.dumps({"head": {"vars": variables}}, ensure_ascii=False)[:-1] + ', "results": {"bindings": [')
        for n, row in enumerate(rows, start=1):
            out.write(("\n  " if n == 1 else ",\n  ") + json.dumps(_binding(variables, row), ensure_ascii=False))
        out.write("\n]}}\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(variables)
        for n, row in enumerate(rows, start=1):
            w.writerow(["" if t is None else t.value for t in row])
    elif fmt == "tsv":
        # Plain values as in csv, one row a line: a tab, newline or backslash inside a value is
        # written \t, \n, \\ (the escapes of PostgreSQL's and pandas' TSV readers).
        out.write("\t".join(variables) + "\n")
        for n, row in enumerate(rows, start=1):
            out.write("\t".join("" if t is None else _tsv_value(t.value) for t in row) + "\n")
    else:
        n = _write_table(variables, rows, out)
    return n


def _tsv_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _binding(variables: list[str], row) -> dict:
    b = {}
    for var, term in zip(variables, row, strict=True):
        if term is None:
            continue
        if isinstance(term, ox.NamedNode):
            b[var] = {"type": "uri", "value": term.value}
        elif isinstance(term, ox.BlankNode):
            b[var] = {"type": "bnode", "value": term.value}
        else:
            d = {"type": "literal", "value": term.value}
            if term.language:
                d["xml:lang"] = term.language
            elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                d["datatype"] = term.datatype.value
            b[var] = d
    return b


def _write_table(variables: list[str], rows: Iterable, out: TextIO, max_width: int = 60) -> int:
    rows = iter(rows)
    sample = [[_clip(term_text(t), max_width) for t in row] for row in itertools.islice(rows, TABLE_SAMPLE)]
    widths = [max([len(v), *(len(r[i]) for r in sample)]) for i, v in enumerate(variables)]

    def line(cells) -> str:
        return "  ".join(_clip(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"

    out.write(line(variables))
    out.write("  ".join("-" * w for w in widths) + "\n")
    n = 0
    for cells in sample:
        out.write(line(cells))
        n += 1
    for row in rows:
        out.write(line([_clip(term_text(t), max_width) for t in row]))
        n += 1
    out.write(f"({n} row{'s' if n != 1 else ''})\n")
    return n


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


PROLOGUE = sparql_prologue()
