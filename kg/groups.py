"""What kind of source an unnamed speaker is: "one angry viewer" and "viewers" are both "viewers".

kg analyze and kg view merge the unnamed sources (and the described, unnamed documents) of one
corpus by kind, so that "critics", "some critics" and "one critic" are one node of the story. The
kind is the head noun of the description in the plural, with the capitalised words before it
("one Twitter user" -> "Twitter users"); lower-case modifiers ("angry", "senior") and what
follows a preposition or a relative pronoun ("a spokesperson for the board") are left out.
"""

from __future__ import annotations

import re

# Words that open a description without saying what the source is.
DETERMINERS = frozenset({
    "a", "an", "the", "one", "some", "many", "several", "few", "most", "all", "both", "each", "every",
    "another", "other", "others", "these", "those", "this", "that", "its", "their", "his", "her", "our", "such",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
    "more", "fewer", "any", "no", "certain", "various", "numerous", "multiple",
})
# Words after which a description says more about the source than what it is.
BREAKS = frozenset({
    "of", "for", "from", "at", "in", "on", "with", "about", "by", "to", "who", "whom", "whose", "that", "which",
    "and", "or", "like", "including", "among", "called", "named", ",", "(", "—", "–", "-",
    # adjectives that follow their noun: "a person familiar with", "people close to him"
    "familiar", "close", "aware", "knowledgeable", "briefed", "involved", "present", "speaking",
})
# Heads that say only how many: the source is people.
COUNTS = frozenset({"percent", "%", "majority", "minority", "half", "third", "quarter", "number", "handful",
                    "plurality", "share", "none", "someone", "somebody", "anyone", "everyone", "nobody"})
IRREGULAR_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children",
                     "spokesman": "spokesmen", "spokesperson": "spokespeople", "spokeswoman": "spokeswomen", "chairman": "chairmen",
                     "congressman": "congressmen", "congresswoman": "congresswomen", "people": "people",
                     "staff": "staff", "police": "police", "media": "media", "public": "public"}


def group_kind(description: str) -> str:
    """The kind of source a description names, in the plural: "one Twitter user" -> "Twitter users"."""
    words = re.findall(r"[\w'’.@%-]+|[,(—–]", description)
    kept: list[str] = []
    for w in words:
        if w.lower() in BREAKS and kept:
            break
        kept.append(w)
    while kept and (kept[0].lower() in DETERMINERS or re.fullmatch(r"[\d.,%]+", kept[0])):
        kept.pop(0)
    kept = [w.removesuffix("'s").removesuffix("’s") for w in kept if w.lower() not in BREAKS]
    if not kept or kept[-1].lower() in COUNTS:
        return "people"
    head = _plural(kept[-1].lower())
    modifiers = []
    for w in reversed(kept[:-1]):  # the capitalised words right before the head: "Twitter", "Republican"
        if not w[:1].isupper():
            break
        modifiers.insert(0, w)
    return " ".join([*modifiers, head])


def _plural(noun: str) -> str:
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith(("men", "people", "ies")) or noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"
