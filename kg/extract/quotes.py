"""Quotation marks into quoted spans, from the characters alone (no parse needed).

Handles straight and typographic marks, double and single, quotes nested one level, stray or
unbalanced marks (ignored, never an error) and the news convention for a quotation that runs over
several paragraphs: every paragraph opens with a mark and only the last one closes.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT + "`"
# Characters after which a straight mark opens rather than closes a quotation.
OPENERS_BEFORE = " \t\n\u00a0([{—–-:/“‘\"'"


@dataclass(frozen=True)
class Quote:
    """The words between one pair of quotation marks: [start, end) excludes the marks."""

    start: int
    end: int
    double: bool
    depth: int  # 0 for a top-level quotation, 1 for one nested inside another
    closed: bool = True  # False when the closing mark is missing (runs to the paragraph's end)


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _role(ch: str, before: str, after: str, double: bool) -> str | None:
    """'open', 'close' or None (not a quotation mark here) for the mark `ch` between two characters."""
    if double:
        if ch in DOUBLE_OPEN:
            return "open"
        if ch in DOUBLE_CLOSE:
            return "close"
        # straight double: open when it follows a space or bracket and precedes a word
        if before in OPENERS_BEFORE and not after.isspace():
            return "open"
        return "close"
    # single marks double as apostrophes: don't, girls' (possessive), '90s
    if _is_letter(before) and _is_letter(after):
        return None
    if ch in SINGLE_OPEN or (ch == "'" and before in OPENERS_BEFORE):
        if after.isspace() or after.isdigit():
            return None
        return "open"
    if ch in SINGLE_CLOSE or ch == "'":
        if after.isalnum():
            return None
        return "close"
    return None


def find_quotes(text: str, limit: int | None = None) -> list[Quote]:
    """All quoted spans of `text` (up to `limit`), in order of their opening marks."""
    stop = len(text) if limit is None else min(limit, len(text))
    out: list[Quote] = []
    carry: int | None = None  # start of a quotation running on from an earlier paragraph
    carry_end = 0
    pos = 0
    while pos < stop:
        nl = text.find("\n", pos, stop)
        para_end = stop if nl < 0 else nl
        first = _first_char(text, pos, para_end)
        pos = para_end + 1
        if first >= para_end:
            continue  # empty paragraph: a running quotation goes on
        quotes, still_open = _paragraph_quotes(text, first, para_end)
        opens_here = text[first] in DOUBLE_OPEN + '"' or text[first:first + 2] in ("''", "``")
        if carry is not None:
            width = 2 if text[first] in "'`" else 1
            if opens_here and quotes and quotes[0].start == first + width:
                quotes[0] = Quote(carry, quotes[0].end, True, 0)
                carry = None
            elif opens_here and still_open == first + width:
                still_open = None  # the running quotation goes on through this paragraph too
                carry_end = _trim_end(text, first, para_end)
                continue
            else:
                out.append(Quote(carry, carry_end, True, 0, closed=False))
                carry = None
        out.extend(quotes)
        if still_open is not None:
            if still_open == first + (2 if text[first] in "'`" else 1):
                carry, carry_end = still_open, _trim_end(text, still_open, para_end)
            else:
                out.append(Quote(still_open, _trim_end(text, still_open, para_end), True, 0, closed=False))
    if carry is not None:
        out.append(Quote(carry, carry_end, True, 0, closed=False))
    out.sort(key=lambda q: (q.start, -q.end))
    return [q for q in out if q.end > q.start]


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Quote], int | None]:
    """Closed quotations of one paragraph, and the start of a double quotation left open."""
    out: list[Quote] = []
    stack: list[tuple[int, bool]] = []  # (content start, double?)
    i = start
    while i < end:
        ch = text[i]
        if ch not in ALL_MARKS:
            i += 1
            continue
        # two straight single marks ('' or ``) stand for one double mark in some newswires
        width = 2 if ch in "'`" and i + 1 < end and text[i + 1] == ch else 1
        if ch == "`" and width == 1:
            i += 1
            continue
        double = width == 2 or ch in DOUBLE_OPEN + DOUBLE_CLOSE + '"'
        before = text[i - 1] if i > 0 else " "
        after = text[i + width] if i + width < len(text) else " "
        role = "open" if ch == "`" else _role('"' if width == 2 else ch, before, after, double)
        if role == "close" and stack:
            # close the innermost quotation of the same kind; a mismatched inner one is dropped
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] == double:
                    open_at, _ = stack[k]
                    del stack[k:]
                    out.append(Quote(open_at, i, double, len(stack)))
                    break
        elif role == "open" and not (double and stack and stack[-1][1] and ch == '"' and before not in " \t\u00a0("):
            stack.append((i + width, double))
        i += width
    still_open = next((s for s, dbl in stack if dbl), None)
    return out, still_open


def _first_char(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i



def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
