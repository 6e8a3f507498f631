"""The speech act of an attribution (one of records.ACTS) from its cue, its content and its context."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .lexicon import act_words

# Words around a statement that say it answers criticism: positive words then defend, not praise.
RESPONSE_CONTEXT = re.compile(
    r"\b(?:backlash|criticism|criticized|controvers\w*|outrage\w*|despite|amid|defend\w*|stood by|"
    r"stands? by|respond\w*|response|accus\w*|attack\w*|boycott\w*)\b", re.IGNORECASE)
FIRST_PERSON_PAST = re.compile(r"\b(?:I|we)\s+(?:was|were|had|saw|came|went|decided|wanted|felt|thought|"
                               r"realized|started|began|asked|met|grew)\b")
PRAISE_CONTEXT = re.compile(r"\b(?:prais\w*|applaud\w*|acclaim\w*|laud\w*|rave\w*|hail\w*)\b", re.IGNORECASE)
LABELLED_AGAINST = re.compile(r"\banti-[A-Z]\w+")
WANTS_A_THING = re.compile(r"\b(?:wants?|wanted)\s+(?!to\b)(?:a|an|the|more|less|\"|“|(?:my|our|your|their)\b)",
                           re.IGNORECASE)
# "I have not talked to anyone", "We never said that": a speaker denying their own part defends it.
FIRST_PERSON_DENIAL = re.compile(r"\b(?:I|[Ww]e)\s+(?:(?:have|had|did|do|was|were|am|are)\s+)?(?:not|never)\b"
                                 r"|\b(?:I|[Ww]e)\s+(?:haven|hadn|didn|don|wasn|weren|aren)[’']t\b")
# "I would love to see her sign it", "we want them to resign": wishing that someone else act
WISH_FOR_OTHERS = re.compile(r"\b(?:would\s+(?:love|like)\s+to\s+see|(?:want|wants|wanted)\s+(?:him|her|them|you|"
                             r"(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z]\w+|[A-Z]\w+)\s+to)\b")
# Cues of support: backing someone or their work praises them; backing a measure ("backs tougher
# rules", "supports a ban") advocates it, which the contract counts as a call for action.
BACKING_CUES = frozenset({"back", "support", "endorse", "endorsement", "embrace"})
# Cues of telling how things are, why, or what one will do, and how much they say so: their words
# explain unless they say more ("argued the plan was a disgrace" criticises; arguing while under
# fire defends; "promised to campaign across the country" states a plan, under fire or not).
REASONING_CUES = {"explain": 2.0, "recall": 2.0, "describe": 2.0, "talk": 2.0, "recount": 2.0,
                  "promise": 2.0, "pledge": 2.0, "vow": 2.0, "argue": 1.0, "contend": 1.0}
# "he would need to win 69 percent", "Should Roe win Ohio, ...": a condition of a supposed case,
# no call for action; the modal, and "If" for the inverted "Should", stay as words of explanation
HYPOTHETICAL_NEED = re.compile(r"\b(would|could|might)\s+(?:need|have|has)\s+to\b|(?:^|(?<=[.!?]\s))Should\b")
IMPERATIVE_START = re.compile(r"^\W*(?:please\s+)?(?:stop|cancel|remove|ban|sign|let|help|join|vote|"
                              r"boycott|don't|do not)\b", re.IGNORECASE)


@cache
def _word_patterns() -> tuple[tuple[re.Pattern, str, float, str], ...]:
    """Each act word's pattern, act and weight, and its first run of word characters in lower
    case: a text without that run cannot match, and need not be searched."""
    return tuple((re.compile(r"\b" + re.escape(w) + r"\b", re.IGNORECASE), act, weight, WORD_RUN.search(w.lower())[0])
                 for w, act, weight in act_words())


WORD_RUN = re.compile(r"\w+")
# The only characters beyond ASCII that re.IGNORECASE matches to ASCII letters (the act words
# are ASCII): with them folded, a text's lower-case runs hold every run a word could match
_IGNORECASE_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


# What an indirect question opens with ("asked whether ...", "asked why ...")
QUESTION_START = re.compile(r"(?:if|whether|why|how|what|who|whom|when|where|which)\b", re.IGNORECASE)


def _runs(text: str) -> set[str]:
    return set(WORD_RUN.findall(text.translate(_IGNORECASE_TO_ASCII).lower()))


def decide_act(
    cue_lemma: str, cue_act: str | None, content: str, context: str, frame: str = "", under_fire: bool = False,
    carried: str | None = None, names_anyone: bool = True,
) -> str:
    """The act that the cue's own act and the content's words favour; 'Report' when nothing does.

    `frame` holds the verbs governing the cue ("X has stood by the film, saying ..."), `context`
    the paragraphs around it; `under_fire` says the speaker is a protagonist of an article that
    reports criticism before this statement; `carried` is the act of the same speaker's statement
    just before, taken when nothing at all points elsewhere; `names_anyone` says the content
    names or refers to an entity.
    """
    scores: Counter = Counter()
    if cue_lemma in BACKING_CUES and not names_anyone:
        cue_act = "Demand"
    if cue_lemma == "ask" and QUESTION_START.match(content):
        cue_act = None  # "asked if they would come": a question put, not a demand made
    if cue_act:
        scores[cue_act] += 3.0
    supposed = HYPOTHETICAL_NEED.sub(lambda m: m[1] or "If", content)
    in_content, in_frame = _runs(supposed), _runs(frame)
    for pattern, act, weight, first_run in _word_patterns():
        if first_run in in_content and (hits := len(pattern.findall(supposed))):
            scores[act] += weight * min(hits, 2)
        if first_run in in_frame and act != "Demand" and pattern.search(frame):
            scores[act] += weight
    if FIRST_PERSON_PAST.search(content):
        scores["Explain"] += 1.5
    if FIRST_PERSON_DENIAL.search(content):
        scores["Defend"] += 1.0
    if IMPERATIVE_START.search(content):
        scores["Demand"] += 2.0
    if LABELLED_AGAINST.search(content):
        scores["Criticize"] += 1.5  # calling someone "anti-Catholic", "anti-American": a charge
    if WISH_FOR_OTHERS.search(content):
        scores["Demand"] += 2.5
    if WANTS_A_THING.search(content):
        # "(he said he) wants a total ban", "we want our money back": wanting a thing, not to do something
        scores["Demand"] += 1.5
    if cue_lemma in REASONING_CUES and not cue_act:
        scores["Explain"] += REASONING_CUES[cue_lemma]
    responding = under_fire or bool(RESPONSE_CONTEXT.search(context))
    if responding and cue_act != "Praise" and not PRAISE_CONTEXT.search(context.replace(content, "")):
        # praise of one's own side while under fire is a defence
        scores["Defend"] += scores.pop("Praise", 0.0)
        scores["Defend"] += 1.5 if under_fire else 1.0 if RESPONSE_CONTEXT.search(content + " " + frame) else 0.5
    if not scores and carried:
        return carried
    if not scores or max(scores.values()) < 1.0:
        return "Report"
    order = ("Apologize", "Demand", "Criticize", "Defend", "Praise", "Explain", "Report")
    return max(order, key=lambda a: (scores[a], -order.index(a)))
