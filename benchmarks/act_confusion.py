"""The acts kg gives against an act gold, as a confusion matrix, matched exactly as the scorer does.

    python benchmarks/act_confusion.py --graph g.nq [--shared ../shared] [--examples 3]

Reads the graph's statements with ../shared/eval/score.py's own loader, pairs them with the gold
statements of PolNeAR-train (`corpora/polnear-train`, with the act annotations of
`eval/gold/targets-polnear-train`) by the scorer's lenient matching (span token F1 >= 0.5, right
speaker), and prints a Markdown table: one row per gold act, one column per act kg gave. A gold
statement with acceptable alternatives counts as right when kg gives any of them (the diagonal
holds those). A measuring tool only: kg itself never reads gold.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTS = ("Criticize", "Defend", "Apologize", "Demand", "Praise", "Explain", "Report")


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["score"] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, required=True, help="the graph as N-Quads (kg export)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--examples", type=int, default=0, help="print this many wrong statements per cell")
    a = parser.parse_args(argv)
    if not (a.shared / "eval" / "score.py").is_file():
        print(f"act_confusion.py: no scorer at {a.shared / 'eval' / 'score.py'}", file=sys.stderr)
        return 2
    score = load_scorer(a.shared)
    golds, texts, _ = score.load_brat_gold(a.shared / "corpora" / "polnear-train")
    score.attach_targets(golds, a.shared / "eval" / "gold" / "targets-polnear-train")
    preds, _ = score.load_graph_preds([a.graph])
    pairs = score.score(golds, preds, texts, None, strict=False)["pairs"]
    cells: Counter = Counter()
    wrong = defaultdict(list)
    for g, p in pairs:
        if not g.acts or g.optional:
            continue
        gold, act = g.acts[0].capitalize(), p.act.capitalize()  # the scorer keeps acts in lower case
        given = gold if p.act in g.acts else act
        cells[(gold, given)] += 1
        if p.act not in g.acts:
            wrong[(gold, act)].append(texts[g.doc][g.spans[0][0]:g.spans[0][1]][:100])
    total = sum(cells.values())
    right = sum(n for (gold, given), n in cells.items() if gold == given)
    print(f"act accuracy {right / total:.3f} of {total} statements matched with the right speaker\n")
    print("| gold \\ kg | " + " | ".join(ACTS) + " | total |")
    print("|---" * (len(ACTS) + 2) + "|")
    for gold in ACTS:
        row = [cells[(gold, given)] for given in ACTS]
        if sum(row):
            print(f"| {gold} | " + " | ".join(str(n) for n in row) + f" | {sum(row)} |")
    if a.examples:
        for (gold, given), texts_ in sorted(wrong.items(), key=lambda kv: -len(kv[1])):
            print(f"\n{gold} given as {given} ({len(texts_)}):")
            for t in texts_[:a.examples]:
                print(f"    {t!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
