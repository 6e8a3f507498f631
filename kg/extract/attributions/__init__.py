"""Attributed statements: cue, content, speaker, targets, act, date and channel of each.

The flow for one article: every reporting verb or noun of the lexicon takes its content from its
complements (indirect speech, mixed quotes); "according to X" and "For X, ..." take the clause they
frame; quotations that no complement covers look for a cue beside them ("A," she said / She said:
"A"), continue the previous speaker when they stand alone after an attributed quotation, or belong
to an embedded social post ("... — Name (@handle) date"). Speakers, pronouns and descriptions are
resolved within the article (see coref.py).

One module per step: candidates by kind of cue (`verbs`, `nouns`, `according`, `introductions`,
`quotations`), then `speaker`, and `finish`, which fixes each candidate's content, act, `about`,
`when` and confidence. `candidate` holds the record they share and the parse helpers they all use.
"""

from __future__ import annotations

from ...records import Article, Attribution, Mention
from .candidate import _Article
from .finish import _finish, _without_inner_parts
from .introductions import _introduction_candidates
from .quotations import _drop_duplicates, _quote_candidates
from .speaker import _note_roles, _resolve_speaker
from .verbs import _absorb_parentheticals, _cue_candidates
from .when import _without_lead_guesses


def find_attributions(
    doc, article: Article, mentions: list[Mention], limit: int | None
) -> tuple[list[Mention], list[Attribution]]:
    """Attributed statements of one parsed article, and the mentions list grown by their speakers."""
    ctx = _Article(doc, article, mentions, limit)
    _note_roles(ctx)
    candidates = _absorb_parentheticals(ctx, _cue_candidates(ctx))
    candidates += _introduction_candidates(ctx, candidates)
    candidates += _quote_candidates(ctx, candidates)
    candidates.sort(key=lambda c: (c.spans[0][0], c.cue_start))
    candidates = _drop_duplicates(candidates)
    finished = []
    for cand in candidates:
        _resolve_speaker(ctx, cand)
    for cand in candidates:
        attribution = _finish(ctx, cand, candidates)
        if attribution is not None:
            finished.append((cand, attribution))
            ctx.finished.append(cand)
    return ctx.coref.mentions, _without_lead_guesses(ctx, _without_inner_parts(ctx, finished))
