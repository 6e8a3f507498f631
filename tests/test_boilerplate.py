"""Related-links footers: detected at the end of an article, never elsewhere."""

from __future__ import annotations

import pytest

from kg.extract.boilerplate import find_boilerplate_start, is_title_line

BODY = "The council voted on Tuesday to close the old bridge. Residents said they were not consulted.\n\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Singer Cancels Summer Tour After Injury", True),
        ("Mayor Opens New Library in 'Old Town'", True),
        ("The council voted on Tuesday to close the old bridge.", False),
        ("Residents said they were not consulted", False),  # mostly lower case: a sentence
        ("1. Jane Roe (Last week: 2.)", False),  # a numbered list is content
        ("What Happens Next?", False),  # sentence punctuation
    ],
)
def test_title_line_is_short_title_case_without_sentence_punctuation(line, expected):
    assert is_title_line(line) is expected


def test_footer_of_title_lines_starts_at_its_first_line():
    footer = (
        "Singer Cancels Summer Tour After Injury\n\nMayor Opens New Library in Old Town\n\n"
        "Local Team Wins Cup Final"
    )
    text = BODY + footer
    assert find_boilerplate_start(text) == len(BODY)


def test_footer_heading_belongs_to_the_footer():
    footer = "Related:\nSinger Cancels Summer Tour After Injury\nMayor Opens New Library in Old Town\n"
    text = BODY + footer
    assert find_boilerplate_start(text) == len(BODY)


@pytest.mark.parametrize(
    "text",
    [
        BODY,  # no footer
        BODY + "Singer Cancels Summer Tour After Injury",  # one title line may be a sign-off
        BODY + "1. Jane Roe\n2. John Doe\n3. Ann Lee\n",  # a ranked list of names is content
        BODY + "Jane Roe\nJohn Doe\n",  # short lines of names: content, not link titles
        "Singer Cancels Summer Tour After Injury\nMayor Opens New Library in Old Town\n",  # no body at all
    ],
)
def test_no_footer_is_found_where_there_is_none(text):
    assert find_boilerplate_start(text) is None


def test_title_lines_inside_the_article_are_not_a_footer():
    text = "Singer Cancels Summer Tour After Injury\n\nMayor Opens New Library\n\n" + BODY
    assert find_boilerplate_start(text) is None
