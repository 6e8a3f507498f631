"""`kg entities`: the entities of a built graph with type, aliases, mention count and articles.

Reads the store with SPARQL only; prints a table, CSV, JSON, or a curation file to start from
(see kg.resolve.curation for its format).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from . import sparql
from .records import BASE_TYPES
from .resolve.curation import template_rows

QUERY = """
SELECT ?e ?type ?name ?count
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases)
       (GROUP_CONCAT(DISTINCT ?id; separator="\\u001f") AS ?articles)
WHERE {
  VALUES ?type { %s }
  ?e a ?type ; schema:name ?name .
  OPTIONAL { ?e schema:alternateName ?alias }
  OPTIONAL { ?e nkg:mentionCount ?count }
  OPTIONAL { ?article schema:mentions ?e ; schema:identifier ?id }
}
GROUP BY ?e ?type ?name ?count
"""
SEP = "\u001f"
FORMATS = ("table", "csv", "json", "template")


@dataclass(frozen=True)
class EntityRow:
    key: str  # the IRI's last segment
    iri: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]


def list_entities(store, type_: str | None = None) -> list[EntityRow]:
    """Entities of the five base types (or of `type_`), most mentioned first."""
    types = [type_] if type_ else list(BASE_TYPES)
    result = sparql.run(store, QUERY % " ".join(f"schema:{t}" for t in types))
    rows = []
    for e, t, name, count, aliases, articles in result.rows:
        iri = e.value
        rows.append(
            EntityRow(
                key=iri.rsplit("/", 1)[-1],
                iri=iri,
                type=t.value.rsplit("/", 1)[-1],
                name=name.value,
                aliases=tuple(sorted(a for a in aliases.value.split(SEP) if a))
                if aliases is not None
                else (),
                mentions=int(count.value) if count is not None else 0,
                articles=tuple(sorted(a for a in articles.value.split(SEP) if a))
                if articles is not None
                else (),
            )
        )
    return sorted(rows, key=lambda r: (-r.mentions, r.name.casefold(), r.key))


def render(rows: list[EntityRow], fmt: str) -> str:
    """table | csv | json | template (a curation file listing every entity)."""
    if fmt == "template":
        return template_rows([{"name": r.name, "type": r.type, "aliases": r.aliases} for r in rows])
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "type", "name", "mentions", "articles", "aliases"])
        for r in rows:
            writer.writerow([r.key, r.type, r.name, r.mentions, "|".join(r.articles), "|".join(r.aliases)])
        return out.getvalue()
    return _table(rows)


def _table(rows: list[EntityRow]) -> str:
    header = ("NAME", "TYPE", "MENTIONS", "ARTICLES", "ALIASES")
    cells = [header] + [
        (
            _clip(r.name, 40),
            r.type,
            str(r.mentions),
            _clip(_articles(r.articles), 40),
            _clip(", ".join(r.aliases), 60),
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(header))).rstrip() for c in cells]
    lines.append(f"{len(rows)} entities")
    return "\n".join(lines) + "\n"


def _articles(ids: tuple[str, ...]) -> str:
    return f"{len(ids)}: {' '.join(ids)}" if ids else "0"


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"
