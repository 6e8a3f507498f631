"""Read a corpus into Articles: a folder of .txt files (with optional metadata), or a .jsonl file.

The whole corpus is checked before anything is built (`scan`), so a bad file deep in a large
corpus fails the build in seconds, not after an hour of parsing. Articles are then read
again one at a time (`Corpus.articles`) so that memory does not grow with the corpus text.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .errors import CorpusError
from .records import Article, extraction_key

METADATA_FIELDS = ("id", "publisher", "headline", "url", "date_published")
# Column names other datasets use for our fields (PolNeAR's metadata.tsv among them).
FIELD_ALIASES = {"filename": "id", "title": "headline", "publication_date": "date_published", "date": "date_published"}
# "date 2020-09-11" or "Published: 2020-09-11" at the very start of an article.
DATELINE = re.compile(r"\A\s*(?:date|dated|published|dateline)\s*:?\s*(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Metadata:
    publisher: str | None = None
    headline: str | None = None
    url: str | None = None
    date_published: date | None = None


@dataclass(frozen=True)
class _Entry:
    """One article found by the scan: where to read it again and what it must hash to."""

    id: str
    path: Path
    line: int | None  # 1-based line of a .jsonl file
    sha256: str
    metadata: Metadata


class Corpus:
    """A scanned corpus: every article is known to be readable, ids are unique."""

    def __init__(self, root: Path, entries: list[_Entry], metadata: dict[str, Metadata]):
        self.root = root
        self._entries = entries
        self._metadata = metadata

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self._entries]

    @property
    def extraction_keys(self) -> dict[str, str]:
        """Each article's records.extraction_key: its text hash, with its publication date."""
        return {e.id: extraction_key(e.sha256, e.metadata.date_published) for e in self._entries}

    @property
    def publishers(self) -> dict[str, str | None]:
        return {e.id: e.metadata.publisher for e in self._entries}

    def signature(self) -> list[tuple]:
        """(id, text hash, metadata) of every article, without reading the texts again."""
        return [(e.id, e.sha256, e.metadata) for e in self._entries]

    def articles(self, ids: set[str] | None = None) -> Iterator[Article]:
        """Read the articles (or only those in `ids`) again, in corpus order."""
        if self.root.is_file():
            wanted = {e.line for e in self._entries if ids is None or e.id in ids}
            for line_no, record in _jsonl_records(self.root):
                if line_no in wanted:
                    yield _article_from_json(record, self.root, line_no)
            return
        for e in self._entries:
            if ids is None or e.id in ids:
                text = _decode(e.path, _read_article_bytes(e.path))
                yield _make_article(e.id, text, str(e.path), self._metadata.get(e.id, Metadata()))


def scan(path: str | Path) -> Corpus:
    """Check the corpus at `path` and return it; raise CorpusError naming the first problem."""
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"Corpus not found: {root}. Give a folder of .txt files or a .jsonl file.")
    if root.is_file():
        if root.suffix.lower() != ".jsonl":
            raise CorpusError(
                f"{root}: not a corpus. Give a folder of .txt files or a .jsonl file (one article a line)."
            )
        return _scan_jsonl(root)
    return _scan_folder(root)


def _scan_folder(root: Path) -> Corpus:
    files = sorted(_article_files(root), key=lambda p: p.relative_to(root).as_posix())
    if not files:
        # a folder holding one .jsonl file (as corpora are often shipped) is that file
        jsonl = sorted(p for p in root.glob("*.jsonl") if not p.name.startswith("."))
        if len(jsonl) == 1:
            return _scan_jsonl(jsonl[0])
        if jsonl:
            raise CorpusError(f"{root}: {len(jsonl)} .jsonl files and no .txt articles. Give one .jsonl file "
                              "as the corpus, or join them into one.")
        raise CorpusError(f"{root}: no .txt articles in this folder. Put one article per .txt file in it, "
                          "or one .jsonl file (one article a line).")
    entries: list[_Entry] = []
    seen: dict[str, Path] = {}
    for f in files:
        article_id = f.stem
        if article_id in seen:
            raise CorpusError(
                f"{f}: duplicate article id {article_id!r} (also {seen[article_id]}). Rename one of the files."
            )
        seen[article_id] = f
        text = _decode(f, _read_article_bytes(f))
        _check_text(text, str(f))
        entries.append(_Entry(article_id, f, None, _sha(text), Metadata()))
    metadata = _read_metadata(root, set(seen))
    entries = [replace(e, metadata=metadata[e.id]) if e.id in metadata else e for e in entries]
    return Corpus(root, entries, metadata)


def _article_files(root: Path) -> Iterator[Path]:
    """Every .txt below `root` (hidden files and folders left out); a folder that cannot be read
    stops the scan rather than losing its articles silently."""

    def unreadable(error: OSError) -> None:
        raise CorpusError(f"{error.filename}: cannot read this folder ({error.strerror}). Make it readable "
                          "or move it out of the corpus.")

    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        for name in dirs:
            if name.endswith(".txt"):
                raise CorpusError(f"{here / name}: a folder named like an article. Rename it (articles are "
                                  ".txt files).")
        for name in names:
            if name.endswith(".txt") and not name.startswith("."):
                yield here / name


def _read_article_bytes(path: Path) -> bytes:
    """The file's bytes; a link to nothing, a pipe or an unreadable file is an error naming it."""
    if path.is_symlink() and not path.exists():
        raise CorpusError(f"{path}: a link to a file that does not exist. Remove the link or restore its file.")
    if not path.is_file():
        raise CorpusError(f"{path}: not a regular file (a pipe or a device). Remove it from the corpus.")
    try:
        return path.read_bytes()
    except OSError as e:
        raise CorpusError(f"{path}: cannot read this file ({e.strerror}). Make it readable or remove it.") from None


def _scan_jsonl(path: Path) -> Corpus:
    entries: list[_Entry] = []
    seen: dict[str, int] = {}
    for line_no, record in _jsonl_records(path):
        article = _article_from_json(record, path, line_no)
        if article.id in seen:
            raise CorpusError(
                f"{path}, line {line_no}: duplicate article id {article.id!r} (also line {seen[article.id]}). "
                "Give every article its own id."
            )
        seen[article.id] = line_no
        meta = Metadata(article.publisher, article.headline, article.url, article.date_published)
        entries.append(_Entry(article.id, path, line_no, article.sha256, meta))
    if not entries:
        raise CorpusError(f"{path}: no articles in this file. Put one JSON object per line with 'id' and 'text'.")
    return Corpus(path, entries, {})


def _jsonl_records(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line, read one line at a time."""
    with open(path, "rb") as f:
        for line_no, raw in enumerate(f, start=1):
            if b"\x00" in raw:
                raise CorpusError(f"{path}: a binary file, not text. Give a UTF-8 .jsonl file, one article a line.")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise CorpusError(
                    f"{path}, line {line_no}: not UTF-8 (byte {e.start}). Convert it, e.g. iconv -f latin1 -t utf-8."
                ) from None
            if line_no == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{path}, line {line_no}: not valid JSON ({e.msg}). Fix or remove the line.") from None
            except (RecursionError, ValueError) as e:  # nested too deep; a number of thousands of digits
                reason = "nested too deep" if isinstance(e, RecursionError) else "a number too long to read"
                raise CorpusError(f"{path}, line {line_no}: not an article ({reason}). Fix or remove the line.") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{path}, line {line_no}: expected a JSON object with 'id' and 'text'.")
            yield line_no, record


def _article_from_json(record: dict, path: Path, line_no: int) -> Article:
    where = f"{path}, line {line_no}"
    for key in ("id", "text"):
        if not isinstance(record.get(key), str) or (key == "id" and not record[key].strip()):
            raise CorpusError(f"{where}: missing or non-string {key!r}. Every line needs 'id' and 'text' strings.")
    fields = {FIELD_ALIASES.get(k, k): v for k, v in record.items()}
    for key in ("publisher", "headline", "url", "date_published"):
        if fields.get(key) is not None and not isinstance(fields[key], str):
            raise CorpusError(f"{where}: {key!r} is a JSON {type(fields[key]).__name__}, not a string. "
                              "Give it as text, or leave it out.")
    meta = Metadata(
        publisher=_cell(fields.get("publisher")),
        headline=_cell(fields.get("headline")),
        url=_check_url(_cell(fields.get("url")), where),
        date_published=_parse_date(_cell(fields.get("date_published")), where),
    )
    text = record["text"].removeprefix("\ufeff")
    _check_text(text, where)
    return _make_article(record["id"].strip(), text, where, meta)


def _make_article(article_id: str, text: str, source: str, meta: Metadata) -> Article:
    published, from_dateline = meta.date_published, False
    if published is None:
        m = DATELINE.match(text)
        if m:
            try:
                published, from_dateline = date.fromisoformat(m.group(1)), True
            except ValueError:
                pass
    return Article(
        id=article_id,
        text=text,
        source=source,
        headline=meta.headline,
        publisher=meta.publisher,
        url=meta.url,
        date_published=published,
        date_from_dateline=from_dateline,
    )


def _read_metadata(root: Path, ids: set[str]) -> dict[str, Metadata]:
    csv_path, tsv_path = root / "metadata.csv", root / "metadata.tsv"
    path = csv_path if csv_path.exists() else tsv_path if tsv_path.exists() else None
    if path is None:
        return {}
    strict = path.suffix == ".csv"
    text = _decode(path, path.read_bytes())
    rows = csv.reader(text.splitlines(), delimiter="," if strict else "\t")
    header = next(rows, None)
    if not header:
        raise CorpusError(f"{path}: empty. Give a header line: {','.join(METADATA_FIELDS)}.")
    columns = [c.strip() if strict else FIELD_ALIASES.get(c.strip(), c.strip()) for c in header]
    if strict:
        unknown = [c for c in columns if c not in METADATA_FIELDS]
        if unknown:
            raise CorpusError(
                f"{path}: unknown column(s) {', '.join(unknown)}. "
                f"The columns are: {', '.join(METADATA_FIELDS)} (only id is required)."
            )
    if "id" not in columns:
        raise CorpusError(f"{path}: no 'id' column. Add one holding each article's file name without .txt.")
    out: dict[str, Metadata] = {}
    for line_no, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise CorpusError(
                f"{path}, line {line_no}: {len(row)} cells for {len(columns)} columns. Quote cells holding commas."
            )
        cells = dict(zip(columns, row, strict=True))
        article_id = cells["id"].strip().removesuffix(".txt")
        if article_id not in ids:
            raise CorpusError(
                f"{path}, line {line_no}: id {article_id!r} matches no .txt file. Fix the id or remove the row."
            )
        if article_id in out:
            raise CorpusError(f"{path}, line {line_no}: id {article_id!r} appears twice. Keep one row per article.")
        out[article_id] = Metadata(
            publisher=_cell(cells.get("publisher")),
            headline=_cell(cells.get("headline")),
            url=_check_url(_cell(cells.get("url")), f"{path}, line {line_no}"),
            date_published=_parse_date(_cell(cells.get("date_published")), f"{path}, line {line_no}"),
        )
    return out


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise CorpusError(f"{path}: a binary file, not text. Remove it from the corpus or convert it to UTF-8 text.")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise CorpusError(
            f"{path}: not UTF-8 (byte {e.start}). Convert it, e.g. iconv -f latin1 -t utf-8."
        ) from None


def _check_text(text: str, where: str) -> None:
    if not text.strip():
        raise CorpusError(f"{where}: the article is empty. Remove it or give it text.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise CorpusError(f"{where}: {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} kg takes in one "
                          "article (a book or a dump, not a news article). Split it into articles.")


def _cell(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _parse_date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value[:10])
    except ValueError:
        raise CorpusError(f"{where}: date {value!r} is not YYYY-MM-DD. Fix it or leave the cell empty.") from None


def _check_url(value: str | None, where: str) -> str | None:
    """The url as given, when it is an absolute URL that can be an IRI in the graph."""
    if value is not None and not ABSOLUTE_URL.fullmatch(value):
        raise CorpusError(f"{where}: url {value!r} is not an absolute URL without spaces (https://host/path). "
                          "Fix it or leave it empty.")
    return value


# Longer texts are books or database dumps: parsing one would take minutes and gigabytes.
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's own max_length; a longer text needs gigabytes to parse
# YYYY-MM-DD, optionally with the time of an ISO timestamp ("2020-08-20T10:00:00Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
# an absolute URL that can stand as an IRI in the graph (metadata urls, --base)
ABSOLUTE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
