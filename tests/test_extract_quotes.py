"""Quotation marks into quoted spans: marks of every kind, nesting, and broken input."""

from __future__ import annotations

import pytest

from kg.extract.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text) if q.depth == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("He said “we will win” today.", ["we will win"]),
        ("She called it ‘a farce’ twice.", ["a farce"]),
        ("She called it 'a farce' twice.", ["a farce"]),
        ('"First," she said, "second."', ["First,", "second."]),
        ("“Outer ‘inner’ words,” he said.", ["Outer ‘inner’ words,"]),
        ("''We will win,'' he said.", ["We will win,"]),  # two apostrophes for one double mark
        # a closing mark typed the wrong way round still closes
        ("“It is unusual,“ said Roe. “It is hard.”", ["It is unusual,", "It is hard."]),
        ("“Done.“\nNext paragraph.", ["Done."]),
    ],
)
def test_quote_marks_of_every_kind_give_the_words_inside(text, expected):
    assert quoted(text) == expected


def test_nested_quotation_is_kept_as_depth_one():
    text = "“Outer ‘inner’ words,” he said."
    inner = [text[q.start:q.end] for q in find_quotes(text) if q.depth == 1]
    assert inner == ["inner"]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor’s office didn’t answer; the voters’ list was long.",
        "It was the ’90s and the boys’ club was loud.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text):
    assert quoted(text) == []


def test_quotation_running_over_paragraphs_is_one_span():
    text = "“The first part goes on.\n\n“And the second part ends here,” she said."
    assert quoted(text) == ["The first part goes on.\n\n“And the second part ends here,"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('An odd " mark stands alone.', []),  # a lone straight mark between spaces
        ("A stray” closing mark.", []),
        ('Ends with an opening mark "', []),
        ("", []),
        ("\n\n\n", []),
        ('He said "this never closes', ["this never closes"]),  # runs to the paragraph's end
        ('Last words: "the very end."', ["the very end."]),
    ],
)
def test_broken_or_edge_input_never_crashes(text, expected):
    assert quoted(text) == expected


def test_limit_stops_the_scan():
    text = 'Body "kept here" and\nfooter "left out" too'
    assert quoted(text[: text.index("\n")]) == ["kept here"]
    assert [text[q.start:q.end] for q in find_quotes(text, limit=text.index("\n"))] == ["kept here"]
