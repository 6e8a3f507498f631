"""The spaCy pipeline as kg loads it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        # spaCy's parser alone runs each of these on into the next paragraph
        "The mayor called the plan “a disaster – and they know it.”\n\nMarek also argued that the fares would double.",
        "She said the vote was “a farce, and everyone knows it.”\n\nHale also said that the count was late.",
        ("“We will not sell,” said Tom Hale, who called the offer “an insult – and a cheap one.”\n\nMarek also warned "
        "that the fares would double."),
    ],
)
def test_a_paragraph_break_ends_the_sentence(nlp, text):
    sentences = [s.text.strip() for s in nlp(text).sents if s.text.strip()]
    assert sentences == [p.strip() for p in text.split("\n\n")]
    assert nlp.pipe_names.index("kg_paragraph_breaks") < nlp.pipe_names.index("parser")


@pytest.mark.parametrize(("text", "tokens"), [
    ('Tom Hale said,"Look at the numbers."', ["said", ",", '"', "Look"]),
    ("“We lost,”said Tom Hale.", ["lost", ",", "”", "said"]),
])
def test_a_quotation_mark_glued_to_the_word_before_is_a_token_of_its_own(nlp, text, tokens):
    words = [t.text for t in nlp(text)]
    assert any(words[i:i + len(tokens)] == tokens for i in range(len(words)))
