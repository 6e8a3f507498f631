"""The entity curation file users edit (corpus/entities.csv): overrides merges and types.

A CSV file with a header line naming these columns (in any order; only `name` is required):

    name         the entity's canonical name; matched against every name and alias of the
                 entity the build finds (accent-, case- and punctuation-insensitive)
    type         Person | Organization | CreativeWork | Event | Place to force the base type,
                 "ignore" to leave the entity out of the graph, or empty to keep the vote
    aliases      other names of the same entity, separated by "|": mentions with these names
                 are merged into it ("UN|U.N.|United Nations")
    same_as      IRIs of the same entity elsewhere, separated by "|" (schema:sameAs)
    not_same_as  names that must NOT be merged into this entity, separated by "|": keeps two
                 people with one surname, or an outlet and a place, apart

Blank lines and lines whose first cell starts with "#" are comments. Every other line is one
entity; a name may appear on one line only. `kg entities --curation-template` prints a file
to start from. A malformed file stops the build with a CurationError naming the line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import CurationError
from ..records import BASE_TYPES
from .entities import Curation, CurationRow, normal

CURATION_FILE = "entities.csv"
COLUMNS = ("name", "type", "aliases", "same_as", "not_same_as")
IGNORE = "ignore"
SEPARATOR = "|"


def default_curation_path(corpus_root: Path) -> Path | None:
    """entities.csv inside a folder corpus, or beside a .jsonl corpus."""
    return corpus_root / CURATION_FILE if corpus_root.is_dir() else corpus_root.parent / CURATION_FILE


def read_curation(path: Path) -> Curation:
    """Parse the curation file; CurationError names the line at fault."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CurationError(f"{path}: not UTF-8 text. Save the curation file as UTF-8 CSV.") from None
    except OSError as e:
        raise CurationError(f"{path}: cannot read the curation file ({e.strerror}).") from None
    return parse_curation(text, str(path))


def parse_curation(text: str, source: str = "entities.csv") -> Curation:
    """Parse curation CSV text; `source` names the file in messages."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[CurationRow] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if any("\n" in c for c in cells):
                # a quote left open swallows the lines after it into one cell
                first = line - max(c.rstrip("\n").count("\n") for c in cells)
                raise CurationError(f"{source}, line {first}: a quotation mark is never closed, so the lines "
                                    "after it were read as one cell. Close the quote or remove it.")
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = _header(cells, source, line)
                continue
            if len(cells) > len(header):
                raise CurationError(
                    f"{source}, line {line}: {len(cells)} cells but the header names "
                    f"{len(header)} columns. Quote cells that contain commas."
                )
            row = _row(dict(zip(header, (c.strip() for c in cells))), source, line)
            for name in (row.name, *row.aliases):
                key = normal(name)
                if key in seen:
                    raise CurationError(
                        f"{source}, line {line}: {name!r} is already curated on line "
                        f"{seen[key]}. Give each name one line; list other names as aliases."
                    )
                seen[key] = line
            rows.append(row)
    except csv.Error as e:
        raise CurationError(f"{source}, line {reader.line_num}: malformed CSV ({e}).") from None
    if header is None:
        raise CurationError(
            f"{source}: no header line. The first line must name the columns: {','.join(COLUMNS)}."
        )
    return Curation(tuple(rows))


def _header(cells: list[str], source: str, line: int) -> list[str]:
    header = [c.strip().lower() for c in cells]
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise CurationError(
            f"{source}, line {line}: unknown column {unknown[0]!r}. The columns are {', '.join(COLUMNS)}."
        )
    if "name" not in header:
        raise CurationError(
            f"{source}, line {line}: the header has no 'name' column. The columns are {', '.join(COLUMNS)}."
        )
    if len(set(header)) != len(header):
        raise CurationError(f"{source}, line {line}: a column is named twice in the header.")
    return header


def _row(cells: dict[str, str], source: str, line: int) -> CurationRow:
    name = cells.get("name", "")
    if not normal(name):
        raise CurationError(f"{source}, line {line}: the name is empty. Every line names one entity.")
    type_ = cells.get("type", "") or None
    if type_ is not None:
        by_lower = {t.lower(): t for t in (*BASE_TYPES, IGNORE)}
        by_lower["organisation"] = "Organization"
        if type_.lower() not in by_lower:
            raise CurationError(
                f"{source}, line {line}: unknown type {type_!r}. Use one of "
                f"{', '.join(BASE_TYPES)}, {IGNORE}, or leave it empty."
            )
        type_ = by_lower[type_.lower()]
    same_as = _list(cells.get("same_as", ""))
    for iri in same_as:
        if not iri.startswith(("http://", "https://")) or any(c in iri for c in ' <>"{}\\^`'):
            raise CurationError(f"{source}, line {line}: same_as {iri!r} is not an http(s) IRI.")
    aliases = _list(cells.get("aliases", ""))
    not_same_as = _list(cells.get("not_same_as", ""))
    own = {normal(name), *(normal(a) for a in aliases)}
    clash = [n for n in not_same_as if normal(n) in own]
    if clash:
        raise CurationError(
            f"{source}, line {line}: {clash[0]!r} is both a name of the entity and in "
            "not_same_as. Remove it from one of the two."
        )
    return CurationRow(
        line=line, name=name, type=type_, aliases=aliases, same_as=same_as, not_same_as=not_same_as
    )


def _list(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(SEPARATOR) if p.strip())


def template_rows(entities: list[dict]) -> str:
    """A curation file listing `entities` (dicts: name, type, aliases), to edit and save as entities.csv."""
    out = io.StringIO()
    out.write("# kg entity curation file: edit, save as CORPUS/entities.csv, run `kg build` again.\n")
    out.write("# type: Person|Organization|CreativeWork|Event|Place|ignore; lists are separated by '|'.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    uses: dict[str, int] = {}
    for e in entities:
        for n in {normal(x) for x in (e["name"], *e.get("aliases", ()))}:
            uses[n] = uses.get(n, 0) + 1
    for e in entities:
        if uses[normal(e["name"])] > 1:
            # two entities with one name (kept apart by the build): the file may curate only one
            out.write(f"# also named {e['name']!r}: a {e['type']} (give it its own name to curate it)\n")
            continue
        aliases = [a for a in e.get("aliases", ()) if uses[normal(a)] == 1 and normal(a) != normal(e["name"])]
        writer.writerow([e["name"], e["type"], SEPARATOR.join(aliases), "", ""])
    return out.getvalue()
