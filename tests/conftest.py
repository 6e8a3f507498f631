"""Shared fixtures: the spaCy pipeline and a store built from the shipped corpus, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once."""
    from kg import nlp as kg_nlp

    return kg_nlp.load()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built from corpus/ (the five seed articles). Read it; never build into it."""
    from kg.pipeline import build

    root = tmp_path_factory.mktemp("seed") / "store"
    build(CORPUS, root, jobs=1)
    return root


@pytest.fixture
def parse(nlp):
    """parse(text, **metadata) -> (Article, Doc) for sentences written for a test."""
    from kg.records import Article

    def _parse(text: str, article_id: str = "t", **meta):
        article = Article(id=article_id, text=text, source=f"<test {article_id}>", **meta)
        return article, nlp(text)

    return _parse


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    """Make `folder` hold exactly one NAME.txt per entry of `texts` (earlier .txt files removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
