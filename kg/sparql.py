"""SPARQL over the store: shipped queries by name, .rq files, or query text; results as rows."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

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
        return Results(variables, [[sol[v] for v in variables] for sol in result])
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return [(t.subject, t.predicate, t.object) for t in result]


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
    """table | csv | tsv | json (SPARQL 1.1 Query Results JSON)."""
    if fmt == "json":
        return json.dumps(_results_json(results), ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(results.variables)
            for row in results.rows:
                w.writerow(["" if t is None else t.value for t in row])
        else:
            # Plain values as in csv, one row a line: a tab, newline or backslash inside a value is
            # written \t, \n, \\ (the escapes of PostgreSQL's and pandas' TSV readers).
            buf.write("\t".join(results.variables) + "\n")
            for row in results.rows:
                buf.write("\t".join("" if t is None else _tsv_value(t.value) for t in row) + "\n")
        return buf.getvalue()
    return _table(results)


def _tsv_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _results_json(results: Results) -> dict:
    bindings = []
    for row in results.rows:
        b = {}
        for var, term in zip(results.variables, row, strict=True):
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
        bindings.append(b)
    return {"head": {"vars": results.variables}, "results": {"bindings": bindings}}


def _table(results: Results, max_width: int = 60) -> str:
    cells = [[_clip(term_text(t), max_width) for t in row] for row in results.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(results.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(results.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(results.rows)} row{'s' if len(results.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


PROLOGUE = sparql_prologue()
