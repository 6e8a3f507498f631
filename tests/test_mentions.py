"""Named mentions: cleaned names, typed by their context, junk left out. Sentences written for the tests."""

from __future__ import annotations

import pytest

from kg.extract.boilerplate import find_boilerplate_start
from kg.extract.mentions import find_mentions, normal


def leading_type(mention) -> str | None:
    votes = dict(mention.votes)
    return max(votes, key=votes.get) if votes else None


@pytest.fixture
def mentions_of(parse):
    def _mentions(text: str):
        article, doc = parse(text)
        return find_mentions(doc, article, find_boilerplate_start(text))

    return _mentions


@pytest.mark.parametrize(
    ("text", "name", "base"),
    [
        ("Film critic Jane Roe praised the movie on Sunday.", "Jane Roe", "Person"),
        ("Dr. Lena Park told reporters the study was flawed.", "Lena Park", "Person"),
        ("Ana Ruiz, who stars in the film, said she was proud.", "Ana Ruiz", "Person"),
        ("The film's producer, Omar Haddad, said the budget doubled.", "Omar Haddad", "Person"),
        ("Acme Films, the distributor, said it would appeal the ruling.", "Acme Films", "Organization"),
        (
            "Brightwater, the Canadian promotion organization, released a letter.",
            "Brightwater",
            "Organization",
        ),
        ("A Harbor News spokesperson told reporters the story was accurate.", "Harbor News", "Organization"),
        # a firm's suffix outweighs the given name it starts with
        ("Lena Research said turnout was high.", "Lena Research", "Organization"),
        ("Jane Roe Associates said the deal was done.", "Jane Roe Associates", "Organization"),
        ("The festival screened the film “Quiet Harbor” on Friday.", "Quiet Harbor", "CreativeWork"),
        ("Harbor Lights director Sam Ortiz said the ending was rewritten.", "Harbor Lights", "CreativeWork"),
        ("Harbor Lights, directed by Mia Chen, opens on Friday.", "Harbor Lights", "CreativeWork"),
        ("Mia Chen won the Golden Reed Award last year.", "Golden Reed Award", "Event"),
        ("The judge said the Equal Rights Clause was violated.", "Equal Rights Clause", "CreativeWork"),
        ("The mayor spoke to reporters in Lisbon on Tuesday.", "Lisbon", "Place"),
        # a role word before a name that qualifies a noun is that noun's role, not the name's
        ("Jane Roe, the chief Portugal negotiator in the talks, left early.", "Portugal", "Place"),
        # an institution word capitalised inside a sentence names the institution
        ("At least a dozen members of Congress told reporters the bill would pass.", "Congress", "Organization"),
        ("The bill went to the Senate on Tuesday.", "Senate", "Organization"),
        # two short acronyms joined by a hyphen are one name, not shouting
        ("Leaders of the ILA-ILWU met on Friday.", "ILA-ILWU", "Organization"),
    ],
)
def test_name_is_typed_by_its_context(mentions_of, text, name, base):
    found = {m.text: m for m in mentions_of(text)}
    assert name in found, sorted(found)
    assert leading_type(found[name]) == base
    assert text[found[name].start : found[name].end] == name


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Film critic Jane Roe praised the movie.", "Film"),  # a role premodifier, not a name
        ("Posts tagged #SaveTheShow spread quickly, and @showfan replied.", "SaveTheShow"),
        ("Posts tagged #SaveTheShow spread quickly, and @showfan replied.", "showfan"),
        ("The petition said the dancers are TWELVE years old.", "TWELVE"),
        ("The mayor said on Tuesday that the bridge would close.", "Tuesday"),
        ("Acme Denies Report About Layoffs\n\nAcme said on Monday that the report was false.", "Acme Denies"),
        ('"Okay," the mayor said after the vote.', "Okay"),  # one quoted common word is speech
        ("Editor’s Note: The following is the second part of a series.", "Note"),  # one quoted common word is speech
        # a head noun inside a title is no institution of its own
        ("Secretary of State Jane Roe flew to Lisbon on Tuesday.", "State"),
        ("The Senate of the university met. Film critics were there.", "Film"),
        ("The petition said the dancers were TWELVE-YEAR-OLD girls.", "TWELVE"),
    ],
)
def test_junk_is_not_a_mention(mentions_of, text, absent):
    assert all(absent not in m.text for m in mentions_of(text))


def test_headline_keeps_only_the_names_the_body_uses(mentions_of):
    text = "Acme Denies Report About Layoffs\n\nAcme said on Monday that the report was false."
    names = [(m.text, m.start) for m in mentions_of(text)]
    assert names == [("Acme", 0), ("Acme", text.index("Acme said"))]


def test_names_in_a_footer_are_left_out(mentions_of):
    body = "Acme said on Monday that the report about Jane Roe was false.\n\n"
    footer = "Tom Hale Joins Cast of Harbor Story\n\nLena Park Talks Tour in New Documentary"
    found = mentions_of(body + footer)
    assert found and all(m.end <= len(body) for m in found)


def test_title_in_quotes_keeps_its_own_punctuation(mentions_of):
    text = "She directed the short film “Mother(s),” which won a prize."
    found = [m.text for m in mentions_of(text)]
    assert "Mother(s)" in found


@pytest.mark.parametrize(
    ("a", "b"),
    [("Léa Moreau", "lea moreau"), ("the Northern Council", "northern council"), ("Acme's", "acme")],
)
def test_normal_form_ignores_accents_case_articles_and_possessives(a, b):
    assert normal(a) == b


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Tom Hale, director of the Office of Rural Policy and Outreach, said so.",
            ["Tom Hale", "Office of Rural Policy and Outreach"],
        ),
        ("The Department of Labor and Jane Roe met on Monday.", ["Department of Labor", "Jane Roe"]),
    ],
)
def test_organisation_name_takes_a_closing_conjunct_but_not_a_person(mentions_of, text, names):
    assert [m.text for m in mentions_of(text)] == names


@pytest.mark.parametrize(
    ("text", "name", "base"),
    [
        ("She spoke on a virtual 10 Films to Watch panel hosted by the group.", "10 Films to Watch", "Event"),
        ("Jane Roe spoke at the October 28 Acme News debate in Denver.", "Acme News", "Organization"),
    ],
)
def test_title_run_before_an_event_noun_names_the_event_without_its_date(mentions_of, text, name, base):
    found = {m.text: m for m in mentions_of(text)}
    assert name in found and leading_type(found[name]) == base
    assert not any("October" in n for n in found)


def test_possessive_inside_a_name_gives_the_outlet_and_the_person(mentions_of):
    text = "Critics included radio host Glen Marsh and the Daily Ledger’s Ben Ortiz, who wrote a column."
    names = [m.text for m in mentions_of(text)]
    assert "Ben Ortiz" in names and "Daily Ledger" in names
    assert not any("’s" in n for n in names)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Jane Roe and Tom Roe spoke first; the Roes said they would sue.", "Roes"),
        ("Pro-Harmon voters rallied in Denver.", "Pro-Harmon"),
        ("A pro-Harmon super PAC spent money.", "pro-Harmon"),
    ],
)
def test_plurals_and_adjectives_made_of_names_are_not_names(mentions_of, text, absent):
    assert absent not in [m.text for m in mentions_of(text)]


def test_the_plural_of_a_party_adjective_is_still_the_party(mentions_of):
    # "Republicans" beside "Republican" is no family of Republicans: the plural names the party
    text = "Republican leaders met on Monday. Republicans said they would vote no."
    assert [m.text for m in mentions_of(text)].count("Republicans") == 1


@pytest.mark.parametrize(
    ("text", "name", "person_vote"),
    [
        ("Yesterday Dorothy Quell spoke at length.", "Dorothy Quell", True),
        ("Yesterday Mary Ann Quell spoke at length.", "Mary Ann Quell", True),
        ("Yesterday Quell Holdings Inc spoke at length.", "Quell Holdings Inc", False),
        ("Yesterday Dorothy Films spoke at length.", "Dorothy Films", False),  # the head word decides
        ("Yesterday Quell Dorothy spoke at length.", "Quell Dorothy", False),
    ],
)
def test_a_name_starting_with_a_given_name_gets_a_person_vote(nlp, text, name, person_vote):
    from kg.extract.mentions import GIVEN_NAME, context_votes

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert (("Person", GIVEN_NAME) in context_votes(doc, span.start, span.end)) is person_vote


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("Polls open on 9 November across the country.", "9 November"),  # the model says EVENT
    ],
)
def test_dates_are_not_names(parse, text, junk):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    assert junk not in [m.text for m in find_mentions(doc, article, None)]


@pytest.mark.parametrize(("text", "names"), [
    ("Sen. Marco Rubio (R-FL) and Sen. Jeff Flake (R-AZ) spoke.", ["Marco Rubio", "Jeff Flake"]),
    ("UMWA Director Bob Smith and Treasurer Gary Casteel spoke.", ["UMWA", "Bob Smith", "Gary Casteel"]),
])
def test_party_state_labels_and_role_words_are_no_part_of_a_name(parse, text, names):
    article, doc = parse(text)
    assert [m.text for m in find_mentions(doc, article, None) if m.kind == "name"] == names


def _as_the_model_labels(doc, *spans):
    """`doc` with its entities set to `spans` ((first word, words, label)): a cut the model makes on
    some names, written down so that the test does not depend on which names it cuts."""
    from spacy.tokens import Span

    doc.ents = [Span(doc, start, start + n, label=label) for start, n, label in spans]
    return doc


def test_two_person_names_in_a_row_are_one_long_name(parse):
    from kg.extract.mentions import find_mentions

    article, doc = parse("Judge Marcus Daniel Hale III ruled on Friday.")
    doc = _as_the_model_labels(doc, (1, 2, "PERSON"), (3, 2, "PERSON"))  # "Marcus Daniel" + "Hale III"
    names = [m.text for m in find_mentions(doc, article, None)]
    assert "Marcus Daniel Hale III" in names and "Hale III" not in names


@pytest.mark.parametrize(("text", "name"), [
    ("A report said Tom Novak's campaign invited the band.", "Tom Novak's campaign"),
    ("A judge blocked a bill passed by the Oregon legislature on Friday.", "Oregon legislature"),
])
def test_a_persons_campaign_and_a_places_legislature_are_organisations(parse, text, name):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    found = {m.text: leading_type(m) for m in find_mentions(doc, article, None)}
    assert found.get(name) == "Organization", found


def test_an_organisation_named_after_a_person_is_an_organisation(parse):
    from kg.extract.mentions import find_mentions

    article, doc = parse("The Novak campaign said on Friday that the Lopez administration had failed.")
    found = {m.text: max(m.votes, key=lambda v: v[1])[0] for m in find_mentions(doc, article, None)}
    assert found.get("Novak campaign") == "Organization" and found.get("Lopez administration") == "Organization"
    assert "Novak" not in found


def test_a_pronoun_the_model_runs_into_a_name_is_not_part_of_it(parse):
    from kg.extract.mentions import find_mentions

    article, doc = parse("Novak told the Harbor Courier he's already received hundreds of letters.")
    doc = _as_the_model_labels(doc, (2, 4, "ORG"))  # "the Harbor Courier he"
    assert "Harbor Courier" in [m.text for m in find_mentions(doc, article, None)]


def test_markup_the_article_kept_is_no_name(parse):
    from kg.extract.mentions import find_mentions

    article, doc = parse('<tweet author="@jroe" datetime="2016-06-29">Harbor Party wins</tweet>')
    doc = _as_the_model_labels(doc, (4, 6, "ORG"))  # 'datetime="2016-06-29">Harbor Party'
    assert [m.text for m in find_mentions(doc, article, None)] == []


@pytest.mark.parametrize(("text", "cut", "name"), [
    # lower-case words the model runs into the start of a name are no part of it
    ("She cannot make sense of where Harbor Party is today.", (6, 3, "ORG"), "Harbor Party"),
    ("Roe requested yet another Justice Department inquiry.", (3, 3, "ORG"), "Justice Department"),
    # an organisation's name that begins with a title word keeps it
    ("Roe requested a Justice Department inquiry.", (3, 2, "ORG"), "Justice Department"),
    ("The bridge was never a priority of her Transport Department.", (7, 3, "ORG"), "Transport Department"),
    ("Its roots lie in earlier Harbor Party trends.", (4, 3, "ORG"), "Harbor Party"),
    # a person's name takes no capitalised phrase before it ("the Lord for")
    ("He says he has a word from the Lord for Tom Novak.", (10, 2, "PERSON"), "Tom Novak"),
    # lower-case particles of a name stay in it
    ("Ahmed al Ashry spoke on Monday.", (0, 3, "PERSON"), "Ahmed al Ashry"),
    ("Hans van der Berg spoke on Monday.", (0, 4, "PERSON"), "Hans van der Berg"),
])
def test_function_words_before_a_name_are_no_part_of_it(parse, text, cut, name):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    doc = _as_the_model_labels(doc, cut)
    assert name in [m.text for m in find_mentions(doc, article, None)]


@pytest.mark.parametrize(("text", "name"), [
    ('"The bridge will hold," said Maria Novak, an engineer.', "Maria Novak"),
    # a given name no census list holds, where only a name can stand: after a verb of saying
    ('"The bridge will hold," said Oriana Novak, an engineer.', "Oriana Novak"),
    # a title is no given name
    ('"The bridge will hold," said Chairman Novak on Friday.', "Novak"),
])
def test_a_given_name_the_model_leaves_out_of_a_person_name_is_put_back(parse, text, name):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    doc = _as_the_model_labels(doc, (9, 1, "PERSON"))  # the surname alone
    assert [m.text for m in find_mentions(doc, article, None) if m.kind == "name"] == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("Leaders of the Anti-Fraud League met on Friday.", "Anti-Fraud League"),  # a name, not "anti-X"
    ("The Glaziers endorsed the mayor on Friday.", "Glaziers"),  # a plural the model calls an organisation
])
def test_names_that_only_look_like_adjectives_or_groups(parse, text, name):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    start = [t.text for t in doc].index(name.split("-")[0].split()[0])
    doc = _as_the_model_labels(doc, (start, len(doc.char_span(text.index(name), text.index(name) + len(name))),
                                     "ORG"))
    assert name in [m.text for m in find_mentions(doc, article, None)]


@pytest.mark.parametrize(("text", "first", "words", "label", "name", "base"), [
    # a first word that is also a given name or an honorific does not make a place or an event a person
    ("Fans filled the Daisy Bowl on Friday.", 3, 2, "EVENT", "Daisy Bowl", "Event"),
    ("The council met in St. Albans on Friday.", 4, 2, "GPE", "St. Albans", "Place"),
])
def test_what_the_model_calls_a_place_or_an_event_is_no_person(parse, text, first, words, label, name, base):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    doc = _as_the_model_labels(doc, (first, words, label))
    found = {m.text: leading_type(m) for m in find_mentions(doc, article, None)}
    assert found.get(name) == base, found


def test_the_surname_of_a_person_named_in_full_is_a_name_wherever_it_stands(mentions_of):
    # the small model leaves out the lone "Brenner" in the middle of the clause; he was named in full before
    text = ("Republican Rep. Tom Brenner faces candidate Art Kellner. At Monday's forum, Kellner blasted "
            "Brenner for skipping votes.")
    lone = [m for m in mentions_of(text) if m.text == "Brenner"]
    assert [(leading_type(m), m.start) for m in lone] == [("Person", text.index("Brenner for"))]


@pytest.mark.parametrize(("text", "base"), [
    # the model calls the lone surname a place; the article names the person in full and never uses
    # the word as a place: the surname is the person's
    ("Gov. Tom Harlan leads the count. Harlan has pulled within 4 points of the mayor.", "Person"),
    # "from Harlan": the article uses the word as a place too, so the model's label stands
    ("Gov. Tom Harlan leads the count. Voters from Harlan have pulled within 4 points of the mayor.", "Place"),
])
def test_a_surname_the_model_calls_a_place_is_the_persons(parse, text, base):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    lone = [t.i for t in doc if t.text == "Harlan"][1]
    doc = _as_the_model_labels(doc, (1, 2, "PERSON"), (lone, 1, "GPE"))
    found = [leading_type(m) for m in find_mentions(doc, article, None) if m.text == "Harlan"]
    assert found == [base]


def test_a_surname_before_a_generation_is_the_persons(mentions_of):
    # "Pate" after "Luther Stan Pate IV": the family name is the word before the generation
    from kg.entity_lexicon import family_name

    assert family_name("Luther Stan Pate IV") == "Pate"
    assert family_name("Jane Roe") == "Roe"
    assert family_name("Roe") == "Roe"


@pytest.mark.parametrize(("text", "kept"), [
    # the model calls a sentence's first word a person; the article writes it in lower case elsewhere
    ("The mine will close. Coal miners are still angry about it, and coal prices keep falling.", False),
    # a name the article also writes inside a sentence stays a name
    ("The mine will close. Novak supporters are angry, said a friend of Novak on Friday.", True),
])
def test_a_capitalised_first_word_the_article_writes_in_lower_case_is_no_name(parse, text, kept):
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    first = [t.i for t in doc if t.is_sent_start][1]
    doc = _as_the_model_labels(doc, (first, 1, "PERSON"))
    assert (doc[first].text in [m.text for m in find_mentions(doc, article, None)]) is kept
