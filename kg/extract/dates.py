"""Time expressions ("on Thursday", "earlier this week", "Aug. 20") into date ranges.

Relative expressions are normalised against the article's publication date and always point
back in time (a statement cannot be reported before it is made). Explicit calendar dates are read
by dateparser; the range semantics (weeks, weekends, months) are ours, as the graph contract
states them: "on Thursday" in an article of Friday 2020-09-18 -> 2020-09-17 .. 2020-09-17.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Month and day names only when capitalised ("the march", "may" are words too).
_MONTH = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}

# One alternation, longest forms first; every group name says which normaliser applies.
TIME_EXPRESSION = re.compile(
    r"\b(?:"
    rf"(?P<explicit>(?:{_DAY},?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<month>(?:(?:back\s+in|earlier\s+in|late|early|in|last|this|since)\s+)?{_MONTH}(?:\s+(?:of\s+)?\d{{4}})?)"
    r"|(?P<rel_week>(?:earlier|later)\s+this\s+week|this\s+week|last\s+week|past\s+week|the\s+week)"
    r"|(?P<weekend>(?:last|this|past|the)\s+weekend)"
    r"|(?P<rel_month>(?:earlier\s+)?this\s+month|last\s+month|past\s+month)"
    r"|(?P<rel_year>(?:earlier\s+)?this\s+year|last\s+year|past\s+year)"
    rf"|(?P<weekday>(?:last\s+|this\s+(?:past\s+)?|on\s+|late\s+|early\s+)?{_DAY}(?:\s+(?:morning|afternoon|"
    r"evening|night))?)"
    r"|(?P<yesterday>yesterday|last\s+night)"
    r"|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<ago>(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|week|month|year)s?"
    r"\s+ago)"
    r"|(?P<year>(?:in|since|during|back\s+in)\s+(?:19|20)\d\d"
    r"|(?:in|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?:19|20)\d\d(?=\s+[a-z]))"
    r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeExpression:
    start: int  # offsets into the string searched
    end: int
    text: str
    earliest: date
    latest: date


def find_time_expressions(text: str, published: date, offset: int = 0) -> list[TimeExpression]:
    """Time expressions in `text`, each normalised against `published`; offsets shifted by `offset`."""
    out = []
    for m in TIME_EXPRESSION.finditer(text):
        kind = m.lastgroup
        rng = _normalise(kind, m.group(0), published)
        if rng is not None:
            out.append(TimeExpression(m.start() + offset, m.end() + offset, m.group(0), *rng))
    return out


def normalise(expression: str, published: date) -> tuple[date, date] | None:
    """(earliest, latest) that `expression` denotes in an article published on `published`."""
    m = TIME_EXPRESSION.fullmatch(expression.strip())
    return _normalise(m.lastgroup, m.group(0), published) if m else None


def _normalise(kind: str | None, text: str, pub: date) -> tuple[date, date] | None:
    low = " ".join(text.lower().split())
    if kind == "explicit":
        d = _explicit(text, pub)
        return (d, d) if d else None
    if kind == "weekday":
        day = WEEKDAYS[next(w for w in low.split() if w in WEEKDAYS)]
        back = (pub.weekday() - day) % 7
        if low.startswith("last") and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        return d, d
    if kind == "yesterday":
        d = pub - timedelta(days=1)
        return d, d
    if kind == "today":
        return pub, pub
    if kind == "rel_week":
        monday = pub - timedelta(days=pub.weekday())
        if low.startswith(("last", "past")):
            if low.startswith("past"):
                return pub - timedelta(days=7), pub
            return monday - timedelta(days=7), monday - timedelta(days=1)
        if low.startswith("earlier"):
            return (monday, max(monday, pub - timedelta(days=1)))
        if low.startswith("later"):
            return pub, pub
        return monday, pub
    if kind == "weekend":
        # Saturday..Sunday of the last weekend that has started by the publication date
        back = (pub.weekday() - 5) % 7
        if low.startswith("last") and back <= 1:
            back += 7
        saturday = pub - timedelta(days=back)
        return saturday, min(saturday + timedelta(days=1), pub)
    if kind == "rel_month":
        first = pub.replace(day=1)
        if low.startswith("last"):
            prev = first - timedelta(days=1)
            return prev.replace(day=1), prev
        if low.startswith("past"):
            return pub - timedelta(days=31), pub
        if low.startswith("earlier"):
            return first, max(first, pub - timedelta(days=1))
        return first, pub
    if kind == "rel_year":
        if low.startswith("last"):
            return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31)
        if low.startswith("past"):
            return pub - timedelta(days=366), pub
        return date(pub.year, 1, 1), pub
    if kind == "month":
        words = re.findall(r"[a-z]+|\d{4}", low)
        name = next(w for w in words if w in MONTHS or w in MONTH_ABBR)
        if name == "may" and not any(w.isdigit() for w in words) and words[0] == "may":
            return None  # the modal verb, not the month
        month = MONTHS.get(name) or MONTH_ABBR[name]
        year = next((int(w) for w in words if w.isdigit()), None)
        if year is None:
            year = pub.year if month <= pub.month else pub.year - 1
        last = date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, 1), min(last, pub)
    if kind == "ago":
        n_word, unit = low.split()[:2]
        n = int(n_word) if n_word.isdigit() else NUMBERS.get(n_word, 1)
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")] * n
        d = pub - timedelta(days=days)
        if unit.startswith("day"):
            return d, d
        return d - timedelta(days=days // 7 + 3), d + timedelta(days=days // 7 + 3)
    if kind == "year":
        year = int(low[-4:])
        if year > pub.year:
            return None
        return date(year, 1, 1), min(date(year, 12, 31), pub)
    return None


def _explicit(text: str, pub: date) -> date | None:
    d = _parse_explicit(" ".join(text.split()), pub.isoformat())
    if d is None:
        return None
    # without a year, a calendar date is the latest one not after publication
    if not re.search(r"\d{4}", text) and d > pub:
        try:
            d = d.replace(year=d.year - 1)
        except ValueError:
            return None
    return d


@lru_cache(maxsize=4096)
def _parse_explicit(text: str, pub_iso: str) -> date | None:
    import dateparser

    base = datetime.fromisoformat(pub_iso)
    try:
        parsed = dateparser.parse(
            text, languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]},
        )
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None
