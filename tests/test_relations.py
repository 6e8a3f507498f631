"""Roles and relations from premodifiers, appositions and verb frames. Sentences written for the tests."""

from __future__ import annotations

import pytest

from kg.extract.mentions import find_mentions
from kg.extract.relations import find_relations


@pytest.fixture
def relations_of(parse):
    def _relations(text: str):
        article, doc = parse(text)
        mentions = find_mentions(doc, article, None)
        out = []
        for r in find_relations(doc, article, mentions, None):
            obj = mentions[r.object].text if r.object is not None else None
            out.append((mentions[r.subject].text, r.predicate, obj, text[r.span.start : r.span.end]))
        return out

    return _relations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbor Lights director Sam Ortiz said the ending was rewritten.",
            ("Sam Ortiz", "directorOf", "Harbor Lights", "Harbor Lights director Sam Ortiz"),
        ),
        (
            "Sam Ortiz, the director of “Harbor Lights,” spoke in Lisbon on Monday.",
            ("Sam Ortiz", "directorOf", "Harbor Lights", "Sam Ortiz, the director of “Harbor Lights"),
        ),
        (
            "Harbor Lights, directed by Mia Chen, opens on Friday.",
            ("Mia Chen", "directorOf", "Harbor Lights", "Harbor Lights, directed by Mia Chen"),
        ),
        (
            "Film critic Jane Roe praised the movie on Sunday.",
            ("Jane Roe", "criticFor", None, "Film critic Jane Roe"),
        ),
        (
            "The film's producer, Omar Haddad, said the budget doubled.",
            ("Omar Haddad", "producerOf", None, "producer, Omar Haddad"),
        ),
        (
            "Acme Films, the distributor, said it would appeal the ruling.",
            ("Acme Films", "distributorOf", None, "Acme Films, the distributor"),
        ),
        (
            "Mia Chen won the Golden Reed Award last year.",
            ("Mia Chen", "awardWon", "Golden Reed Award", "Mia Chen won the Golden Reed Award"),
        ),
        (
            "The Northern Film Council, known as NFC, said the rules would change.",
            ("Northern Film Council", "alias", "NFC", "Northern Film Council, known as NFC"),
        ),
    ],
)
def test_relation_is_found_with_its_evidence(relations_of, text, expected):
    assert expected in relations_of(text)


def test_plain_sentence_states_no_relation(relations_of):
    assert relations_of("Sam Ortiz met Mia Chen in Lisbon on Monday.") == []


def test_actor_in_parentheses_after_a_character_is_cast_in_the_work(relations_of):
    text = "“Harbor Lights” follows Nora (Ana Ruiz), a young sailor, through one stormy summer."
    assert ("Ana Ruiz", "castMemberOf", "Harbor Lights", "Nora (Ana Ruiz)") in relations_of(text)


def test_role_object_may_be_a_description_tied_to_a_name(parse):
    from kg.records import Mention

    text = "“Harbor Lights” opened in May. The film's producer, Omar Haddad, said the budget doubled."
    article, doc = parse(text)
    mentions = find_mentions(doc, article, None)
    work = next(i for i, m in enumerate(mentions) if m.text == "Harbor Lights")
    start = text.index("The film")
    mentions.append(Mention(start, start + len("The film"), "The film", "description", antecedent=work))
    found = [
        (mentions[r.subject].text, r.predicate, r.object)
        for r in find_relations(doc, article, mentions, None)
    ]
    assert ("Omar Haddad", "producerOf", len(mentions) - 1) in found


def test_role_before_the_next_name_in_a_list_is_not_an_apposition(relations_of):
    text = "Her aides include chairman Tom Hale, communications director Ana Ruiz and adviser Sam Ortiz."
    found = relations_of(text)
    assert not [r for r in found if r[0] == "Tom Hale" and r[3].startswith("Tom Hale,")]
    assert ("Ana Ruiz", "directorOf", None, "director Ana Ruiz") in found


@pytest.mark.parametrize(
    ("text", "is_alias"),
    [
        ("The Northern Film Council (NFC) met on Monday.", True),
        ("The Institute of Rural Policy and Outreach (IRPO) met on Monday.", True),
        ("Jane Roe (US) beat Ana Ruiz in straight sets.", False),  # a country code, not her initials
    ],
)
def test_bracketed_short_form_must_be_the_initials_of_the_name(relations_of, text, is_alias):
    assert any(r[1] == "alias" for r in relations_of(text)) is is_alias


def test_description_wrapping_the_name_is_not_the_role_object(parse):
    from kg.records import Mention

    text = "Film critic Jane Roe praised the movie on Sunday."
    article, doc = parse(text)
    mentions = find_mentions(doc, article, None)
    roe = next(i for i, m in enumerate(mentions) if m.text == "Jane Roe")
    # coreference may add "Film critic Jane Roe" as a description of her
    mentions.append(Mention(0, text.index(" praised"), "Film critic Jane Roe", "description", antecedent=roe))
    found = [
        (mentions[r.subject].text, r.predicate, r.object)
        for r in find_relations(doc, article, mentions, None)
    ]
    assert found == [("Jane Roe", "criticFor", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale, hoping to win in Denver, called Sam Ortiz a liar on Monday.",
        "Tom Hale also called Denver voters stupid in a speech.",
        "Mr. Hale called Acme's chief executive on Monday.",
    ],
)
def test_called_as_a_verb_states_no_alias(relations_of, text):
    assert not [r for r in relations_of(text) if r[1] == "alias"]


def test_also_called_after_a_comma_states_an_alias(relations_of):
    text = "The Northern Film Council, also called Filmco, met on Monday."
    assert ("Northern Film Council", "alias", "Filmco") in [r[:3] for r in relations_of(text)]


@pytest.mark.parametrize(("text", "alias"), [
    ('Maria Lopez will meet Tom Novak. "We will talk once I see Jojo," Novak said, using Lopez\'s nickname.',
     ("Lopez", "alias", "Jojo")),
    # the speaker right before the words is no nickname; nor is a name outside a quotation
    ('Maria Lopez will meet Tom Novak. "I will wait," Novak said, using his nickname for her.', None),
    ("Maria Lopez will meet Tom Novak, Novak said, using Lopez's nickname.", None),
])
def test_a_quoted_name_said_using_someones_nickname_is_that_nickname(relations_of, text, alias):
    aliases = [r[:3] for r in relations_of(text) if r[1] == "alias"]
    assert aliases == ([alias] if alias else [])
