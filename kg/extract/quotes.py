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
# Punctuation that ends a quotation's words: a mark after it, then a space, closes whatever its shape.
CLOSING_BEFORE = ",.!?"


@dataclass(frozen=True)
class Quote:
    """The words between one pair of quotation marks: [start, end) excludes the marks."""

    start: int
    end: int
    double: bool
    depth: int  # 0 for a top-level quotation, 1 for one nested inside another
    closed: bool = True  # False when the closing mark is missing (runs to the paragraph's end)
    open_width: int = 1  # characters of the opening mark: 2 for '' and ``
    close_width: int = 1

    @property
    def outer_start(self) -> int:
        """Where the opening mark starts."""
        return self.start - self.open_width

    @property
    def outer_end(self) -> int:
        """Where the closing mark ends (the quotation's end when it has none)."""
        return self.end + self.close_width if self.closed else self.end


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _role(ch: str, before: str, after: str, double: bool) -> str | None:
    """'open', 'close' or None (not a quotation mark here) for the mark `ch` between two characters."""
    if double:
        if ch in DOUBLE_OPEN:
            # a typed closing mark turned the wrong way ('"It's unusual,“ said Roe'): it ends words
            # and is followed by a space, where an opening mark follows a space and opens words
            return "close" if before in CLOSING_BEFORE and (after.isspace() or after == "") else "open"
        if ch in DOUBLE_CLOSE:
            return "close"
        # straight double: open when it follows a space or bracket and precedes a word, or a comma
        # with no space and precedes a capital ('said,"Look': a closing one is followed by a space
        # or, with the space missing, by the lower-case cue: '"We lost,"said')
        if before in OPENERS_BEFORE and not after.isspace() or before in ",;" and after.isupper():
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
    carry_end = carry_width = 0
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
        width = _mark_width(text, first)
        if carry is not None:
            if opens_here and quotes and quotes[0].start == first + width:
                quotes[0] = Quote(carry, quotes[0].end, True, 0, open_width=carry_width,
                                  close_width=quotes[0].close_width)
                carry = None
            elif opens_here and still_open == first + width:
                still_open = None  # the running quotation goes on through this paragraph too
                carry_end = _trim_end(text, first, para_end)
                continue
            else:
                out.append(Quote(carry, carry_end, True, 0, closed=False, open_width=carry_width))
                carry = None
        out.extend(quotes)
        if still_open is not None:
            if still_open == first + width:
                carry, carry_end, carry_width = still_open, _trim_end(text, still_open, para_end), width
            else:
                out.append(Quote(still_open, _trim_end(text, still_open, para_end), True, 0, closed=False,
                                 open_width=_mark_width(text, still_open - 2)))
    if carry is not None:
        out.append(Quote(carry, carry_end, True, 0, closed=False, open_width=carry_width))
    out.sort(key=lambda q: (q.start, -q.end))
    return [q for q in out if q.end > q.start]


def _mark_width(text: str, i: int, end: int | None = None) -> int:
    """2 when text[i] starts a doubled mark ('' or ``, one double mark in some newswires), else 1."""
    end = len(text) if end is None else end
    return 2 if 0 <= i and i + 1 < end and text[i] in "'`" and text[i + 1] == text[i] else 1


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Quote], int | None]:
    """Closed quotations of one paragraph, and the start of a double quotation left open."""
    out: list[Quote] = []
    stack: list[tuple[int, bool, int]] = []  # (content start, double?, width of the opening mark)
    i = start
    while i < end:
        ch = text[i]
        if ch not in ALL_MARKS:
            i += 1
            continue
        width = _mark_width(text, i, end)
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
                    open_at, _, open_width = stack[k]
                    del stack[k:]
                    out.append(Quote(open_at, i, double, len(stack), open_width=open_width, close_width=width))
                    break
        elif role == "open" and not (double and stack and stack[-1][1] and ch == '"' and before not in " \t\u00a0("):
            stack.append((i + width, double, width))
        i += width
    still_open = next((s for s, dbl, _ in stack if dbl), None)
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
