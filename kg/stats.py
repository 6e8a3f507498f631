"""Counts of what a store holds, for build summaries."""

from __future__ import annotations

from pathlib import Path

from .store import open_read
from .vocab import sparql_prologue

COUNTS = sparql_prologue() + """
SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?type .
  VALUES ?type { nkg:Statement nkg:Fact nkg:UnnamedSource schema:Person schema:Organization
                 schema:CreativeWork schema:Event schema:Place }
} GROUP BY ?type
"""


def graph_counts(store_root: Path) -> dict:
    """Statements, facts and entities by type in the live graph."""
    store = open_read(store_root)
    by_type = {}
    for row in store.query(COUNTS, use_default_graph_as_union=True):
        by_type[row["type"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]] = int(row["n"].value)
    return {
        "statements": by_type.pop("Statement", 0),
        "facts": by_type.pop("Fact", 0),
        "entities": by_type,
    }
