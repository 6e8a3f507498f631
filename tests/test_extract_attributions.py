"""Attributions on short sentences written for these tests: cues, content, speakers, acts, dates."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract

FRIDAY = date(2020, 9, 18)


def _root(mentions, i):
    seen = set()
    while i is not None and mentions[i].kind != "name" and i not in seen:
        seen.add(i)
        i = mentions[i].antecedent
    return mentions[i].text if i is not None else None


@pytest.fixture
def attributions(parse):
    """attributions(text) -> [(speaker name or description, contents, modes, attribution, mentions)]."""

    def _run(text: str, published: date | None = FRIDAY):
        article, doc = parse(text, date_published=published)
        ex = extract(doc, article)
        out = []
        for a in ex.attributions:
            m = ex.mentions[a.speaker]
            who = _root(ex.mentions, a.speaker) or m.description or m.text
            out.append((who, list(a.contents), list(a.modes), a, ex.mentions))
        return out

    return _run


def _speaker_descriptions(parse, text: str, headline: str = "The bridge") -> list[str | None]:
    """The description of each statement's speaker mention (unnamed sources have one)."""
    from kg.extract import extract

    article, doc = parse(text, headline=headline)
    found = extract(doc, article)
    return [found.mentions[a.speaker].description for a in found.attributions]


def _who_said(found) -> list[tuple[str, list[str]]]:
    """(speaker, contents) of each attribution that `attributions` found."""
    return [(f[0], f[1]) for f in found]


def _find(found, fragment):
    hits = [f for f in found if any(fragment in c for c in f[1])]
    assert hits, f"no attribution holds {fragment!r}: {[f[1] for f in found]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ('"The plan will fail," Maria Lopez said.', "Maria Lopez", "The plan will fail,"),
        ('Maria Lopez said: "The plan will fail."', "Maria Lopez", "The plan will fail."),
        ('"The plan will fail," said Maria Lopez.', "Maria Lopez", "The plan will fail,"),
        ("“The plan will fail,” Maria Lopez told reporters.", "Maria Lopez", "The plan will fail,"),
        ("'The plan will fail,' Maria Lopez wrote.", "Maria Lopez", "The plan will fail,"),
        ("Maria Lopez tweeted, “The plan will fail badly.”", "Maria Lopez", "The plan will fail badly."),
    ],
)
def test_direct_quote_takes_the_speaker_beside_its_cue(attributions, text, speaker, content):
    who, contents, modes, _, _ = _find(attributions(text), content)
    assert (who, contents, modes) == (speaker, [content], ["Direct"])


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Maria Lopez said the plan would fail.", "Maria Lopez", "the plan would fail"),
        ("Maria Lopez argued that the plan would fail.", "Maria Lopez", "the plan would fail"),
        ("The budget was too small, Maria Lopez said.", "Maria Lopez", "The budget was too small"),
        ("The mayor urged residents to stay indoors.", "The mayor", "residents to stay indoors"),
        ("Maria Lopez denied the report.", "Maria Lopez", "the report"),
    ],
)
def test_indirect_speech_takes_the_reported_clause(attributions, text, speaker, content):
    who, contents, modes, _, _ = _find(attributions(text), content)
    assert (who, contents, modes) == (speaker, [content], ["Indirect"])


def test_paraphrase_holding_a_quoted_fragment_is_mixed(attributions):
    who, contents, modes, _, _ = _find(
        attributions("Maria Lopez said the plan was a “complete disaster” for the town."), "plan")
    assert who == "Maria Lopez"
    assert modes == ["Mixed"]
    assert contents == ["the plan was a “complete disaster” for the town"]


@pytest.mark.parametrize(("text", "content", "mode"), [
    # the reported clause's own subject before the quotation belongs to the content
    ('An official said Wednesday that Novak "will meet with any candidate from any party."',
     'Novak "will meet with any candidate from any party."', "Mixed"),
    # linking words and a determiner do not: the quotation alone is the content
    ('Novak said that "the plan will never work."', "the plan will never work.", "Direct"),
])
def test_a_quotation_inside_a_reported_clause_is_mixed_when_the_clause_adds_words(attributions, text, content,
                                                                                mode):
    _, contents, modes, _, _ = _find(attributions(text), "any party" if "party" in text else "never work")
    assert (contents, modes) == ([content], [mode])


def test_a_quotation_opened_in_reported_words_runs_to_its_close(attributions):
    # the parse ends the sentence inside the quotation; the quoted words after it are hers too
    text = 'Rita Osei has said that she would "pave every road in the county by June. We will find the money."'
    _, contents, modes, _, _ = _find(attributions(text), "every road")
    assert (contents, modes) == (['she would "pave every road in the county by June. We will find the money."'],
                                 ["Mixed"])


@pytest.mark.parametrize(("text", "fragment", "content"), [
    ("A new poll showed Rita Osei within 5 points of Tom Hale (35-30).", "within 5 points",
     "Rita Osei within 5 points of Tom Hale (35-30)"),
    ('Paul Mercer dismissed the idea as "absurd."', "the idea", 'the idea as "absurd."'),
    ("The mayor said the ferry was “a luxury.”", "the ferry", "the ferry was “a luxury.”"),
])
def test_reported_words_close_the_marks_they_open(attributions, text, fragment, content):
    _, contents, _, _, _ = _find(attributions(text), fragment)
    assert contents == [content]


@pytest.mark.parametrize(("text", "content"), [
    # a space missing around a quotation mark
    ('Tom Hale said,"Look at the numbers."', "Look at the numbers."),
    ('"We lost,"said Tom Hale.', "We lost,"),
    ("“We lost,”said Tom Hale.", "We lost,"),
])
def test_a_quotation_typed_without_its_space_is_found(attributions, text, content):
    assert _who_said(attributions(text)) == [("Tom Hale", [content])]


def test_quote_broken_by_its_cue_gives_two_spans_on_one_attribution(attributions):
    found = attributions('"We lost the vote," Maria Lopez said. "We will try again next year."')
    assert len(found) == 1
    who, contents, modes, _, _ = found[0]
    assert (who, contents, modes) == ("Maria Lopez", ["We lost the vote,", "We will try again next year."],
                                      ["Direct", "Direct"])


@pytest.mark.parametrize("mark", ['"', "''", "``"])
def test_quote_broken_mid_sentence_by_its_cue_in_any_marks(attributions, mark):
    close = "''" if mark == "``" else mark
    text = (f"{mark}I think they will do the right thing,{close} Maria Lopez said, "
            f"{mark}and the right thing is to stop now.{close}")
    found = attributions(text)
    assert [(who, contents) for who, contents, *_ in found] == [
        ("Maria Lopez", ["I think they will do the right thing,", "and the right thing is to stop now."])]


def test_quote_only_paragraph_continues_the_previous_speaker(attributions):
    text = ('"We lost the vote today," Maria Lopez said.\n\n'
            '"There is nothing more to add about the result."')
    found = attributions(text)
    who, *_ = _find(found, "There is nothing more to add")
    assert who == "Maria Lopez"


@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    # the subject the parser gave to a participle before the cue
    ('Rep. Tom Novak (R-Ore.), pointing to the length of the line, said, "Believe me, she has more friends than anyone."',
     "Believe me", "Tom Novak"),
    # a quotation after an attribution's tail continues its speaker
    ('"We lost the vote," said Maria Lopez, the mayor of the town. "We will try again next year with a better plan."',
     "We will try again", "Maria Lopez"),
    # "his campaign" is the campaign of whom "his" is, as the article named it, not the one named last
    (("The Novak campaign ran no ads. Tom Novak apologized on Monday, while the Kellner campaign stayed silent. "
      "His campaign said the flyer was a mistake."), "the flyer was a mistake", "Novak campaign"),
])
def test_whose_words_a_fragment_is(attributions, text, fragment, speaker):
    assert _find(attributions(text), fragment)[0] == speaker


def test_a_cue_with_a_colon_introduces_what_follows_it_not_the_quotation_before(attributions):
    text = ('"If we win, we keep the plan," Maria Lopez said. "If we lose, we will keep it for more reasons." '
            'Asked about the cost, Tom Novak said: "We will find the money."')
    who, contents, *_ = _find(attributions(text), "If we lose")
    assert who == "Maria Lopez"
    assert "If we win, we keep the plan," in contents
    # ended with a comma, the quotation is the cue's own all the same
    text = ('Maria Lopez spoke on Monday. "If the council picks the route, there is nothing you can do, neighbors," '
            'Lopez said before adding: "But the voters, perhaps they can."')
    assert _find(attributions(text), "If the council picks")[0] == "Lopez"


def test_a_quotation_set_off_after_a_colon_is_the_cues_own(attributions):
    text = ('"We will repave the square," Jane Roe said. "It will take two summers. This is what the budget '
            'allows." She went on to say:\n\n"Frankly, none of the councillors will come out and oppose the plan."')
    who, _, _, a, mentions = _find(attributions(text), "Frankly")
    assert (mentions[a.speaker].text, who) == ("She", "Jane Roe")


def test_according_to_gives_the_speaker_and_the_clause(attributions):
    who, contents, _, a, _ = _find(
        attributions("Sales fell sharply in the spring, according to the Harbor Group."), "Sales")
    assert who == "the Harbor Group" or who.endswith("Harbor Group")
    assert contents == ["Sales fell sharply in the spring"]
    assert a.cue == "according to"


def test_according_to_in_a_long_sentence_keeps_its_source_apart_from_the_next_clause(attributions):
    text = ("Ticket sales at the old stadium fell by a third across the region last month, according to "
            "research firm Boxcount, and the Harbor Residents Association is the latest group to call on the "
            "council to close the stadium.")
    found = [(who, c) for who, c, *_ in attributions(text)]
    assert found == [
        ("Boxcount", ["Ticket sales at the old stadium fell by a third across the region last month"]),
        ("Harbor Residents Association", ["the council to close the stadium"]),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("One opposition lawmaker, Maria Lopez, said the budget was a disgrace.", "Maria Lopez"),
        ("Another critic of the plan, former mayor John Hart, said it would ruin the harbour.", "John Hart"),
        # a capitalised title before the name is no name of its own
        (("The union will likely sit out the election altogether, HWU Director of Government Affairs Tom Smith "
          "told reporters earlier this week."), "Tom Smith"),
    ],
)
def test_a_description_named_by_its_apposition_is_that_name(attributions, text, speaker):
    (found,) = attributions(text)
    assert found[0] == speaker
    assert [m.text for m in found[4] if m.kind == "name" and "Director" in m.text] == []


def test_asking_not_to_be_named_is_no_statement(attributions):
    found = attributions("One resident, who asked not to be named, said the water smelled bad.")
    assert [(who, c) for who, c, *_ in found] == [("One resident", ["the water smelled bad"])]


@pytest.mark.parametrize(
    ("text", "speaker", "content", "mode"),
    [
        ("Maria Lopez: “The plan will fail and the town will pay for it.”", "Maria Lopez",
         "The plan will fail and the town will pay for it.", "Direct"),
        ("Former mayor Maria Lopez: “We should have built the bridge years ago.”", "Maria Lopez",
         "We should have built the bridge years ago.", "Direct"),
        ("Maria Lopez — “The plan will fail and the town will pay for it.”", "Maria Lopez",
         "The plan will fail and the town will pay for it.", "Direct"),
        ("HOST: Do you think the plan will fail this year?", "HOST",
         "Do you think the plan will fail this year?", "Direct"),
        # the surname alone: resolution joins it to the full name (tests/test_entities.py)
        ("Lopez: Budget Plan Will Fail Next Year\n\nMaria Lopez spoke on Monday.", "Lopez",
         "Budget Plan Will Fail Next Year", "Indirect"),
    ],
)
def test_a_paragraph_opening_with_a_speaker_and_a_colon_reports_what_follows(
        attributions, text, speaker, content, mode):
    who, contents, modes, a, _ = _find(attributions(text), content)
    assert (who, contents, modes, a.cue) == (speaker, [content], [mode], text[a.cue_span.start:a.cue_span.end])


@pytest.mark.parametrize(
    "text",
    [
        "Editor’s Note: The following is the second part of a series on the harbour.",
        "Here they are: the five best plans the council has seen this year.",
        "Did you say the plan would fail before the vote?",
        "Harbor Group Slams Mayor: Bridge Plan Will Fail Next Year",  # a headline's clause, no speaker
    ],
)
def test_labels_lists_and_questions_report_nothing(attributions, text):
    assert attributions(text) == []


@pytest.mark.parametrize(("text", "statements"), [
    # the title of a work in quotation marks is no one's words, whatever verb follows it
    ('Maria Lopez left the council in May. "The council never listened," she wrote in her memoir, "Hard Roads."',
     [("Maria Lopez", ["The council never listened,"])]),
    ('Art Kellner, a contestant on the TV show "The Big Deal," who worked alongside Novak, said his boss was kind.',
     [("Art Kellner", ["his boss was kind"])]),
    # words in title case that make sentences are speech
    ('"Like Oakland. Or Ferguson," Tom Novak said.', [("Tom Novak", ["Like Oakland. Or Ferguson,"])]),
    # "all told" sums up; it reports no one
    ("The county expanded the program in May. All told, up to 5,000 people could qualify.", []),
])
def test_titles_and_idioms_in_the_shape_of_a_quotation_report_nothing(attributions, text, statements):
    assert [(who, contents) for who, contents, *_ in attributions(text)] == statements


@pytest.mark.parametrize(("text", "statements"), [
    # "said A and said B" is two statements of one speaker, however the parser joins the second "said"
    ("Tom Novak said the team quickly moved into the valley and said the search was always the main goal.",
     [("Tom Novak", ["the team quickly moved into the valley"]), ("Tom Novak", ["the search was always the main goal"])]),
    # a participle of saying set off after a quotation is the speaker's next statement, not more of the first
    ('Tom Novak said that Lopez stands for "old values," stating that the old values are "out of date."',
     [("Tom Novak", ['Lopez stands for "old values,"']), ("Tom Novak", ['the old values are "out of date."'])]),
    # a cue set off by commas reports the clause around it, a quoted fragment inside it too
    ('In 2010, Tom Novak said, the grant had made his mother a "founding donor."',
     [("Tom Novak", ["In 2010", 'the grant had made his mother a "founding donor."'])]),
    # a quotation that ends its sentence is not the words of the next sentence's cue, which has its own
    ('"That was a poor choice." Tom Novak said both Lopez and Roe are "strangers in the council."',
     [("Tom Novak", ['both Lopez and Roe are "strangers in the council."'])]),
    # "who" describes the person named before the thing the parser hangs it on
    ('"It was not a good plan," said one resident familiar with the old park, who added that the mayor seemed tired.',
     [("one resident familiar with the old park", ["It was not a good plan,"]),
      ("one resident familiar with the old park", ["the mayor seemed tired"])]),
])
def test_whose_statements_these_are(attributions, text, statements):
    assert [(who, contents) for who, contents, *_ in attributions(text)] == statements


def test_according_to_leaves_out_a_clause_conjoined_after_it(attributions):
    text = ("Sales fell sharply in the spring, according to the Harbor Group, and the mayor has asked "
            "the council to lower the rents.")
    who, contents, _, _, _ = _find(attributions(text), "Sales")
    assert who.endswith("Harbor Group") and contents == ["Sales fell sharply in the spring"]


@pytest.mark.parametrize(
    ("text", "speaker", "contents"),
    [
        ("The new plan, the mayor said, will fail within a year.", "the mayor",
         ["The new plan", "will fail within a year"]),
        ("The company, Maria Lopez said in a statement, has no plans to sell its stores.", "Maria Lopez",
         ["The company", "has no plans to sell its stores"]),
        ("It was a hard decision, she said, but the right one.", "an unnamed person called “she” in “t”",
         ["It was a hard decision", "but the right one"]),
    ],
)
def test_a_cue_set_off_by_commas_reports_the_clause_on_both_sides(attributions, text, speaker, contents):
    found = attributions(text)
    assert [(who, c, modes) for who, c, modes, _, _ in found] == [(speaker, contents, ["Indirect", "Indirect"])]


def test_a_parenthetical_cue_inside_a_reported_clause_is_part_of_it(attributions):
    text = ("The Harbor Group is the latest club to call on the city to close the beach because of, "
            "it claims, the state of the water.")
    found = attributions(text)
    assert [(who, c) for who, c, *_ in found] == [
        ("Harbor Group", ["the city to close the beach because of, it claims, the state of the water"])]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("As the Harbor Times reported, the council delayed the vote again.", "Harbor Times",
         "the council delayed the vote again"),
        ("In a new poll, most voters said the economy was their main worry.", "a new poll",
         "most voters said the economy was their main worry"),
        # "For X," quoting X's words
        (('For the Harbor Institute, the "plan to close the bridge is a danger to every family in the '
          'town."'), "Harbor Institute", "plan to close the bridge"),
    ],
)
def test_framing_phrases_attribute_the_clause_they_frame(attributions, text, speaker, content):
    who, _contents, *_ = _find(attributions(text), content)
    assert speaker in who


@pytest.mark.parametrize("text", [
    "In reply, the council raised the fees on the bridge again.",
    "In a long email, the mayor's aides voiced anger at the story.",
])
def test_a_message_frames_no_clause(attributions, text):
    assert attributions(text) == []


@pytest.mark.parametrize("text", [
    # spaCy splits "Capt." from its period and ends a sentence there; kg's tokenizer keeps it whole
    *(f'"The plan will fail," said {title} Tom Novak.' for title in ("Army Capt.", "Sgt. Maj.", "Lt. Col.", "Fr.",
                                                                  "Det.")),
    # the parser still ends a sentence at "Capt." after a longer description; the words after the
    # cue name the speaker all the same
    ('"The plan will fail," said Harbor Authority spokesman Navy Capt. Tom Novak, who was asked about the need '
     "for a different strategy."),
])
def test_a_military_or_clerical_title_before_the_speaker_is_no_speaker_of_its_own(attributions, text):
    who, *_ = _find(attributions(text), "The plan will fail")
    assert who == "Tom Novak"


def test_passive_cue_takes_the_agent_as_speaker(attributions):
    who, _contents, *_ = _find(attributions("The mayor was accused by Maria Lopez of hiding the report."), "hiding")
    assert who == "Maria Lopez"


def test_pronoun_speaker_refers_to_the_last_named_speaker(attributions):
    text = ("Maria Lopez spoke to the council on Monday.\n\n"
            '"We lost the vote," she said.')
    who, _, _, a, mentions = _find(attributions(text), "We lost the vote")
    speaker = mentions[a.speaker]
    assert (speaker.kind, speaker.text, who) == ("pronoun", "she", "Maria Lopez")


def test_a_sentence_opening_pronoun_continues_the_subject_before_it(attributions):
    text = ('"The vote is close," said Art Kellner, an analyst at Harbor Group. Tom Novak is digging in for '
            "a long fight. He said the plan would fail.")
    who, _, _, a, mentions = _find(attributions(text), "the plan would fail")
    assert (mentions[a.speaker].text, who) == ("He", "Tom Novak")


def test_i_outside_a_quotation_is_the_writer_of_the_article(parse):
    from kg.extract import extract

    article, doc = parse("Jane Roe gave a speech on Monday. I think the lesson is plain: the bridge costs too much.",
                         headline="The bridge")
    found = extract(doc, article)
    (a,) = found.attributions
    speaker = found.mentions[a.speaker]
    assert (speaker.kind, speaker.description) == ("unnamed", "the writer of “The bridge”")
    # a "she" the article never names is someone of this article, not every unnamed "she"
    assert _speaker_descriptions(parse, "The bridge opened on Monday. She said the plan would fail.") == [
        "an unnamed person called “she” in “The bridge”"]
    # a transcript's label says whose the "I" is
    article, doc = parse("Jane Roe gave a speech on Monday.\n\nA: I think the plan failed.")
    found = extract(doc, article)
    assert [found.mentions[a.speaker].kind for a in found.attributions] == ["pronoun"]


KELLNER = '"The vote is close," said Art Kellner, an analyst at Harbor Group.\n\n'


@pytest.mark.parametrize(("text", "fragment"), [
    # after the quotation it introduces, the pronoun continues the subject of the sentence before
    (KELLNER + 'Tom Novak, a builder in Salem, sold his boat last summer. "The plan will fail," he said. '
     '"Nobody wants it."', "The plan will fail"),
    # the quotation's own sentences have no subject to continue; the sentence before it has
    (KELLNER + 'Tom Novak was asked to publish the letters. "Let every builder publish his. We will all do it '
     'on the same day," he told a radio station.', "Let every builder"),
    # the closing mark and the paragraph break open the pronoun's sentence; they are no words of it
    (KELLNER + 'Tom Novak watched the crane "fall like a tree."\n\n"We ran as fast as we could," he said.',
     "We ran as fast"),
])
def test_a_pronoun_after_its_quotation_continues_the_subject_before_the_quotation(attributions, text, fragment):
    who, _, _, a, mentions = _find(attributions(text), fragment)
    assert (mentions[a.speaker].text, who) == ("he", "Tom Novak")


def test_a_role_qualified_by_a_place_is_the_holder_introduced_with_that_place(attributions):
    # the governor named last governs elsewhere; the qualifier says which governor is meant
    text = ("Oregon Gov. Jane Roe toured the harbour on Monday. Former Idaho Gov. Tom Novak toured it on "
            'Tuesday.\n\nLater, the Oregon governor told reporters, "the bridge will open in May."')
    who, *_ = _find(attributions(text), "the bridge will open")
    assert who == "Jane Roe"
    # a state as a party label abbreviates it; and the holder may be the article's first mention
    text = ("Sen. Jane Roe (D-Vt.) toured the harbour on Monday. Sen. Tom Novak (R-Ohio) toured it on Tuesday.\n\n"
            'Later, the Vermont senator told reporters, "the bridge will open in May."')
    who, *_ = _find(attributions(text), "the bridge will open")
    assert who == "Jane Roe"


def test_they_is_an_organisation_that_spoke_or_people_the_article_does_not_name(parse):
    from kg.extract import extract

    # "they" after a named person and a plural noun is not that person
    article, doc = parse("Some builders oppose the plan of Mayor Jane Roe so strongly that they endorse her rival.\n\n"
                         "They said the bridge costs too much.", headline="The bridge")
    found = extract(doc, article)
    speakers = {found.mentions[a.speaker].description for a in found.attributions
                if "costs too much" in article.text[a.spans[0].start:a.spans[0].end]}
    assert speakers == {"unnamed people called “they” in “The bridge”"}
    # "their criticism of" whom the article never names is theirs, called "they", not a speaker "their"
    assert _speaker_descriptions(parse, "Even some builders have been sharp in their criticism of Mayor Jane Roe.") == [
        "unnamed people called “they” in “The bridge”"]
    # an organisation that just spoke is still "they"
    article, doc = parse("Harbor Group said it would cut prices. They added that the plant would stay open.")
    found = extract(doc, article)
    speaker = found.mentions[found.attributions[-1].speaker]
    assert (speaker.text, found.mentions[speaker.antecedent].text) == ("They", "Harbor Group")


def test_a_share_of_people_who_said_is_that_share_not_the_group_named(attributions):
    # the relative clause is the share's, and no part of the speaker's words
    text = "The poll also noted that 73 percent of Democrats who said they had supported Jane Roe now support Tom Novak."
    found = [f for f in attributions(text) if f[1][0].startswith("they had supported")]
    assert [(f[4][f[3].speaker].kind, f[4][f[3].speaker].text) for f in found] == [
        ("unnamed", "73 percent of Democrats")]


def test_a_pronoun_continues_a_subject_the_entity_pass_missed_but_the_article_names(attributions):
    # "Love" alone is parsed as a common noun; the article named Tom Love, so he is the subject
    text = ('"The vote is close," said Art Kellner, an analyst.\n\nTom Love spoke on Monday. Love quickly left '
            "the hall, but he praised the council for its patience.")
    who, *_ = _find(attributions(text), "the council for its patience")
    assert who == "Love"  # a name of its own, which resolution joins to Tom Love (not Art Kellner)


def test_a_pronoun_continues_the_first_subject_of_its_own_sentence(attributions):
    # not the aide who spoke last, but the named subject who opens the pronoun's own sentence
    text = ('Art Kellner, an aide, said the vote was close. Vice President Tom Novak weighed in as well, '
            'telling a radio station, "But gosh, they are both able," he said, adding, "Jane is more able."')
    who, _, _, a, mentions = _find(attributions(text), "Jane is more able")
    assert (mentions[a.speaker].text, who) == ("he", "Tom Novak")
    # reported words whose subject is the speaker: that subject, not the aide who spoke last
    text = ('"The vote is close," said Art Kellner, an aide.\n\nThough Ms. Roe has lived in the city all her '
            "life, the rents have pushed her out, she said.")
    who, *_ = _find(attributions(text), "the rents have pushed")
    assert who == "Roe"


def test_description_refers_through_an_apposition(attributions):
    text = ("Harbor Group, a shipping company, cut its forecast.\n\n"
            '"Demand is weak this year," the company said.')
    who, _, _, a, mentions = _find(attributions(text), "Demand is weak")
    assert mentions[a.speaker].kind == "description"
    assert who == "Harbor Group"


def test_an_organisation_described_by_a_name_the_article_gave_no_organisation_is_unnamed(attributions):
    # "the Portuguese government" is not the harbour group that spoke last
    text = ('Harbor Group said the crane was safe. "We inspect it daily," the company said.\n\n'
            "The port had been warned by the Portuguese government that the crane was unsafe.")
    _, _, _, a, mentions = _find(attributions(text), "the crane was unsafe")
    assert (mentions[a.speaker].kind, mentions[a.speaker].text) == ("unnamed", "the Portuguese government")
    # one the article introduced so keeps its name
    for text in ('Harbor Group, the Portuguese company, cut prices. "We will wait," the Portuguese company said.',
                 ('Harbor Group, the Portuguese shipping body, released a letter on Friday. "We will wait," the '
                  "Portuguese group said.")):
        who, *_ = _find(attributions(text), "We will wait")
        assert who == "Harbor Group"


def test_document_speaks_for_whoever_issued_it(attributions):
    text = ("Harbor Group released a letter on Friday.\n\n"
            '"We stand by our crews," the letter said.')
    who, *_ = _find(attributions(text), "We stand by our crews")
    assert who == "Harbor Group"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the subject of the verb that put the message out says its words, however it is named
        (("Nora Lindqvist spoke on Monday. Hours later, the ferry union issued a statement saying the boats "
         "would stay in port."), "the boats would stay in port", "the ferry union"),
        (("Paul Mercer runs the bakery. On Tuesday his family put out a short memo warning that the shop would "
         "close."), "the shop would close", "his family"),
        (("Rita Osei opened the fair. The mayor met reporters and then released a memo calling the budget a "
         "mistake."), "the budget a mistake", "The mayor"),
        ("A letter signed by forty engineers urged the council to close the bridge.",
         "the council to close the bridge", "forty engineers"),
    ],
)
def test_a_message_speaks_for_whoever_put_it_out_in_the_same_clause(attributions, text, content, speaker):
    _, _, _, a, mentions = _find(attributions(text), content)
    assert (mentions[a.speaker].text, mentions[a.speaker].kind) != (speaker, "document")
    assert text[mentions[a.speaker].start:mentions[a.speaker].end] == speaker


def test_a_message_someone_received_is_not_theirs(attributions):
    _, _, _, a, mentions = _find(attributions("Rita Osei received a letter saying the permit had expired."),
                                 "the permit had expired")
    assert (mentions[a.speaker].kind, mentions[a.speaker].text) == ("document", "a letter")


@pytest.mark.parametrize(
    ("text", "content", "document", "issuer", "act"),
    [
        ("A Harbor Institute poll released on Tuesday shows that most voters oppose the toll.",
         "most voters oppose the toll", "A Harbor Institute poll", "Harbor Institute", "Report"),
        ("The report found that the river was polluted in three places.",
         "the river was polluted", "The report", None, "Report"),
        ("According to a new survey, half of the residents want a new bridge.",
         "half of the residents want", "a new survey", None, "Report"),
        # a letter keeps the act of its words; a poll or a report reports
        ('"The council must resign," the letter said.', "The council must resign", "the letter", None, "Demand"),
    ],
)
def test_document_without_a_known_issuer_is_itself_the_source(attributions, text, content, document, issuer, act):
    _, _, _, a, mentions = _find(attributions(text), content)
    speaker = mentions[a.speaker]
    found_issuer = mentions[speaker.issuer].text if speaker.issuer is not None else None
    assert (speaker.kind, speaker.description, found_issuer, a.act) == ("document", document, issuer, act)


@pytest.mark.parametrize(("text", "content", "speaker", "kind"), [
    ('Tom Hale ran the race. A banner over the stage read "Vote early."', "Vote early.", "A banner over the stage",
     "document"),
    ("Rita Osei published the photo. The caption says the photo was taken in May.", "the photo was taken in May",
     "The caption", "document"),
])
def test_banners_and_captions_speak(attributions, text, content, speaker, kind):
    _, _, _, a, mentions = _find(attributions(text), content)
    assert (mentions[a.speaker].text, mentions[a.speaker].kind) == (speaker, kind)


@pytest.mark.parametrize(("text", "content", "speaker", "kind"), [
    # a head of something is someone the article has not named, not whoever spoke last
    (("“We won,” said Tom Hale. The deputy head of Norway’s delegation to the forum said the harbour should "
     "reduce its fees."), "reduce its fees", "The deputy head of Norway’s delegation to the forum", "unnamed"),
    ("“We won,” said Tom Hale. Her boss said the port would reopen.", "would reopen", "Her boss", "unnamed"),
])
def test_heads_and_bosses_speak(attributions, text, content, speaker, kind):
    _, _, _, a, mentions = _find(attributions(text), content)
    root = a.speaker
    while mentions[root].kind not in ("name", "unnamed") and mentions[root].antecedent is not None:
        root = mentions[root].antecedent
    assert (mentions[root].text, mentions[root].kind) == (speaker, kind)


@pytest.mark.parametrize(("text", "content", "speaker"), [
    # a description that says the sex of whom it means is no one of the other sex the article named
    ("“We won,” said Tom Hale. The woman told police she was tired.", "she was tired", "The woman"),
    ("“We won,” said Rita Osei. The man told police he was tired.", "he was tired", "The man"),
    ("“We won,” said Tom Hale. The spokeswoman said the port would reopen.", "would reopen", "The spokeswoman"),
    # one of that sex still is
    ("Rita Osei won the seat. “We won,” said Tom Hale. The woman told police she was tired.", "she was tired",
     "Rita Osei"),
])
def test_a_description_of_a_sex_means_someone_of_that_sex(attributions, text, content, speaker):
    who, *_ = _find(attributions(text), content)
    assert who == speaker


def test_the_one_a_participle_says_was_accused_is_not_the_accuser(attributions):
    found = attributions("“We won,” said Tom Hale. The homeless woman accused of driving onto the sidewalk told "
                         "police she was tired.")
    assert _who_said(found) == [("Tom Hale", ["We won,"]), ("The homeless woman", ["she was tired"])]


def test_a_definite_document_is_the_one_that_spoke_before(attributions):
    text = ("A Harbor Institute poll shows that most voters oppose the toll.\n\n"
            "The poll also found that few residents use the ferry.")
    found = attributions(text)
    first = _find(found, "most voters oppose")
    second = _find(found, "few residents use")
    descriptions = [f[4][f[3].speaker].description for f in (first, second)]
    assert descriptions == ["A Harbor Institute poll", "A Harbor Institute poll"]


def test_in_a_document_before_a_reporting_verb_is_its_channel_not_its_speaker(attributions):
    who, contents, *_ = _find(attributions("In an email, Maria Lopez said the council would meet on Monday."),
                              "the council would meet")
    assert (who, contents) == ("Maria Lopez", ["the council would meet on Monday"])


def test_a_capitalised_common_noun_in_a_headline_is_not_a_name(attributions):
    _, _, _, a, mentions = _find(attributions("Critics Say Harbor Toll Is Too High\n\nThe toll rose on Monday."),
                                 "Harbor Toll Is Too High")
    assert mentions[a.speaker].kind == "unnamed"


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("“The plan will fail,” said one Harbor Group confidant.", "one Harbor Group confidant", "The plan will fail,"),
    ("The Republican incumbent said that her position is genuine.", "The Republican incumbent",
     "her position is genuine"),
    ("The front-runner said the debate was rigged.", "The front-runner", "the debate was rigged"),
    # the parser takes an inverted speaker for the verb's object (a member of a party: unnamed)
    ("“The harbour needs the toll,” added a Harbor County Democrat.", "a Harbor County Democrat",
     "The harbour needs the toll,"),
    # the parser joins an inverted cue to the clause it reports
    (("In nearby Easton, the old mill is hanging on, but it is under pressure from imports, said the "
     "company's chief executive, Tom Novak."), "Tom Novak",
     "In nearby Easton, the old mill is hanging on, but it is under pressure from imports"),
])
def test_speakers_named_by_role_or_after_their_cue(attributions, text, speaker, content):
    who, contents, *_ = _find(attributions(text), content)
    assert (who, contents) == (speaker, [content])


@pytest.mark.parametrize("text", ["The number said the plan would fail.", "The trailer says the film is bold."])
def test_things_whose_names_end_like_agents_do_not_speak(attributions, text):
    assert attributions(text) == []


def test_a_speakers_words_never_run_across_a_line_break(parse):
    from kg.extract import extract

    article, doc = parse("10:15 a.m.\n\nMore Harbor Party members are weighing in with criticism of the plan to close the port.")
    found = extract(doc, article)
    assert [found.mentions[a.speaker].text for a in found.attributions] == ["More Harbor Party members"]


def test_a_share_speaks_only_when_what_it_is_a_share_of_can_speak(attributions):
    assert attributions("With most of the attention focused on the bridge, the council kept quiet.") == []
    who, *_ = _find(attributions("Most of the voters said the plan would fail."), "the plan would fail")
    assert who == "Most of the voters"


def test_spokesperson_for_an_organisation_speaks_for_it(attributions):
    who, *_ = _find(attributions('"We are reviewing the case," a Harbor Group spokesperson told reporters.'),
                    "reviewing")
    assert who == "Harbor Group"


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ('"This is a disgrace," one angry viewer wrote.', "one angry viewer"),
        ("Critics said the show was far too long.", "Critics"),
        # a member of a party is a person, not the party its name is
        ("Tom Novak spoke on Monday. The Oregon Republican said the plan would fail.", "The Oregon Republican"),
        ("A Democrat said the plan would fail.", "A Democrat"),
        # several holders of a role are not the one the article named last
        ("Sen. Tom Novak spoke on Monday. The two candidates said the plan would fail.", "The two candidates"),
        ("Harbor Group spoke on Monday. Outside groups said the plan would fail.", "Outside groups"),
        # someone of the possessor's own is neither the possessor nor whoever spoke last
        ("Jane Roe spoke on Monday. Her father said the plan would fail.", "Her father"),
        ("Tom Novak spoke on Monday. His family doctor said the tests were fine.", "His family doctor"),
    ],
)
def test_speaker_without_a_name_is_unnamed_with_its_description(attributions, text, description):
    found = attributions(text)
    assert found
    _, _, _, a, mentions = found[0]
    assert (mentions[a.speaker].kind, mentions[a.speaker].description) == ("unnamed", description)


def test_embedded_social_post_names_its_account(attributions):
    text = ("People reacted online.\n\n"
            "This new policy makes no sense at all to me. — Jo Smith (@josmith) September 17, 2020\n")
    who, _contents, _modes, a, _ = _find(attributions(text), "This new policy")
    assert who == "Jo Smith"  # the name beside the handle
    assert a.earliest == a.latest == date(2020, 9, 17)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ('"We are deeply sorry for the mistake," Harbor Group said.', "Apologize"),
        ("Maria Lopez urged the council to cancel the contract.", "Demand"),
        ("Maria Lopez criticized the council for its delay.", "Criticize"),
        ("Maria Lopez praised the volunteers for their work.", "Praise"),
        ("Maria Lopez denied that the company broke the rules.", "Defend"),
        ("Maria Lopez said the meeting starts at noon.", "Report"),
        # a speaker denying their own part defends it
        ('"I have not talked to any of the bidders," Maria Lopez said.', "Defend"),
        ('"We never saw the contract," Maria Lopez said.', "Defend"),
        ("Maria Lopez called on the council to cancel the contract.", "Demand"),
        ("Residents called for a new bridge to be built before the winter.", "Demand"),
        # asking someone to do a thing demands it; asking whether a thing is so only asks
        ("Maria Lopez asked the council to cancel the contract.", "Demand"),
        ("Maria Lopez asked the council whether the contract had been signed.", "Report"),
    ],
)
def test_act_follows_the_cue_and_the_content(attributions, text, act):
    found = attributions(text)
    assert found and found[0][3].act == act


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("Maria Lopez said on Thursday that the plan would fail.", date(2020, 9, 17), date(2020, 9, 17)),
        ("Earlier this week, Maria Lopez said the plan would fail.", date(2020, 9, 14), date(2020, 9, 17)),
        ("Back in January, Maria Lopez said the plan would fail.", date(2020, 1, 1), date(2020, 1, 31)),
        ("Maria Lopez said the plan would fail.", None, None),
    ],
)
def test_date_comes_from_time_expressions_of_the_cue_sentence(attributions, text, earliest, latest):
    (_, _, _, a, _), = attributions(text)
    assert (a.earliest, a.latest) == (earliest, latest)


def test_no_publication_date_means_no_statement_date(attributions):
    (_, _, _, a, _), = attributions("Maria Lopez said on Thursday that the plan would fail.", published=None)
    assert (a.earliest, a.latest) == (None, None)


def test_about_lists_names_in_the_content_but_not_the_speaker(attributions):
    _, _, _, a, mentions = _find(
        attributions("Maria Lopez said that Tom Baker and Harbor Group broke the deal."), "broke the deal")
    about = {mentions[i].text for i in a.about}
    assert {"Tom Baker", "Harbor Group"} <= about
    assert "Maria Lopez" not in about


def test_told_outlet_is_the_channel(attributions):
    _, _, _, a, mentions = _find(attributions('"We will appeal," Maria Lopez told The Harbor Times.'), "appeal")
    assert a.channel is not None and "Harbor Times" in mentions[a.channel].text


def test_tweeted_names_twitter_as_the_channel(attributions):
    _, _, _, a, mentions = _find(attributions('Maria Lopez tweeted, "The vote was rigged."'), "rigged")
    assert a.channel is not None and mentions[a.channel].text == "Twitter"


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes',
        'An odd " mark and "another',
        'The end of the text is a quote "',
        "\n\n\n",
        "First paragraph.\n\n\n\nSecond paragraph after an empty one.",
        '"',
        "“”",
        "She said: “",
    ],
)
def test_broken_input_never_crashes(attributions, text):
    for _, contents, _, a, mentions in attributions(text):
        assert all(s.end > s.start for s in a.spans)
        assert 0 <= a.speaker < len(mentions)


def test_offsets_point_at_the_reported_words(parse):
    text = 'Intro line.\n\n"We lost the vote," Maria Lopez said.'
    article, doc = parse(text, date_published=FRIDAY)
    ex = extract(doc, article)
    (a,) = ex.attributions
    assert [text[s.start:s.end] for s in a.spans] == list(a.contents) == ["We lost the vote,"]
    speaker = ex.mentions[a.speaker]
    assert text[speaker.start:speaker.end] == "Maria Lopez"


# --- what may speak, what is said, and when it was said (precision on unseen news) -------------

@pytest.mark.parametrize(
    "text",
    [
        "Body language suggests that the senator is nervous about the vote.",
        "The unemployment rate shows that the recovery has stalled in the region.",
        "A purple cape says that the wearer belongs to the royal family.",
        "Wednesday suggested that the storm would pass quickly over the town.",
    ],
)
def test_things_that_cannot_speak_are_no_speakers(attributions, text):
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Critics say that the bridge will cost twice the estimate.", "Critics"),
        ("A new poll shows that most voters oppose the bridge plan.", "A new poll"),
        ("Some say that the bridge will never open on time.", "Some"),
        ("A number of delegates said that the rules would change.", "A number of delegates"),
        ("Organizers said that the march would go ahead on Sunday.", "Organizers"),
        ("Housing advocates said that the rules would change.", "Housing advocates"),
        ("The placard said that the bridge was closed.", "The placard"),
        ("The last call was taken by a small child, who said that the bridge should stay open.", "a small child"),
        ("The accord calls on every town to cut its emissions.", "The accord"),
        # one who was quick to say it, or careful to, said it
        ("Maria Lopez was quick to note that new rules would come.", "Maria Lopez"),
    ],
)
def test_people_groups_and_documents_can_speak(attributions, text, speaker):
    assert speaker in [f[0] for f in attributions(text)]


def test_an_act_toward_someone_with_no_words_is_no_statement(attributions):
    assert attributions("Maria Lopez endorsed Novak on Tuesday.") == []


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        # the cue's clause places the saying: that date, even long ago
        ("In a 2012 interview, Maria Lopez said that the plan would fail.", date(2012, 1, 1), date(2012, 12, 31)),
        ("Maria Lopez said on Tuesday that the plan would fail.", date(2020, 9, 15), date(2020, 9, 15)),
        ("Earlier this week, the council, known as the board, said the plan would fail.",
         date(2020, 9, 14), date(2020, 9, 17)),
        # a year inside the reported content dates nothing
        ("Maria Lopez said that the town has not flooded since 1948.", None, None),
        ("Maria Lopez, who opposed the 2008 plan, said that the new plan would fail.", None, None),
        # a date of another verb of the sentence dates nothing; one of a verb of saying does
        ("Adopted by a family in 1981, Maria Lopez says that the plan would fail.", None, None),
        ("Maria Lopez said the plan would fail, referring to the vote in 2004.", None, None),
        # nor does one that describes the speaker
        ("Tom Novak, a candidate in 2012, said the plan would fail.", None, None),
        ("Tom Novak, the strategist of a campaign four years ago, said the plan would fail.", None, None),
        ("Speaking on Tuesday at a panel, Maria Lopez said the plan would fail.", date(2020, 9, 15),
         date(2020, 9, 15)),
        # a date of a thing the saying names is that thing's: what is referred to, noted, or reported
        # up to a day; the setting of the saying dates it
        ("\"The plan would fail,\" Maria Lopez said, referring to the losing nominee in 2004.", None, None),
        ("Maria Lopez noted the May 4 flood and said the plan would fail.", None, None),
        ("The plan would fail, according to reports through Sept. 11.", None, None),
        ("Maria Lopez told a crowd in Carson on Tuesday that the plan would fail.", date(2020, 9, 15),
         date(2020, 9, 15)),
        ("During a call with reporters on Tuesday, Maria Lopez said the plan would fail.", date(2020, 9, 15),
         date(2020, 9, 15)),
        # a saying in a clause of its own is not dated by the clause around it
        ("The council met in 2012, in what Maria Lopez called \"a plan that would fail.\"", None, None),
    ],
)
def test_a_date_comes_from_the_words_that_place_the_saying(attributions, text, earliest, latest):
    a = _find(attributions(text), "would fail" if "fail" in text else "since 1948")[3]
    assert (a.earliest, a.latest) == (earliest, latest)


@pytest.mark.parametrize(("noun", "lemma", "dates_the_noun"), [
    ("flood", "flood", True),  # "noted the flood on Monday": the flood's day
    ("promise", "promise", False),  # "echoed that promise on Monday": the echo's day
    ("statement", "statement", False),
])
def test_a_time_hung_on_the_cue_object_dates_it_unless_it_is_a_saying(noun, lemma, dates_the_noun):
    # the parse built by hand: news parses hang "on Monday" on the object as often as on the verb
    import spacy
    from spacy.tokens import Doc

    from kg.extract.attributions.when import _dates_what_is_named

    doc = Doc(spacy.blank("en").vocab, words=["He", "echoed", "that", noun, "on", "Monday"], heads=[1, 1, 3, 1, 3, 4],
              deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj"], pos=["PRON", "VERB", "DET", "NOUN", "ADP", "PROPN"],
              lemmas=["he", "echo", "that", lemma, "on", "Monday"])
    anchors = {1}
    assert not _dates_what_is_named(doc[5], anchors)  # "Monday" under "on", a setting's preposition
    assert _dates_what_is_named(doc[3], anchors) is dates_the_noun


LEAD = "Harbor Group backs the bridge plan.\nMaria Lopez told the council on Wednesday that the bridge would open.\n"


@pytest.mark.parametrize(
    ("later", "when"),
    [
        # an undated "said" in the story's news is said on the day its lead gives
        ("Tom Novak said the plan would fail.", (date(2020, 9, 16), date(2020, 9, 16), "lead")),
        ("Tom Novak said Lopez called on members to vote against the plan.",
         (date(2020, 9, 16), date(2020, 9, 16), "lead")),
        # a perfect or a modal, an inverted source the reporter consulted, a date of its own: no lead date
        ("Tom Novak has said the plan would fail.", (None, None, None)),
        ('"The plan would fail," said Tom Novak, an analyst at Harbor Group.', (None, None, None)),
        # ... and what that source says later is said on the same undated occasion
        ('"The vote is close," said Tom Novak, an analyst at Harbor Group. "The plan would fail," Novak said.',
         (None, None, None)),
        ('"The vote is close," said Tom Novak, an analyst at Harbor Group. "The plan would fail," he said.',
         (None, None, None)),
        # a source the story introduces in its own voice is no consulted one
        ('Tom Novak, an analyst at Harbor Group, said the vote is close. "The plan would fail," Novak said.',
         (date(2020, 9, 16), date(2020, 9, 16), "lead")),
        ("Tom Novak said in August that the plan would fail.", (date(2020, 8, 1), date(2020, 8, 31), "words")),
        # a conjunct and a stance adjective count by their verb; a participle only by a verb of saying
        ("Tom Novak claimed victory and argued that the plan would fail.",
         (date(2020, 9, 16), date(2020, 9, 16), "lead")),
        ("Tom Novak did not seem worried about the plan to fail the bridge.",
         (date(2020, 9, 16), date(2020, 9, 16), "lead")),
        ("Tom Novak left the council years ago, claiming that the plan would fail.", (None, None, None)),
    ],
)
def test_an_undated_statement_of_the_news_takes_the_day_of_the_lead(attributions, later, when):
    found = attributions(LEAD + later)
    a = _find(found, next(f for f in ("members", "would fail", "to fail the bridge") if f in later))[3]
    assert (a.earliest, a.latest, a.dated_by) == when


def test_an_article_that_dates_its_statements_in_words_leaves_the_others_undated(attributions):
    # three statements dated in their own words: the reporter says "Wednesday" where it is meant,
    # so an undated one is a reaction of another day
    dated = ("Tom Novak said on Wednesday that the vote was close. "
             "Art Kellner said on Wednesday evening that the council had waited too long.\n")
    found = attributions(LEAD + dated + "Jane Roe warned that the plan would fail.")
    assert [_find(found, f)[3].dated_by for f in ("would open", "was close", "waited", "would fail")] == \
        ["words", "words", "words", None]
    # with the lead alone dated, the same words are said on the lead's day
    found = attributions(LEAD + "Jane Roe warned that the plan would fail.")
    assert _find(found, "would fail")[3].dated_by == "lead"


def test_the_deck_under_a_headline_is_no_sentence_of_the_lead(attributions):
    # the lead's day is in its third sentence; the deck under the headline does not push it out
    text = ("Ferry plan wins backing;\nThe council's vote ends a long dispute over the harbour crossing.\n\n"
            "The harbour ferry will keep running for another decade. Fares will rise by a fifth in spring.\n\n"
            "Councillors voted for the plan on Wednesday after a long debate.\n\n"
            "Nora Lindqvist, who runs the ferry, said the town had waited long enough.")
    a = _find(attributions(text), "waited long enough")[3]
    assert (a.earliest, a.latest, a.dated_by) == (date(2020, 9, 16), date(2020, 9, 16), "lead")


def test_a_lead_without_a_recent_day_dates_nothing(attributions):
    found = attributions("Maria Lopez told the council in August that the bridge would open.\n"
                         "Tom Novak said the plan would fail.")
    assert (_find(found, "would fail")[3].earliest, _find(found, "would open")[3].dated_by) == (None, "words")


def test_a_date_after_publication_is_dropped(attributions):
    found = attributions("On Oct. 2, 2020, Maria Lopez said that the plan would fail.")
    assert (found[0][3].earliest, found[0][3].latest) == (None, None)


@pytest.mark.parametrize(("text", "speaker", "content"), [
    (("At the same time, the tax has not made the city less attractive to banks: London was the "
      "financial capital of the world in 2015, according to one global index."),
     "one global index", "London was the financial capital of the world in 2015"),
    (("Maria Lopez leads Tom Novak by 271 pledged delegates according to a count by the Daily Courier, "
      "but Novak has vowed to fight on."),
     "a count by the Daily Courier", "Maria Lopez leads Tom Novak by 271 pledged delegates"),  # the count speaks
])
def test_according_to_gives_its_source_the_clause_it_frames(attributions, text, speaker, content):
    who, contents, _, _, _ = _find(attributions(text), content)
    assert (who, contents) == (speaker, [content])


def _about(found, fragment) -> set[str]:
    _, _, _, a, mentions = _find(found, fragment)
    return {_root(mentions, i) or mentions[i].text for i in a.about}


@pytest.mark.parametrize(("text", "fragment", "about"), [
    # a place where something happens, a name that only qualifies a noun: the setting, not the target
    ("Maria Lopez said that Tom Novak held rallies in Oregon last month.", "held rallies", {"Tom Novak"}),
    ("Maria Lopez said the Vermont senator Tom Novak had lost the debate.", "had lost", {"Tom Novak"}),
    # where someone goes, the ground a contest is won on, the name of "his home state": settings too
    ("Maria Lopez said that Tom Novak's trip to Lisbon had failed.", "had failed", {"Tom Novak"}),
    ("Maria Lopez said that Tom Novak would win Oregon easily.", "win Oregon", {"Tom Novak"}),
    ("Maria Lopez said that Tom Novak would carry his home state of Oregon.", "carry", {"Tom Novak"}),
    # the country that places a city, the place a person is from
    ("Maria Lopez said that Tom Novak planned the attack in Lisbon, Portugal.", "planned", {"Tom Novak"}),
    ("Maria Lopez said that Rep. Tom Novak of Oregon had lost the debate.", "had lost", {"Tom Novak"}),
    ("Maria Lopez said that Tom Novak held rallies in Iowa and Oregon last month.", "held rallies", {"Tom Novak"}),
    # where someone worked at the time ("while at Harbor Group") sets the scene too
    ("Maria Lopez said that Tom Novak used a private server while at Harbor Group.", "private server",
     {"Tom Novak"}),
    # an organisation that only qualifies a person ("the Harbor Group candidate") describes that person
    ("Maria Lopez said that Tom Novak trails the Harbor Group candidate by four points.", "trails", {"Tom Novak"}),
    ("Maria Lopez said that Tom Novak trails Harbor Group by four points.", "trails", {"Tom Novak", "Harbor Group"}),
    ("Maria Lopez said that Tom Novak trails the Harbor Group candidates by four points.", "trails",
     {"Tom Novak", "Harbor Group"}),
    # a place the content talks about is a target
    ("Maria Lopez said that Oregon will decide the election.", "will decide", {"Oregon"}),
    ("Maria Lopez said that Iowa and Oregon will decide the election.", "will decide", {"Iowa", "Oregon"}),
])
def test_places_are_targets_only_when_the_content_is_about_them(attributions, text, fragment, about):
    assert _about(attributions(text), fragment) == about


def test_a_paraphrase_about_the_speakers_own_conduct_is_about_the_speaker(attributions):
    found = attributions("Tom Novak said he would not endorse Maria Lopez. "
                         '"I want to thank the volunteers," Novak said.')
    assert _about(found, "would not endorse") == {"Tom Novak", "Maria Lopez"}
    assert _about(found, "I want to thank") == set()  # thanks: the occasion, not a subject


def test_a_view_the_speaker_holds_of_something_else_is_not_about_the_speaker(attributions):
    found = attributions("Tom Brenner told reporters that he believes the bridge will open in the spring.")
    assert _about(found, "he believes") == set()


def test_a_long_article_is_parsed_in_paragraph_pieces_with_offsets_unchanged(nlp):
    from kg import nlp as kg_nlp
    from kg.records import Article

    paragraph = ('"The bridge will open in {n} weeks," said Maria Lopez, the mayor of Harbourtown. '
                 "Critics said that the plan was far too expensive for a town of its size.\n\n")
    text = "".join(paragraph.format(n=i) for i in range(1200))  # about 190,000 characters
    assert len(text) > 1.5 * kg_nlp.CHUNK_CHARS
    pieces = kg_nlp.paragraph_chunks(text, kg_nlp.CHUNK_CHARS)
    assert "".join(pieces) == text and len(pieces) == 2 and all(p.endswith("\n\n") for p in pieces)
    (doc,) = kg_nlp.parse(nlp, [text])
    assert doc.text == text
    found = extract(doc, Article(id="long", text=text, source="<test long>"))
    quotes = [a for a in found.attributions if a.modes == ("Direct",)]
    assert len(quotes) == 1200
    assert all(text[a.spans[0].start:a.spans[0].end] == a.contents[0] for a in found.attributions)
    assert quotes[-1].contents == ("The bridge will open in 1199 weeks,",)


@pytest.mark.parametrize(("text", "act"), [
    ("Maria Lopez is backing Tom Novak for mayor.", "Praise"),  # backing a candidate endorses him
    ("Tom Novak said he wants a total ban on trucks in the old town.", "Demand"),
    ('"We want our bus lanes back," Tom Novak said.', "Demand"),  # wanting one's own thing back
    # backing a measure advocates it; backing someone, as above, praises them
    ("Maria Lopez argued that the bridge is too narrow for buses.", "Explain"),  # a case made
    ("Maria Lopez argued that the plan was a disgrace.", "Criticize"),  # ... unless it says more
    # a condition of a supposed case is no call for action; a plain "must" still is
    ("Should the council vote no, Tom Novak would need to find the money himself, Maria Lopez wrote.", "Explain"),
    ("The council must find the money, Maria Lopez wrote.", "Demand"),
    ("Maria Lopez backs stricter limits on trucks.", "Demand"),
    ("Maria Lopez supports a new tax on empty homes.", "Demand"),
    ("Tom Novak said he wants to build a new bridge.", "Explain"),  # an intention, not a demand
    ("Maria Lopez said that the council was anti-Catholic.", "Criticize"),
    # wishing that someone else act is a call on them, however warm the words
    ('"I would love to see Ms. Novak sign the bill this week," Maria Lopez said.', "Demand"),
    ("Maria Lopez chairs the council. Tom Novak said he wants her to resign.", "Demand"),
])
def test_acts_in_the_language_of_politics(attributions, text, act):
    found = attributions(text)
    assert found[0][3].act == act, [(f[1], f[3].act) for f in found]  # the first cue's (said, backing)


@pytest.mark.parametrize(("introduced", "about"), [
    # an aide's paraphrased "his" is the person the aide works for ...
    ("his campaign manager, Art Kellner,", {"Tom Novak"}),
    ("Novak's spokesman, Art Kellner,", {"Novak"}),  # the mention; resolution joins it to Tom Novak
    # ... while anyone else's "his" may be their own
    ("Art Kellner, a professor,", set()),
])
def test_an_aides_he_is_the_person_the_aide_speaks_for(attributions, introduced, about):
    text = (f"Tom Novak won the county on Tuesday. Earlier, {introduced} said his lead was proof that the "
            "race is still open.")
    assert _about(attributions(text), "his lead") == about


def test_a_case_argued_under_fire_is_a_defence(attributions):
    text = ('Critics attacked the film "Quiet Harbor" for weeks and called for a boycott. Its director, Maria Lopez, '
            "defended it on Monday. Lopez argued that the film was a way to show how children are treated.")
    assert _find(attributions(text), "a way to show")[3].act == "Defend"


def test_a_promise_under_fire_states_a_plan(attributions):
    text = ('Critics attacked the film "Quiet Harbor" for weeks and called for a boycott. Its director, Maria Lopez, '
            "defended it on Monday. Lopez talked up the film's tour, promising to show it in every town.")
    assert _find(attributions(text), "to show it in every town")[3].act == "Explain"


@pytest.mark.parametrize(("text", "about"), [
    # in a speaker's own words, "he" and "she" are someone else: the last person named who may be
    ('Tom Novak left the council in May. "He never built a single bridge," Maria Lopez said.', {"Tom Novak"}),
    ('Tom Novak left the council in May. "We will miss him every day," Maria Lopez said.', {"Tom Novak"}),
    # not the speaker, and not a person whose given name the pronoun does not fit
    ('Maria Lopez left the council in May. "He never built a single bridge," Maria Lopez said.', set()),
    ('Susan Novak left the council in May. "He never built a single bridge," Maria Lopez said.', set()),
    # a person named since whom the pronoun does not fit is passed over
    ('Maria Lopez left the council in May. Tom Novak stayed. "She never built a single bridge," Art Kellner said.',
     {"Maria Lopez"}),
])
def test_third_person_pronouns_in_a_quotation_point_at_the_person_named_before(attributions, text, about):
    assert _about(attributions(text), "bridge" if "bridge" in text else "miss him") == about


@pytest.mark.parametrize(("text", "about"), [
    # what a cue says its words "of" is a target, and the quotation's "he" is that person
    ('Tom Novak leads the race. Art Kellner met voters on Monday. "He is wrong," Jane Roe said of Novak.',
     {"Novak"}),  # the mention; resolution makes it Tom Novak
    ('Sen. Tom Novak leads the race. "That is a problem for the bridge," Jane Roe said of the senator.',
     {"Tom Novak"}),
])
def test_whom_the_words_are_said_of_is_a_target(attributions, text, about):
    assert _about(attributions(text), "bridge" if "bridge" in text else "wrong") == about


def test_whom_a_clause_said_of_names_is_a_target(attributions):
    text = ('Jane Roe spoke in Ohio on Monday. "It does not worry me at all," Roe said of running against '
            'Tom Novak in the fall.')
    assert _about(attributions(text), "worry me") == {"Tom Novak"}


@pytest.mark.parametrize(("text", "about"), [
    # a role no one was given before: the person the sentence names just before the content
    ('Jane Roe criticised Tom Novak in a speech, arguing that the former senator is "a danger to the bridge."',
     {"Tom Novak"}),
    # a person named inside the content stands beside the description, not for it
    ('Jane Roe said that Tom Novak met the senator to discuss the bridge.', {"Tom Novak"}),
    # a description with its holder's name in apposition names that holder, no one before it
    ('Jane Roe met Art Kellner, saying that the senator, Tom Novak, is "a danger to the bridge."', {"Tom Novak"}),
    # the speaker is not whom the description means
    ('Tom Novak said on Monday that the senator is "a danger to the bridge."', set()),
])
def test_a_role_description_is_the_person_just_named(attributions, text, about):
    assert _about(attributions(text), "bridge") == about


@pytest.mark.parametrize(("text", "about"), [
    # a quotation's "we" is the organisation the article gives the speaker a role in
    ('"We have raised enough money for the clinic," said Tom Novak, the president of Harbor Group.', {"Harbor Group"}),
    ('Harbor Group spokeswoman Jane Roe spoke on Monday. "We have raised enough money for the clinic," Roe said.',
     {"Harbor Group"}),
    # a party's nominee: her "we" is as often the country or her family as the party
    ('Republican nominee Tom Novak toured the port. "We have raised enough money for the clinic," Novak said.',
     set()),
    # no role given, or one that speaks for itself: "we" is no one the article names
    ('"We have raised enough money for the clinic," said Tom Novak.', set()),
    ('"We have raised enough money for the clinic," said Tom Novak, a professor at Harbor University.', set()),
])
def test_a_quotations_we_is_the_speakers_organisation(attributions, text, about):
    assert _about(attributions(text), "enough money") == about


@pytest.mark.parametrize(("text", "about"), [
    # in a paraphrase, "she" cannot be speakers the text calls otherwise: plural ones, "he"
    ("Maria Lopez left the council in May. Members of the board told reporters she had never built a bridge.",
     {"Maria Lopez"}),
    ("Maria Lopez left the council in May. Later he said she had never built a bridge.", {"Maria Lopez"}),
    # but may be a speaker of whom nothing tells: then it is taken for the speaker ("Roe said she would run")
    ("Maria Lopez left the council in May. Novak said she had never built a bridge.", {"Novak"}),
])
def test_third_person_pronouns_in_a_paraphrase_point_elsewhere_where_they_cannot_be_the_speaker(
        attributions, text, about):
    assert _about(attributions(text), "bridge") == about


@pytest.mark.parametrize(("text", "speaker", "content", "act"), [
    # a stance without words: its holder speaks, what it is about is the content
    ("Maria Lopez was sharply critical of the new budget plan.", "Maria Lopez", "the new budget plan", "Criticize"),
    ("Tom Novak remained skeptical about the city's bridge project.", "Tom Novak", "the city's bridge project",
     "Criticize"),
    ("Tom Novak's praise of the county's storm response surprised many.", "Tom Novak", "the county's storm response",
     "Praise"),
    ("Maria Lopez railed against the new parking fees on Monday.", "Maria Lopez", "the new parking fees", "Criticize"),
])
def test_a_stance_reports_its_holder_on_what_it_is_about(attributions, text, speaker, content, act):
    who, contents, _, a, _ = _find(attributions(text), content)
    assert (who, contents, a.act) == (speaker, [content], act)


@pytest.mark.parametrize("text", [
    "Maria Lopez was critical of Novak.",  # one word: an act toward someone, no reported words
    "The critical report of the council was long.",  # an adjective that holds no stance of a speaker
    "Maria Lopez responded to the backlash over the new fees.",  # what she answered is not what she said
])
def test_a_stance_needs_a_holder_and_more_than_a_name(attributions, text):
    assert attributions(text) == []


@pytest.mark.parametrize(("second", "act"), [
    # the same speaker's next words, with no act of their own, go on taking the side they took
    ("She said the council knew what happened to the last bridge.", "Criticize"),
    # another speaker's do not
    ("Tom Novak said the council knew what happened to the last bridge.", "Report"),
])
def test_a_speakers_next_words_carry_on_the_act_they_gave_no_act_of_their_own(attributions, second, act):
    found = attributions("Maria Lopez warned that such a ban would be unacceptable and dangerous. " + second)
    assert _find(found, "last bridge")[3].act == act


def test_an_indefinite_official_is_someone_new_not_the_last_speaker(attributions):
    found = attributions('"The bridge will open," Tom Novak said on Monday. '
                         'A senior official said on Tuesday that the bridge would stay closed.')
    who, _, _, a, mentions = _find(found, "stay closed")
    assert (who, mentions[a.speaker].kind, _root(mentions, a.speaker)) == ("A senior official", "unnamed", None)


def test_the_administration_is_the_one_the_article_named_not_the_last_organisation():
    from kg.extract.coref import Coref
    from kg.records import Mention

    org = (("Organization", 1.0),)
    coref = Coref([Mention(0, 20, "Lopez administration", "name", org), Mention(40, 52, "Harbor Party", "name", org)])
    coref.note_speaker(40, 1)  # the party spoke last
    assert coref.description("administration", 80, None) == 0
    assert Coref([Mention(40, 52, "Harbor Party", "name", org)]).description("administration", 80, None) is None


@pytest.mark.parametrize(("text", "about"), [
    # what a speaker undertakes to do is about the speaker
    ("Tom Novak vowed to fight the new parking fees.", {"Tom Novak"}),
    ("Tom Novak promised to name a new director by May.", {"Tom Novak"}),
    # what a speaker asks others to do is not
    ("Tom Novak urged the council to fight the new parking fees.", set()),
])
def test_the_speakers_own_undertaking_is_about_the_speaker(attributions, text, about):
    assert _about(attributions(text), "to ") == about


@pytest.mark.parametrize(("text", "speaker"), [
    # "he" is not the woman named just before, nor "Mr. Roe" Jane Roe
    ("Jane Roe left the council in May. Tom Novak spoke after her. Later he said the bridge was unsafe.",
     "Tom Novak"),
    ("Tom Novak left the council in May. Jane Roe spoke after him. Later he said the bridge was unsafe.",
     "Tom Novak"),
])
def test_a_pronoun_speaker_is_someone_the_pronoun_fits(attributions, text, speaker):
    assert _find(attributions(text), "bridge was unsafe")[0] == speaker


def test_an_honorific_gives_a_name_its_sex(parse):
    from kg.extract.mentions import find_mentions

    article, doc = parse("Mr. Roe met Mrs. Novak and Ms. Lopez; Dr. Hale joined them.")
    assert [(m.text, m.sex) for m in find_mentions(doc, article, None)] == [
        ("Roe", "m"), ("Novak", "f"), ("Lopez", "f"), ("Hale", None)]


@pytest.mark.parametrize(("text", "about"), [
    # a definite description names the holder of the title the article gave before
    ("Prime Minister Jane Roe met Tom Novak on Monday. Aides said the prime minister was tired.", {"Jane Roe"}),
    ("Sen. Tom Novak left early. Maria Lopez said the senator had a plan for the bridge.", {"Tom Novak"}),
    # a courtesy title is no office: "the mister" is nobody, and "Vice President" holds no presidency
    ("Vice President Tom Novak left early. Maria Lopez said the president had a plan for the bridge.", set()),
    # "the campaign" is as often the race itself as the campaign the article named
    (("As for the Novak campaign, its manager is calm. On Monday, Novak campaign manager Jane Roe released a memo. "
      "Maria Lopez said the campaign was hard for the bridge."), set()),
])
def test_a_title_the_article_gave_makes_a_later_description_a_target(attributions, text, about):
    assert _about(attributions(text), "the ") == about


@pytest.mark.parametrize(("text", "about"), [
    # a quotation that opens with what the speaker did is about the speaker
    ("''I have cut the budget twice,'' Tom Novak said.", {"Tom Novak"}),
    # "I think", "I have a question": the speaker only frames what the words are about
    ("''I think the budget allows it,'' Tom Novak said.", set()),
    ("''I have a question about the budget,'' Tom Novak said.", set()),
    ("''I came to believe that the budget was short,'' Tom Novak said.", set()),
])
def test_a_quotation_of_the_speakers_own_conduct_is_about_the_speaker(attributions, text, about):
    assert _about(attributions(text), "I ") == about


@pytest.mark.parametrize(("text", "about"), [
    # the "you" of a quotation is the person the cue addresses
    ("Maria Lopez told Tom Novak: \"You should fix the bridge.\"", {"Tom Novak"}),
    ("Maria Lopez said to Tom Novak: \"You should fix the bridge.\"", {"Tom Novak"}),
    # without a "you", the addressee is not what the words are about
    ("Maria Lopez told Tom Novak: \"The council should fix the bridge.\"", set()),
])
def test_the_you_of_a_quotation_is_the_addressee(attributions, text, about):
    assert _about(attributions(text), "bridge") == about


@pytest.mark.parametrize(("text", "about"), [
    # whom the cue judges is a target though the quotation only says what they are
    ('Tom Novak blasted Art Kellner on Monday: "This man is a fraud."', {"Art Kellner"}),
    # the one told is an addressee, not a target
    ('Tom Novak told Art Kellner on Monday: "The fraud story is false."', set()),
])
def test_whom_a_cue_judges_is_a_target(attributions, text, about):
    assert _about(attributions(text), "fraud") == about


@pytest.mark.parametrize(("text", "about"), [
    # "the party", "the convention": the last organisation or event named with that head word
    ("The Harbor Party met on Monday. Tom Novak said the party was divided over the bridge.", {"Harbor Party"}),
    ("Delegates left the Harbor Convention early. Tom Novak said the convention failed the bridge.",
     {"Harbor Convention"}),
    # "the other party" is not the one named
    ("The Harbor Party met on Monday. Tom Novak said the other party was divided over the bridge.", set()),
    # a modifier that is no word of the name makes it something else
    ("The Harbor Party met on Monday. Tom Novak said the dinner party was divided over the bridge.", set()),
    ("The Harbor Police Department met on Monday. Tom Novak said the police department failed the bridge.",
     {"Harbor Police Department"}),
    # an institution named by another of its forms ("the Democrats": the Democratic Party)
    ("The Democrats met on Monday. Tom Novak said the party was divided over the bridge.", {"Democrats"}),
    # a form written with points ("G.O.P.") is the institution too
    ("The G.O.P. met on Monday. Tom Novak said the party was divided over the bridge.", {"G.O.P."}),
    # no such name before: no target
    ("Tom Novak said the party was divided over the bridge.", set()),
    # the head of a name with "of" is the word before it; a first word is no head
    ("The Harbor Bureau of Ports met on Monday. Tom Novak said the bureau was divided over the bridge.",
     {"Harbor Bureau of Ports"}),
    ("The Harbor Platform Committee met on Monday. Tom Novak said the platform was divided over the bridge.",
     set()),
    # a union is named by its members' trade: "the union" after "the Harbor Dock Workers"
    (("Another holdout, the Harbor Dock Workers, stayed home. The union will sit out the bridge vote, "
     "Tom Novak said."), {"Harbor Dock Workers"}),
])
def test_a_description_by_the_head_of_a_name_is_that_name(attributions, text, about):
    assert _about(attributions(text), "bridge") == about


def test_it_is_a_work_only_when_the_article_is_about_that_work(attributions):
    # the film is what the article is about: "it" is the film
    film = ('The film "Quiet Harbor" opened on Friday. Critics praised "Quiet Harbor" and its cast. '
            'Maria Lopez, who saw "Quiet Harbor" twice, said: "It is a triumph for the town."')
    assert _about(attributions(film), "triumph") == {"Quiet Harbor"}
    # a title in passing among people the article is about: "it" is something else
    passing = ("Tom Novak and Jane Roe met Maria Lopez on Monday. Novak spoke first, then Roe, then Lopez. "
               'Novak joked about the song "Harbor Lights". Roe said: "It is a triumph for the town."')
    assert _about(attributions(passing), "triumph") == set()


@pytest.mark.parametrize(("text", "about"), [
    # an organisation's "it" as the subject of its own paraphrase is the organisation itself
    ("Harbor Group said it will spend $1 million on the bridge.", {"Harbor Group"}),
    # "it was important to ...": an empty subject, no one's conduct
    ("Harbor Group said it was important to fix the bridge.", set()),
])
def test_an_organisations_it_is_its_own_conduct(attributions, text, about):
    assert _about(attributions(text), "bridge") == about


def test_an_apposition_that_says_what_someone_is_not_gives_no_role(attributions):
    # "demonstrators, not fellow Republicans": the demonstrators are no Republicans
    text = ("The demonstrators said they would block the bridge. In Harbor City, the mayor will be confronted "
            "by angry demonstrators, not fellow Republicans, on Friday.")
    who, _, _, _, _ = _find(attributions(text), "block the bridge")
    assert who == "The demonstrators"


@pytest.mark.parametrize("surname", ["Frost", "Stone", "Crane"])
def test_a_surname_the_parse_took_for_a_common_noun_is_still_a_target(attributions, surname):
    # the model tags the second "Frost" a noun and finds no name there; the article named Tom Frost
    text = (f"Tom {surname} leads the race. {surname} remains the only candidate with a path to the "
            "nomination, Maria Lopez wrote.")
    assert _about(attributions(text), "only candidate") == {surname}  # the mention; resolution joins it to Tom Frost


@pytest.mark.parametrize("text", [
    # the parser makes the quotation's first word the subject of "said" ...
    ('"Anybody who opposes him, it\'s like arguing with the weather," said Maria Lopez, who has advised Novak '
     'for decades and stood beside him through three hard campaigns for the council.'),
    # ... or the sentence runs on long after the name
    ('"Anyone who crosses him, it\'s like walking into a storm," said Maria Lopez, who has advised Novak for '
     'decades and stood beside him through three hard campaigns for the council.'),
])
def test_an_inverted_cue_after_a_long_quotation_speaks_for_the_name_after_it(attributions, text):
    found = attributions(text)
    assert [(who, modes) for who, _, modes, _, _ in found] == [("Maria Lopez", ["Direct"])]
    assert found[0][1] == [text[1:text.index('," said') + 1]]  # the whole quotation, its comma kept


@pytest.mark.parametrize("text", [
    "Tom Novak never tires of the slogan; he says it, at every stop and in every interview.",
    "The mayor believes the tolls are fair and says it, in council meetings and on the radio.",
])
def test_a_pronoun_object_reports_no_words(attributions, text):
    # "says it": the words stand elsewhere, so the cue reports nothing of its own
    assert not [f for f in attributions(text) if any(c.startswith("it") for c in f[1])]


def test_a_pronoun_object_before_a_colon_is_followed_by_the_words(attributions):
    who, contents, _, _, _ = _find(attributions("Tom Novak said this: the bridge will close in May."),
                                   "bridge will close")
    assert (who, contents) == ("Tom Novak", ["the bridge will close in May"])


def test_a_speakers_words_inside_their_own_statement_are_not_a_second_statement(attributions):
    found = attributions("Tom Novak said he expects the council to vote against the bridge.")
    assert [(who, contents) for who, contents, _, _, _ in found] == [
        ("Tom Novak", ["he expects the council to vote against the bridge"])]


def test_another_speakers_words_inside_a_statement_are_a_statement_of_their_own(attributions):
    found = attributions("Jane Roe said Tom Novak denied the report about the bridge.")
    assert sorted((who, contents[0]) for who, contents, _, _, _ in found) == [
        ("Jane Roe", "Tom Novak denied the report about the bridge"),
        ("Tom Novak", "the report about the bridge")]


@pytest.mark.parametrize(("text", "content"), [
    ("Jane Roe said Tom Novak wants to close the bridge.", "Tom Novak wants to close the bridge"),
    ("Jane Roe said Tom Novak believes the bridge should close.", "Tom Novak believes the bridge should close"),
])
def test_a_thought_inside_another_speakers_statement_is_that_speakers_claim(attributions, text, content):
    found = attributions(text)
    assert [(who, contents) for who, contents, _, _, _ in found] == [("Jane Roe", [content])]


def test_an_occasion_does_not_speak_whoever_holds_it_does(attributions):
    found = attributions("Friday, the former governor held a Springfield rally attacking Novak for raising tolls on "
                         "the old bridge.")
    assert [(mentions[a.speaker].text, contents) for _, contents, _, a, mentions in found] == [
        ("the former governor", ["Novak for raising tolls on the old bridge"])]


def test_a_cue_after_a_quotation_is_found_when_the_sentence_runs_on_past_it(attributions):
    text = ('"The bridge will open on time. Nobody on the council doubts that anymore," city engineer Tom Novak '
            "said Monday during a long interview with the Harbor Gazette's Jane Roe.")
    found = attributions(text)
    assert [(who, modes) for who, _, modes, _, _ in found] == [("Tom Novak", ["Direct"])]
    assert found[0][1][0].startswith("The bridge will open on time.")


def test_he_after_a_name_with_a_generation_is_that_person(attributions):
    # "Pate" is the family name of "Luther Stan Pate IV"; the "he" of the quotation is Pate, who
    # spoke last, not the strategist quoted before him
    text = ('"Not us, but we like it," Mike Dunn, a strategist, said on Friday. The donor Luther Stan Pate IV was '
            'behind the banner. Pate claimed in an interview that he is backing no candidate. '
            '"I have had no talks with any campaign in a year," he said.')
    who, _, _, a, _ = _find(attributions(text), "no talks")
    assert who == "Pate"  # the mention; resolution joins it to the full name
    # and the year of "a meeting a year ago" in what Pate claimed dates no saying of his
    text = text.replace("he is backing no candidate", "he is backing no candidate despite a meeting a year ago")
    _, _, _, a, _ = _find(attributions(text), "no talks")
    assert a.dated_by != "context"


@pytest.mark.parametrize(("text", "speaker"), [
    # a government or a court is one named so, never the company that spoke last
    ('Harbor Group said on Monday that it would expand. The government argued that the bridge was unsafe.',
     "The government"),
    ('The Ethics Committee met on Monday. The committee argued that the bridge was unsafe.', "Ethics Committee"),
    # "the party" is the Democrats, the party named by another of its forms
    (('Harbor Group said on Monday that it would expand. The Democrats met on Tuesday. The party argued that '
     'the bridge was unsafe.'), "Democrats"),
])
def test_an_institution_described_by_its_kind_is_one_named_so(attributions, text, speaker):
    who, _, _, _, _ = _find(attributions(text), "bridge was unsafe")
    assert who == speaker


@pytest.mark.parametrize("opening", ["It is important to note that", "It's fair to say that", "It seems that"])
def test_an_empty_it_gives_the_writers_own_voice_no_speaker(attributions, opening):
    text = f"Harbor Group said on Monday that it would expand. {opening} the bridge was built in 1990."
    assert not [f for f in attributions(text) if any("built in 1990" in c for c in f[1])]


def test_a_content_keeps_to_its_paragraph_and_leaves_out_the_dateline(attributions):
    # the parse runs the headline into the lead (one sentence): the content stays in its paragraph,
    # after the dateline
    text = ("Bridge plan faces doubts\n\nWASHINGTON (AP) — Harbor Group has invested in some of the companies "
            "that it uses as targets on the campaign trail, according to new financial documents it submitted "
            "to the government.")
    _, contents, _, _, _ = _find(attributions(text), "has invested")
    assert contents == [("Harbor Group has invested in some of the companies that it uses as targets on the "
                        "campaign trail")]


def test_a_quotation_inside_the_clause_before_a_cue_is_not_what_the_cue_reports(attributions):
    # the cue reports its own complement; the chant quoted before it belongs to the scene
    text = ('Walking into the office to chants of "Tom! Tom!," the senator said his campaign here was '
            '"closing really strong." He thanked the volunteers.')
    found = attributions(text)
    assert [c for _, c, _, _, _ in found if any("campaign" in x for x in c)] == [
        ['his campaign here was "closing really strong."']]
    assert not [c for _, c, _, _, _ in found if any("Tom! Tom!" in x for x in c)]


def test_a_participle_of_saying_after_a_reported_clause_is_the_writers_framing(attributions):
    text = ("In an interview, Mr. Novak said Mr. Kellner should leave the race for the good of the party, echoing "
            "a memo from Harbor Group's campaign manager.")
    _, contents, _, _, _ = _find(attributions(text), "should leave")
    assert contents == ["Mr. Kellner should leave the race for the good of the party"]


def test_a_for_frame_inside_a_quotation_is_the_speakers_words(attributions):
    text = ("His brother Fred Novak ran the family firm for years. ''For me, it worked very well,'' Mr. Novak "
            "said. ''For Fred, it wasn't something that was going to work.''")
    who, _, _, _, _ = _find(attributions(text), "going to work")
    assert who == "Novak"  # the speaker of the quotation before it, "Mr. Novak"


@pytest.mark.parametrize(("speaker", "cue", "taken"), [
    # a headline's "Says Roe would stack the court" (the parse made "Roe" the subject of "Says"): Roe is
    # what is said, not who says it
    ((5, 8), (0, 4), True),
    # "which officials said will take effect": the content runs too far left over its own cue and
    # speaker; the speaker stands
    ((6, 15), (16, 20), False),
    # the speaker outside the content
    ((30, 35), (36, 40), False),
])
def test_a_speaker_taken_from_the_words_said_is_no_speaker(speaker, cue, taken):
    from kg.extract.attributions.candidate import Candidate
    from kg.extract.attributions.finish import _speaker_among_the_words

    cand = Candidate(kind="verb", cue="says", cue_start=cue[0], cue_end=cue[1], cue_lemma="say", cue_act=None,
                     spans=[], speaker_start=speaker[0], speaker_end=speaker[1], speaker_token=None, sentence=None,
                     confidence=0.8)
    assert _speaker_among_the_words(cand, [(5, 29, "Indirect")]) is taken


def test_a_relative_clause_reports_its_words_around_its_own_cue(attributions):
    # the speaker and the cue stand inside the clause they report: they are no words of it
    text = "The new rules, which officials said will go into effect in the next few months, will not apply to all."
    who, contents, _, _, _ = _find(attributions(text), "go into effect")
    assert (who, contents) == ("officials", ["which", "will go into effect in the next few months"])


@pytest.mark.parametrize(
    ("text", "speaker", "contents"),
    [
        # a quoted phrase in title case before "he said" is what he said, not the title of a work
        ('Tom Novak looked to the vote. "Eyes on the Prize, Harbor City," he said.', "Tom Novak",
         ["Eyes on the Prize, Harbor City,"]),
        # a quotation opening an aside set off by dashes is the cue's, as one opening a sentence
        (('He railed against plans to move the plant - "I like the old mill," he said, "I will never work in '
          'it again" - and vowed to fight.'), "he", ["I like the old mill,", "I will never work in it again"]),
        # the point of a title ("Mr.", "Sen.") does not end the words that hold the cue
        ('"The voters are furious," Mr. Novak said, "and they will not forget it."', "Novak",
         ["The voters are furious,", "and they will not forget it."]),
        # one made to speak speaks
        ('Tom Novak was prompted to say, "So far, the meeting has gone better than anyone hoped."', "Tom Novak",
         ["So far, the meeting has gone better than anyone hoped."]),
        # an age that stands for the person
        ('"The bridge will close," said the 46-year-old.', "the 46-year-old", ["The bridge will close,"]),
        ('"The bridge is a folly," scoffed Maria Lopez.', "Maria Lopez", ["The bridge is a folly,"]),
        # a verb that reports words only with its particle
        ('Tom Novak spoke first. "They are all here for the bridge," Maria Lopez shot back with a laugh.',
         "Maria Lopez", ["They are all here for the bridge,"]),
        # the name that opens the words after a quotation, whatever its apposition holds
        ('"We will rebuild the bridge," Tom Novak, now 70 and retired in Salem, Mass., said by phone this week.',
         "Tom Novak", ["We will rebuild the bridge,"]),
        (('"I am calling from the Lopez campaign. How are you today?" Novak, a retired worker from a paper mill, '
         'said cheerfully into the phone.'), "Novak", ["I am calling from the Lopez campaign. How are you today?"]),
        # a speaker the parser took for the cue's object
        ("''I would rather fix a roof than write a memo,'' said Tom Novak, with a grin. He runs a shop.",
         "Tom Novak", ["I would rather fix a roof than write a memo,"]),
        # one word that is all the speaker said
        ('"Never," Maria Lopez said when asked whether the toll would rise.', "Maria Lopez", ["Never,"]),
        # a quotation ending a clause of the writer's words is part of that paraphrase
        ('Drivers who use the bridge are "fed up with the tolls," Tom Novak said.', "Tom Novak",
         ['Drivers who use the bridge are "fed up with the tolls,"']),
        # a stray fragment before a quotation (a page's date) is no paraphrase
        ('Page 2 "We ask every driver to slow down near the school," said the county office',
         "the county office", ["We ask every driver to slow down near the school,"]),
        # cues of chanted and continued words, and the speaker of "by saying"
        ('"Hey, hey! Ho, ho! The toll has got to go!" some drivers chanted as they marched past the hall.',
         "some drivers", ["Hey, hey! Ho, ho! The toll has got to go!"]),
        ('"It happens to everyone," Tom Novak went on, as if nobody had asked. "You just have to keep going."',
         "Tom Novak", ["It happens to everyone,", "You just have to keep going."]),
        ("Maria Lopez responded by saying that the plan would fail.", "Maria Lopez", ["the plan would fail"]),
        # a quotation that ends its sentence is the words of the cue before it, not of the next sentence's
        ('Maria Lopez closed the hearing by saying "Enough for today." The council echoed her.', "Maria Lopez",
         ["Enough for today."]),
        # a closing mark typed the wrong way round; a quoted title in the tail of an attribution
        ("“The bridge is safe,“ said Maria Lopez, an engineer with the county. “It has been inspected twice.”",
         "Maria Lopez", ["The bridge is safe,", "It has been inspected twice."]),
        (('"The bridge will close," said Tom Novak, a host of the radio show "Morning Call." "Nobody wants to pay '
         'for it."'), "Tom Novak", ["The bridge will close,", "Nobody wants to pay for it."]),
    ],
)
def test_quotations_the_cue_beside_them_owns(attributions, text, speaker, contents):
    found = _find(attributions(text), contents[0])
    assert speaker in found[0] and found[1] == contents


@pytest.mark.parametrize(("text", "speaker"), [
    # the name that opens the words after the quotation, before its apposition
    ('"We will rebuild," Tom Novak, now retired in Salem, Mass., said.', "Tom Novak"),
    # the name just before the cue, else the noun phrase after it
    ('"We will rebuild," campaign manager Tom Novak said.', "Tom Novak"),
    ('"We will rebuild," said the mayor of Salem.', "mayor"),
])
def test_a_cue_the_parse_left_without_a_subject_takes_the_name_beside_its_quotation(parse, text, speaker):
    from kg.extract.attributions.candidate import _Article, _make
    from kg.extract.attributions.quotations import _speaker_beside
    from kg.extract.lexicon import cues
    from kg.extract.mentions import find_mentions

    article, doc = parse(text)
    ctx = _Article(doc, article, find_mentions(doc, article, None), None)
    quote = ctx.quotes[0]
    cue_tok = next(t for t in doc if t.lemma_ == "say")
    cand = _make(ctx, cue_tok, cues()[("say", "VERB")], [(quote.start, quote.end)])
    cand.speaker_token, cand.speaker_start, cand.speaker_end = None, -1, -1
    _speaker_beside(ctx, cand, cue_tok, quote, "after")
    assert speaker in text[cand.speaker_start:cand.speaker_end]


@pytest.mark.parametrize("text", [
    "Maria Lopez was asked to explain why the bridge closed.",  # asked, not yet answered
    "The team shot back into the lead on Tuesday.",  # no particle of saying
    "Maria Lopez was expected to announce that the bridge would close.",
    "Maria Lopez is likely to argue that the bridge would close.",
    "Maria Lopez was not willing to say that the bridge would close.",
    "Maria Lopez would be glad to explain why the bridge would close.",
])
def test_one_asked_or_expected_to_speak_has_not_spoken(attributions, text):
    assert attributions(text) == []


def test_according_to_inside_a_quotation_is_the_speakers_own_words(attributions):
    found = attributions('"We built the bridge according to the plans the council approved," Maria Lopez said.')
    assert _who_said(found) == [
        ("Maria Lopez", ["We built the bridge according to the plans the council approved,"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title in the doubled single quotes of some newspapers is a work's title, not words said
        ("Plans to go home were dashed, Maria Lopez said in her 2012 book, ''A Harbor Daughter.''",
         [("Maria Lopez", ["Plans to go home were dashed"])]),
        # when and where, no clause said
        ("Maria Lopez insisted Thursday during a tour of morning news shows.", []),
        # an "as" clause of speaking says when, not what
        ("As Maria Lopez spoke in the lobby of the tower, there were no presentations of steaks.", []),
        ("As the judge read her decision, the defendant held his head.", []),
        # "For X, <clause>": the writer's view of where X stands, not X's words
        ("For Maria Lopez, the new rules are a step in the wrong direction.", []),
        ("As the newspaper reported, the bridge will close next week.",
         [("the newspaper", ["the bridge will close next week"])]),
    ],
)
def test_words_that_only_look_said(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize("text", [
    "According to Jack Novak, writing for a news site, the bureau considers the case a priority.",
    "According to the report, released on Monday, the bureau considers the case a priority.",
])
def test_what_describes_the_source_of_according_to_is_not_its_words(attributions, text):
    assert [f[1] for f in attributions(text)] == [["the bureau considers the case a priority"]]


@pytest.mark.parametrize("text", [
    "Many towns have had female mayors, according to the Harbor Institute, although few of them won twice.",
    "Many towns have had female mayors, according to a Harbor Institute study last week - a share that grows.",
])
def test_according_to_after_a_clause_reports_that_clause_only(attributions, text):
    assert [f[1] for f in attributions(text)] == [["Many towns have had female mayors"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the question put to the sentence's subject is not the subject's
        ("When asked if the bridge could be paid for with taxes, Tom Novak said it could not.",
         [("Tom Novak", ["it could not"])]),
        ("Asked about his speeches, Tom Novak declined to answer.", []),
        # one who asks, asks
        ("Tom Novak asked whether the bridge could be paid for.", [("Tom Novak", ["whether the bridge could be paid for"])]),
    ],
)
def test_a_question_put_to_someone_is_not_theirs(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb joined to a passive one shares its subject
        ("Tom Novak was pushed into a corner and said that his words had been twisted.",
         [("Tom Novak", ["his words had been twisted"])]),
        ("Maria Lopez was asked to explain the vote and said the bridge would close.",
         [("Maria Lopez", ["the bridge would close"])]),
        # ... and not for the passive's agent
        ("Nora Lindqvist was met at the pier by Mayor Tom Hale and joked, “You are all too kind.”",
         [("Nora Lindqvist", ["You are all too kind."])]),
        ("Rita Osei was questioned by the harbour police and said the boats had left early.",
         [("Rita Osei", ["the boats had left early"])]),
    ],
)
def test_a_verb_joined_to_a_passive_one_speaks_for_its_subject(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # a reflexive stands for its clause's subject, not for whoever spoke last
        ("“We lost,” said Tom Hale. Carl Devane let himself describe the merger of the two clubs as overdue.",
         "the merger of the two clubs", "Carl Devane"),
        ("Tom Hale said the vote was close. His rival Devane allowed himself to concede that the count was fair.",
         "the count was fair", "Devane"),
    ],
)
def test_a_reflexive_speaker_is_the_subject_it_refers_to(attributions, text, content, speaker):
    who, *_ = _find(attributions(text), content)
    assert who == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # parsed as a conjunct inside the first content
        (("Most of the farmers said the price of feed was too high, and 40 percent said the council "
         "would be best at handling it."),
         [("Most of the farmers", ["the price of feed was too high"]),
          ("40 percent", ["the council would be best at handling it"])]),
        # parsed as a second complement of the first cue
        (("Most of the farmers said they were angry about the price of feed, and more than 4 in 10 said the "
         "council would be best at handling it."),
         [("Most of the farmers", ["they were angry about the price of feed"]),
          ("more than 4 in 10", ["the council would be best at handling it"])]),
        (("Several residents said the mayor had made a good case for the bridge, while other residents said "
         "they had not heard anything new."),
         [("Several residents", ["the mayor had made a good case for the bridge"]),
          ("other residents", ["they had not heard anything new"])]),
        ("Tom Novak said the plan would fail, and Maria Lopez said it would work.",
         [("Tom Novak", ["the plan would fail"]), ("Maria Lopez", ["it would work"])]),
        # one speaker's second complement stays the speaker's
        ("Tom Novak said the plan would fail and that the council knew the bridge was unsafe.",
         [("Tom Novak", ["the plan would fail and that the council knew the bridge was unsafe"])]),
    ],
)
def test_another_speakers_clause_ends_the_first_statement(attributions, text, expected):
    found = sorted((f[0], f[1]) for f in attributions(text) if f[3].cue == "said")
    assert found == sorted(expected)


@pytest.mark.parametrize(
    ("text", "another"),
    [
        ("Tom Novak said the plan was hard, but Maria Lopez thinks we can finish it by May.", True),
        # "I" and "we" go on with quoted words, not another speaker's
        ("Tom Novak said the plan was hard, but I think we can finish it by May.", False),
        # no words of its own to report
        ("Tom Novak said the plan was hard, and Maria Lopez knew it.", False),
    ],
)
def test_what_counts_as_another_speakers_clause(parse, text, another):
    from kg.extract.attributions.verbs import _another_speakers_clause

    _, doc = parse(text)
    verb = next(t for t in doc if t.lemma_ in ("think", "know"))
    assert _another_speakers_clause(verb) is another


def test_words_end_before_the_and_that_led_on_to_another_clause(attributions):
    text = ("Most of the farmers said they were angry about the price of feed, and more than 4 in 10 said the "
            "council would be best at handling it.")
    assert [f[1] for f in attributions(text) if f[3].cue != "said"] == [["the price of feed"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an "if" clause of asking is the question, however the parser hung it
        ("The newspaper asked the mayor if she had been preparing the town for a long and cold winter.",
         [("The newspaper", ["if she had been preparing the town for a long and cold winter"])]),
        # a quoted name and what it names
        ("Maria Lopez called what she witnessed ''terrible.''", [("Maria Lopez", ["what she witnessed ''terrible"])]),
        ("Tom Novak called the plan a disgrace.", [("Tom Novak", ["the plan a disgrace"])]),
        # a call is no statement, and a date is no part of one
        ("Tom Novak called Maria Lopez on Tuesday.", []),
        ("Tom Novak called on Congress on Tuesday to close the bridge.",
         [("Tom Novak", ["Congress on Tuesday to close the bridge"])]),
        # ... but a name with what it is called is one, and words may follow a date
        ("Tom Novak called the notion of a toll a hoax.", [("Tom Novak", ["the notion of a toll a hoax"])]),
        # (the date, where the parser hangs the clause on it, stays: better than losing the words)
        ("The mayor has argued for decades that the bridge is safe.",
         [("The mayor", ["decades that the bridge is safe"])]),
    ],
)
def test_asking_and_naming(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (("THE TOLLS ARE NOT WRONG - Jane Roe: “Although the tolls rose on Tuesday night, it "
          "isn’t because the council was wrong.”"),
         [("Jane Roe",
           ["Although the tolls rose on Tuesday night, it isn’t because the council was wrong."])]),
        ("The vote was close. Jane Roe: “The bridge will close next week.”",
         [("Jane Roe", ["The bridge will close next week."])]),
        # after a verb or a preposition the name is the addressee
        ("The mayor sent a message to Tom Novak: “The bridge will close next week.”", []),
    ],
)
def test_a_name_and_a_colon_within_a_paragraph_introduce_a_quotation(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # the occasion of the saying, hung at the end of what was said, is the cue's
        ("Maria Lopez said the bridge was safe in response to a question from a reporter.", "the bridge was safe"),
        ("Maria Lopez said the bridge was safe in a statement on Tuesday.", "the bridge was safe"),
        ("Maria Lopez suggested that the council ''is not serious'' in answering a question from the audience.",
         "the council ''is not serious"),
        # ... but the setting of a reported saying is part of the report
        ("Maria Lopez said she had admitted the mistake in an interview with police investigators.",
         "she had admitted the mistake in an interview with police investigators"),
    ],
)
def test_the_occasion_of_saying_is_not_what_was_said(attributions, text, words):
    assert next(f[1] for f in attributions(text)) == [words]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As reported by the Harbor Times, the council will vote on Monday.",
         [("Harbor Times", ["the council will vote on Monday"])]),
        ("As first reported by the Harbor Times, the council will vote on Monday.",
         [("Harbor Times", ["the council will vote on Monday"])]),
        # no one named: the writer's own outlet, no statement of anyone's
        ("As reported, the council will vote on Monday.", []),
    ],
)
def test_as_reported_by_names_a_source(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short quotation that is a whole sentence continues the paragraph's quotation
        ('"It is a hard case," Lopez said. "But, look."', [("Lopez", ["It is a hard case,", "But, look."])]),
        ("''Our staff did its best over the years,'' the union said. ''We will appeal.''",
         [("the union", ["Our staff did its best over the years,", "We will appeal."])]),
        # ... but not in a paragraph of its own, where it may be a slogan or a title
        ('"It is a hard case," Lopez said.\n\n"Not now."', [("Lopez", ["It is a hard case,"])]),
    ],
)
def test_a_short_quoted_sentence_continues_the_quotation_before_it(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


def test_a_quotation_after_one_held_by_a_paraphrase_is_the_speakers(attributions):
    # the first quotation sits inside both "called" (no speaker) and "said": the next one is Lopez's
    found = attributions('Jo, as she is called, "hated the long winters," Lopez said. "Our aunt took the house, and we '
                         'moved to the coast."')
    assert _find(found, "Our aunt")[0] == "Lopez"


@pytest.mark.parametrize(
    "text",
    [
        'Maria Lopez said in an interview on Tuesday:\n\n"The ferry is the only sensible plan we have."',
        ('Maria Lopez said in an interview with the station on Tuesday: "The ferry is the only sensible plan we '
         'have."'),
    ],
)
def test_a_cue_whose_words_up_to_a_colon_only_place_it_introduces_the_quotation(attributions, text):
    assert _who_said(attributions(text)) == [
        ("Maria Lopez", ["The ferry is the only sensible plan we have."])]


def test_a_clause_before_the_colon_keeps_the_quotation_in_it(attributions):
    found = attributions('Maria Lopez said the new rules would cover three groups: "the poor, the old and the sick."')
    assert _who_said(found) == [
        ("Maria Lopez", ['the new rules would cover three groups: "the poor, the old and the sick."'])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Nobody plays that game better than me," Lopez reacted.',
         [("Lopez", ["Nobody plays that game better than me,"])]),
        ('"The ferry is a waste of money," as Maria Lopez put it.', [("Maria Lopez", ["The ferry is a waste of money,"])]),
        ('The mayor put it this way: "The ferry is a waste of money."', [("The mayor", ["The ferry is a waste of money."])]),
        ("She put it in the drawer and said nothing.", []),
    ],
)
def test_reacting_and_putting_it_report_words(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


def test_a_title_inside_the_speakers_description_is_not_what_was_said(attributions):
    found = attributions("As Jo Roe, a teacher at the college and author of ''The Quiet Harbor,'' put it, ''A bridge "
                         "is only as good as the road that leads to it.''")
    assert [f[1] for f in found] == [["A bridge is only as good as the road that leads to it."]]
    assert "Jo Roe" in found[0][0]


def test_a_name_hung_on_the_participle_before_the_cue_is_the_speaker(attributions):
    found = attributions("Speaking at a fundraiser for her son, former teacher Jo Roe said the school board should be "
                         "larger.")
    assert _who_said(found) == [("Jo Roe", ["the school board should be larger"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"The ferry plan is fine," Maria Lopez is quoted as saying.', [("Maria Lopez", ["The ferry plan is fine,"])]),
        ("Maria Lopez was quoted by the paper as saying the ferry plan is fine.",
         [("Maria Lopez", ["the ferry plan is fine"])]),
        # the paper reports Lopez's saying, and Lopez says it
        ("The paper quoted Maria Lopez as saying the ferry plan is fine.",
         [("The paper", ["Maria Lopez as saying the ferry plan is fine"]), ("Maria Lopez", ["the ferry plan is fine"])]),
    ],
)
def test_quoted_as_saying(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


def test_a_quotation_after_a_sentence_naming_a_title_in_two_apostrophes_continues_it(attributions):
    found = attributions("''We are done here,'' Mr. Lopez said by telephone on the radio show ''Good Morning Harbor.'' "
                         "''The ferry will sail on time from now on, every single day.''")
    assert _who_said(found) == [
        ("Lopez", ["We are done here,", "The ferry will sail on time from now on, every single day."])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Harbor Nights” host Jo Roe on Thursday said that the show would end in May.",
         [["the show would end in May"]]),
        # words ending in a comma before the name are the speaker's, however the parse hangs them
        (("“That’s the real trouble, because they’re very tired and very angry,” Lopez, 58, told a radio station on "
         "Tuesday."), [["That’s the real trouble, because they’re very tired and very angry,"]]),
    ],
)
def test_a_title_naming_the_speaker_is_not_what_was_said(attributions, text, expected):
    assert [f[1] for f in attributions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Surveys show Lopez ahead among older voters in the north.",
         [("Surveys", ["Lopez ahead among older voters in the north"])]),
        ("Court records show no payments from the firm to the school since 2010.",
         [("Court records", ["no payments from the firm to the school since 2010"])]),
        ("The study found no link between the two.", [("The study", ["no link between the two"])]),
        # a person who shows something does an act, and a finding of nothing that is denied is none
        ("The mayor showed great courage.", []),
        ("The study did not find a link between the two.", []),
    ],
)
def test_what_a_document_shows_is_what_it_reports(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lopez made clear that the ferry stays.",
        "Lopez has made it very clear that the ferry stays.",
    ],
)
def test_making_it_clear_states_the_that_clause(attributions, text):
    assert _who_said(attributions(text)) == [("Lopez", ["the ferry stays"])]


def test_the_words_about_a_poll_in_its_frame_are_not_its_finding(attributions):
    found = attributions("In the new Harbor poll, carried out over three days last week, a third of the town backs the "
                         "ferry plan.")
    assert [f[1] for f in found] == [["a third of the town backs the ferry plan"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poll: Most residents want the ferry back.\n\nThe mayor spoke on Monday.",
         [("Poll", ["Most residents want the ferry back"])]),
        ("Study: Rents in the city rose sharply last year.", [("Study", ["Rents in the city rose sharply last year"])]),
        ("Note: This story was updated.", []),
    ],
)
def test_a_finding_named_before_a_colon_reports_what_follows(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Roe pointed to the weather as the reason for the delay.", "the weather as the reason for the delay"),
        ('Lopez defended his deputy as "the hardest worker in the building."', 'his deputy as "the hardest worker in the building."'),
        ("Lopez dismissed the claim as absurd.", "the claim as absurd"),
        ("Lopez criticized the judge as biased.", "the judge as biased"),
        # "as" opening a clause of its own says when
        ("Lopez criticized the judge as he left the court.", "the judge"),
    ],
)
def test_what_the_object_is_called_belongs_to_it(attributions, text, content):
    assert [f[1] for f in attributions(text)] == [[content]]


def test_a_word_of_the_quotation_taken_for_the_subject_gives_way_to_the_speaker_after_the_cue(attributions):
    found = attributions('The mayor said the deal was on.\n\n"Nope," wrote a ferry fan who runs a busy forum online. '
                         '"Who asked the council anyway?"')
    assert ("a ferry fan", ["Nope,", "Who asked the council anyway?"]) in _who_said(found)


def test_a_participle_after_before_is_not_the_quotations_cue(attributions):
    found = attributions('Roe cautioned "do not count on it," before predicting a win.')
    assert (found[0][0], found[0][1], found[0][3].cue) == ("Roe", ["do not count on it,"], "cautioned")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Some 30 rabbis in the county said they would march on Sunday.", "Some 30 rabbis in the county"),
        ("A neurosurgeon at the county hospital said the plan would fail.", "A neurosurgeon at the county hospital"),
        ("The inquiry found that the mayor had broken no rule.", "The inquiry"),
        ("Disclosures released in March revealed that the club had paid for the trip.", "Disclosures"),
        ('"When does the ferry come?" asked the boy, clutching his ticket.', "the boy"),
        ("The radioman pointed out that the ferry had never run on Sundays.", "The radioman"),
        ("Two local repairmen said the bridge was unsafe.", "Two local repairmen"),
        ("The cable indicated that the embassy would close for a week.", "The cable"),
    ],
)
def test_clergy_surgeons_and_inquiries_speak(attributions, text, speaker):
    assert [f[3] is not None and f[4][f[3].speaker].text for f in attributions(text)] == [speaker]


def test_a_name_the_parser_took_for_a_clause_before_the_cue_speaks(attributions):
    found = attributions("Mr. Lopez, whose family boatyard, Tidewater, repairs ferries for three counties, said the "
                         "mayor was right.")
    assert _who_said(found) == [("Lopez", ["the mayor was right"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delay led several engineers to conclude that the bridge was unsafe.",
         [("several engineers", ["the bridge was unsafe"])]),
        # urged to, not made to: nothing was said yet
        ("The mayor urged voters to say that the plan was bad.", [("The mayor", ["voters to say that the plan was bad"])]),
    ],
)
def test_the_one_made_to_speak_speaks(attributions, text, expected):
    assert _who_said(attributions(text)) == expected


def test_a_participle_taken_for_the_verb_leaves_its_subject_to_the_cue(attributions):
    found = attributions("Fishermen trying to block the new dam from the river say they are running out of money.")
    assert _who_said(found) == [("Fishermen", ["they are running out of money"])]


def test_a_surname_with_an_apostrophe_taken_for_a_noun_speaks(attributions):
    found = attributions("The film was popular. D’Alba went on to explain that the ferry had been late for years.")
    assert _who_said(found) == [("D’Alba", ["the ferry had been late for years"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Lopez was benched for a game after blasting the coach over the lineup.",
         [("Maria Lopez", ["the coach"])]),
        # the one praised said it, not the one who praised
        ("Maria Lopez was praised by the mayor after saying the bridge would stay open.",
         [("Maria Lopez", ["the bridge would stay open"])]),
    ],
)
def test_an_ing_clause_after_a_passive_verb_is_its_subjects(attributions, text, expected):
    assert [(f[4][f[3].speaker].text, f[1]) for f in attributions(text)] == expected
