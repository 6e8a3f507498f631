"""Find the related-links footer and other boilerplate at the end of an article.

A related-links footer is a run of short title-case lines without sentence punctuation at the
end ("Star Replaces Actor in New Thriller" / "Singer Talks Tour in New Documentary"), possibly
under a short heading ("Related:", "More from us"). Nothing from it may reach the graph.
"""

from __future__ import annotations

import re

ENUMERATION = re.compile(r"^\(?\d+[.)]\s")  # "1. Jane Roe": a numbered list is content, not links
MIN_WORDS = 4  # link titles are headlines: a run of shorter lines is a list of names, which is content
MIN_RUN = 2  # one title-case closing line may be a sign-off; two or more are a list of links
MAX_WORDS = 18
WORD = re.compile(r"[^\W_][\w'’.&-]*", re.UNICODE)
# Words that stay lower case in title case.
MINOR = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "via",
        "with",
    ]
)
CLOSING_QUOTES = "\"'”’»"
SENTENCE_END = ".!?;,:"
HEADINGS = re.compile(
    r"^(related|read more|more|see also|recommended|you may also like|trending|watch)\b.*:?$", re.IGNORECASE
)


def is_title_line(line: str, share: float = 0.75) -> bool:
    """A short line in title case (`share` of its major words capitalised) not ending like a sentence."""
    stripped = line.strip()
    words = WORD.findall(stripped)
    if not words or len(words) > MAX_WORDS or ENUMERATION.match(stripped):
        return False
    if stripped.rstrip(CLOSING_QUOTES)[-1:] in SENTENCE_END:
        return False
    major = [w for w in words if w.lower() not in MINOR] or words
    capitalised = sum(1 for w in major if w[0].isupper() or w[0].isdigit())
    return capitalised / len(major) >= share


def find_boilerplate_start(text: str) -> int | None:
    """Offset where trailing boilerplate begins, or None when the article has none."""
    lines = _lines(text)
    run: list[tuple[int, str]] = []
    i = len(lines) - 1
    while i >= 0 and is_title_line(lines[i][1]):
        run.append(lines[i])
        i -= 1
    if len(run) < MIN_RUN or sum(len(WORD.findall(line)) for _, line in run) < MIN_WORDS * len(run):
        return None
    if i >= 0 and HEADINGS.match(lines[i][1].strip()):
        run.append(lines[i])
        i -= 1
    body = [line for _, line in lines[: i + 1]]
    if not any(line.strip().rstrip(CLOSING_QUOTES)[-1:] in ".!?" for line in body):
        return None  # no sentence before the run: it is the article itself, not a footer
    return run[-1][0]


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their start offsets."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos + len(line) - len(line.lstrip()), line))
        pos += len(line)
    return out
