"""Time expressions normalised against the publication date (the contract's semantics)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import find_time_expressions, normalise

FRIDAY = date(2020, 9, 18)  # a Friday


@pytest.mark.parametrize(
    ("expression", "earliest", "latest"),
    [
        ("on Thursday", date(2020, 9, 17), date(2020, 9, 17)),
        ("on Friday", FRIDAY, FRIDAY),  # the day of publication itself
        ("last Friday", date(2020, 9, 11), date(2020, 9, 11)),
        ("Monday night", date(2020, 9, 14), date(2020, 9, 14)),
        ("yesterday", date(2020, 9, 17), date(2020, 9, 17)),
        ("today", FRIDAY, FRIDAY),
        ("earlier this week", date(2020, 9, 14), date(2020, 9, 17)),
        ("this week", date(2020, 9, 14), FRIDAY),
        ("last week", date(2020, 9, 7), date(2020, 9, 13)),
        ("last weekend", date(2020, 9, 12), date(2020, 9, 13)),
        ("last month", date(2020, 8, 1), date(2020, 8, 31)),
        ("earlier this month", date(2020, 9, 1), date(2020, 9, 17)),
        ("in January", date(2020, 1, 1), date(2020, 1, 31)),
        ("back in January", date(2020, 1, 1), date(2020, 1, 31)),
        ("in November", date(2019, 11, 1), date(2019, 11, 30)),  # a later month: last year's
        ("January 2019", date(2019, 1, 1), date(2019, 1, 31)),
        ("Aug. 20", date(2020, 8, 20), date(2020, 8, 20)),
        ("August 20, 2019", date(2019, 8, 20), date(2019, 8, 20)),
        ("Sept. 30", date(2019, 9, 30), date(2019, 9, 30)),  # never after publication
        ("last year", date(2019, 1, 1), date(2019, 12, 31)),
        ("in 2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("three days ago", date(2020, 9, 15), date(2020, 9, 15)),
    ],
)
def test_expression_gives_the_narrowest_range(expression, earliest, latest):
    assert normalise(expression, FRIDAY) == (earliest, latest)


@pytest.mark.parametrize("text", ["the march went on", "they may agree", "no time here"])
def test_words_that_only_look_like_dates_give_nothing(text):
    assert find_time_expressions(text, FRIDAY) == []


def test_found_expressions_carry_offsets_into_the_text():
    text = "She said on Monday that it would happen."
    (found,) = find_time_expressions(text, FRIDAY, offset=100)
    assert (found.start, found.end, found.text) == (109, 118, "on Monday")
    assert found.earliest == found.latest == date(2020, 9, 14)
