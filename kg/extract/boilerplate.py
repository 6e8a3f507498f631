"""Find the related-links footer and other boilerplate at the end of an article."""

from __future__ import annotations


def find_boilerplate_start(text: str) -> int | None:
    """Offset where trailing boilerplate begins, or None when the article has none."""
    return None
