"""Run ../shared/eval/score.py unchanged, with Oxigraph instead of rdflib evaluating its queries (run by hand).

    python benchmarks/score_oxigraph.py brat --corpus ../shared/corpora/polnear-train --graph g.nq

score.py reads the graph with rdflib; its evidence query runs for hours on a corpus of PolNeAR's
size (rdflib evaluates each OPTIONAL without dates by scanning every date triple). This script
swaps `rdflib.Dataset` for a small stand-in over a pyoxigraph store that answers the same queries
with the same rows, then calls score.py's own main(): the matching and the figures are the
scorer's. On the seeds and on a 40-article PolNeAR subset its output equals score.py's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import rdflib

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval"
FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE,
           "trig": ox.RdfFormat.TRIG}


class OxigraphDataset:
    """What score.py uses of rdflib.Dataset: parse() a file, query() rows of plain values."""

    def __init__(self, default_union: bool = True):
        self.store = ox.Store()

    def parse(self, path, format: str = "turtle") -> None:
        if format not in FORMATS:
            sys.exit(f"score_oxigraph.py reads N-Quads, N-Triples, Turtle or TriG, not {format}")
        self.store.bulk_load(path=str(path), format=FORMATS[format])

    def query(self, query: str) -> list[tuple]:
        result = self.store.query(query, use_default_graph_as_union=True)
        width = len(result.variables)
        # score.py applies str() and int() to each value: plain strings give what rdflib terms give
        return [tuple(None if row[i] is None else row[i].value for i in range(width)) for row in result]


def main() -> None:
    sys.path.insert(0, str(SCORER))
    import score

    rdflib.Dataset = OxigraphDataset
    score.main(sys.argv[1:])


if __name__ == "__main__":
    main()
