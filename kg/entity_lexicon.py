"""The entity lexicons of kg/data/ (head words, role nouns, honorifics), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# Nouns that make a person's name the name of an organisation: "the Novak campaign", "the Lopez
# administration" (and "the campaign" later in the article is that one).
PERSONAL_ORGANISATIONS = frozenset({"campaign", "administration"})
# Days, months and time zones, full and abbreviated ("May" and "June" left out: they are names too).
CALENDAR_WORDS = frozenset(
    {
        "gmt",
        "utc",
        "bst",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "april",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "feb",
        "apr",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of kg/data/NAME, without comments and blank lines."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@cache
def head_types() -> dict[str, str]:
    """Head word (lower case) -> base type: 'festival' -> 'Event'."""
    return {r[0]: r[1] for r in data_rows("entity_heads.tsv")}


@cache
def roles() -> dict[str, tuple[str, str | None]]:
    """Role noun -> (base type of its holder, nkg: predicate or None)."""
    return {r[0]: (r[1], None if r[2] == "-" else r[2]) for r in data_rows("roles.tsv")}


@cache
def honorifics() -> frozenset[str]:
    """Titles that precede a name and are not part of it ('mr', 'sen', 'president')."""
    return frozenset(r[0] for r in data_rows("honorifics.txt"))


def is_honorific(word: str) -> bool:
    """Whether a word as written is a title before a name ("Sen.", "capt", "President")."""
    return word.lower().rstrip(".") in honorifics()


# Generation suffixes after a family name: "Jane Roe Jr.", "Marcus Hale III".
GENERATIONS = ("jr", "sr", "ii", "iii", "iv")


def family_name(name: str) -> str:
    """The word of a person's name a later mention may call them by, as written: "Roe" of "Jane
    Roe" and of "Jane Roe Jr." (within one article, "Roe" is he)."""
    words = name.split()
    if len(words) > 2 and words[-1].rstrip(".").lower() in GENERATIONS:
        return words[-2]
    return words[-1] if words else name


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
def institution_words() -> frozenset[str]:
    """Nouns that, capitalised alone inside a sentence, name an institution ("Congress", "the Senate")."""
    return frozenset(r[0] for r in data_rows("institution_words.tsv"))


@cache
def given_names() -> frozenset[str]:
    """Lower-case given names (US Census 1990 first-name lists)."""
    return frozenset(r[0] for r in data_rows("given_names.tsv"))


@cache
def given_name_sexes() -> dict[str, str]:
    """Lower-case given name -> the sexes recorded for it: "f", "m" or "fm"."""
    return {r[0]: r[1] for r in data_rows("given_names.tsv")}


def name_sexes(name: str) -> str:
    """The sexes a person's full name allows by its given name ("Jane Roe" -> "f"); "fm" for a
    one-word name or a given name the census lists do not hold."""
    words = name.split()
    return given_name_sexes().get(words[0].lower(), "fm") if len(words) > 1 else "fm"


@cache
def institution_names() -> dict[str, str]:
    """Each form of an institution in lower case -> its canonical name ("democrats" -> "Democratic Party")."""
    return {form.lower(): name for name, _, forms in institutions() for form in (name, *forms)}


@cache
def institutions() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(canonical name, base type, other forms) of institutions news names several ways."""
    return tuple((r[0], r[1], tuple(a for a in r[2].split("|") if a)) for r in data_rows("institutions.tsv"))


@cache
def state_abbreviations() -> dict[str, tuple[str, ...]]:
    """US state name -> the forms news abbreviates it to after a party ("Vermont": "Vt.", "VT")."""
    return {row[0]: tuple(row[1].split("|")) for row in data_rows("state_abbreviations.tsv")}
