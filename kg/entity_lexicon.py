"""The entity lexicons of kg/data/ (head words, role nouns, honorifics), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@cache
def head_types() -> dict[str, str]:
    """Head word (lower case) -> base type: 'festival' -> 'Event'."""
    return {r[0]: r[1] for r in _rows("entity_heads.tsv")}


@cache
def roles() -> dict[str, tuple[str, str | None]]:
    """Role noun -> (base type of its holder, nkg: predicate or None)."""
    return {r[0]: (r[1], None if r[2] == "-" else r[2]) for r in _rows("roles.tsv")}


@cache
def honorifics() -> frozenset[str]:
    """Titles that precede a name and are not part of it ('mr', 'sen', 'president')."""
    return frozenset(r[0] for r in _rows("honorifics.txt"))


def singular(word: str) -> str:
    """Crude singular of a lower-case noun for lexicon look-ups ('directors' -> 'director')."""
    if word in head_types() or word in roles():
        return word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if (
            word.endswith(suffix)
            and (cand := word[: -len(suffix)] + repl)
            and (cand in head_types() or cand in roles())
        ):
            return cand
    return word


@cache
def given_names() -> frozenset[str]:
    """Lower-case given names (US Census 1990 first-name lists)."""
    return frozenset(r[0] for r in _rows("given_names.tsv"))
