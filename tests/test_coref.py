"""Within-article coreference state (kg/extract/coref.py), on hand-made mentions."""

from __future__ import annotations

from kg.extract.coref import Coref
from kg.records import Mention

PERSON = (("Person", 1.0),)
ORGANISATION = (("Organization", 1.0),)


def test_names_before_go_by_position_whatever_order_they_were_found_in():
    coref = Coref([Mention(0, 8, "Jane Roe", "name", PERSON), Mention(40, 50, "Tom Novak", "name", PERSON)])
    # a name found while attributing ("told the Courier") is appended after the others
    courier = coref.add(Mention(20, 27, "Courier", "name", ORGANISATION))
    assert coref.names_before(60) == [1, courier, 0]
    assert coref.names_before(30) == [courier, 0]
    assert coref.names_before(5) == []


def test_a_lone_surname_takes_the_type_of_the_full_name_it_shortens():
    # the parser may label a lone surname an organisation ("Roe's plan"); the article named a person
    coref = Coref([Mention(0, 8, "Jane Roe", "name", PERSON), Mention(30, 33, "Roe", "name", ORGANISATION)])
    assert coref.mtype(coref.mentions[1]) == "Person"
    alone = Coref([Mention(30, 33, "Roe", "name", ORGANISATION)])
    assert alone.mtype(alone.mentions[0]) == "Organization"


def test_the_articles_pronouns_tell_the_sex_a_given_name_does_not():
    # "Robin" is a given name of either sex; "he said" of Robin Roe tells which
    mentions = [Mention(0, 9, "Robin Roe", "name", PERSON), Mention(40, 43, "Roe", "name", PERSON)]
    coref = Coref(mentions)
    assert set(coref.sexes(0)) == {"f", "m"}
    coref.add(Mention(60, 62, "he", "pronoun", antecedent=1))
    assert (coref.sexes(0), coref.sexes(1)) == ("m", "m")
    # both pronouns for one name tell nothing
    coref.add(Mention(90, 93, "she", "pronoun", antecedent=0))
    assert set(coref.sexes(0)) == {"f", "m"}


def test_a_given_name_rarely_borne_by_the_other_sex_tells_the_sex():
    # the census lists record a few women named John and men named Mary; far too few to matter
    coref = Coref([Mention(0, 9, "John Novak", "name", PERSON), Mention(20, 29, "Mary Novak", "name", PERSON),
                   Mention(40, 50, "Chris Novak", "name", PERSON)])
    assert [coref.sexes(i) for i in range(3)] == ["m", "f", "fm"]


def test_a_surname_takes_the_sex_of_the_first_full_name_even_inside_an_organisations_name():
    # "a Jane Roe administration" names Jane Roe first; the John Roe named later does not make "Roe" a he
    coref = Coref([Mention(0, 23, "Jane Roe administration", "name", ORGANISATION),
                   Mention(40, 43, "Roe", "name", PERSON), Mention(90, 98, "John Roe", "name", PERSON)])
    assert coref.sexes(1) == "f"


def test_a_family_name_before_a_generation_takes_the_full_names_type():
    # the lone surname's own labels weigh less than the full name's (as the model's do)
    coref = Coref([Mention(0, 19, "Luther Stan Pate IV", "name", (("Person", 2.5),)),
                   Mention(30, 34, "Pate", "name", ORGANISATION), Mention(50, 54, "Pate", "name", ORGANISATION)])
    assert coref.mtype(coref.mentions[1]) == "Person"
