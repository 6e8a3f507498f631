"""Fit the confidence model (kg/extract/confidence.py) on a corpus with brat attribution gold.

    pip install -e ".[train]"
    python scripts/train_confidence.py ../shared/corpora/polnear-train [--out kg/data/confidence.json]

Runs kg's extractor over every article, labels each evidence span it finds right when a gold
attribution's content matches it (token F1 >= 0.5, as the lenient score counts) and its source
overlaps the span kg names as the speaker (or is a relative pronoun right after it: "Roe, who
said", or shares a word of the name kg resolves the speaker to: "Roe" ... "Jane Roe"), and fits a logistic regression on the training part. Articles whose id hashes to 0 mod 6
(one in six, about 140 of PolNeAR-train's 840) are held out: the weights are fitted without them
and the report gives the held-out precision, recall and calibration. Deterministic: the same
corpus and code give the same weights. Two cores: about four minutes, mostly spaCy's parse.

The gold is the corpus's own brat annotation (PolNeAR: Newell, Margolin and Ruths 2018); no other
gold is read. The weights file records the data it came from.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")
RELATIVES = {"who", "which", "that", "whom"}
NAME_STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "s"}  # words that name no one
MIN_FEATURE_COUNT = 5  # a cue word seen fewer times in training gets no weight of its own
PENALTIES = (0.05, 0.1, 0.2, 0.3, 0.5, 1.0)  # inverse regularisation strengths the folds choose from
BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def held_out(article_id: str) -> bool:
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 6 == 0


def read_gold(ann: Path) -> list[tuple[set[int], list[tuple[int, int]], str]]:
    """(content token starts, source spans, source text) of every attribution in a brat file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, text = (line.split("\t", 2) + ["", ""])[:3]
            kind, _, offsets = info.partition(" ")
            ranges = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[tid] = (kind, ranges, text)
        elif line.startswith("E"):
            events.append(dict(arg.split(":") for arg in line.split("\t")[1].split()[1:]))
    out = []
    for args in events:
        content = spans.get(args.get("Content", ""))
        source = spans.get(args.get("Source", ""))
        if content is None:
            continue
        for piece in content[1]:  # each piece of a discontinuous content is its own gold, as scored
            out.append(([piece], source[1] if source else [], source[2] if source else ""))
    return out


def gold_files(folder: Path) -> dict[str, Path]:
    """Article id -> its brat file (attributions/<id>_<annotator>.ann; the first annotator's)."""
    out: dict[str, Path] = {}
    for ann in sorted(folder.glob("*.ann")):
        out.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return out


def tokens(text: str, ranges) -> set[int]:
    """Start offsets of the word tokens inside `ranges` of `text`."""
    return {m.start() + a for a, b in ranges for m in WORD.finditer(text[a:b])}


def label(text: str, gold, span: tuple[int, int], speaker: tuple[int, int], speaker_name: str = "") -> int:
    predicted = tokens(text, [span])
    name_words = {w.lower() for w in WORD.findall(speaker_name)} - NAME_STOP
    if not predicted:
        return 0
    for content_ranges, source_ranges, source_text in gold:
        truth = tokens(text, content_ranges)
        overlap = len(predicted & truth)
        if not overlap or 2 * overlap / (len(predicted) + len(truth)) < 0.5:
            continue
        if any(a < speaker[1] and speaker[0] < b for a, b in source_ranges):
            return 1
        if name_words & ({w.lower() for w in WORD.findall(source_text)} - NAME_STOP):
            return 1  # the same speaker named elsewhere: "Roe" in the gold, "Jane Roe" resolved by kg
        if source_ranges and source_text.strip().lower() in RELATIVES:
            gap = text[speaker[1]:source_ranges[0][0]]
            if speaker[1] <= source_ranges[0][0] and len(gap) <= 80 and not re.search(r"[.!?]\s", gap):
                return 1
    return 0


def observations(corpus_path: Path, model: str):
    """(article id, feature dict, label) for every evidence span kg extracts from the corpus."""
    from kg import nlp as kg_nlp
    from kg.corpus import scan
    from kg.extract import extract
    from kg.extract.confidence import observing

    corpus = scan(corpus_path)
    golds = gold_files(corpus_path / "attributions")
    nlp = kg_nlp.load(model) if model else kg_nlp.load()
    articles = list(corpus.articles())
    out = []
    with observing() as seen:
        for i, (article, doc) in enumerate(zip(articles, kg_nlp.parse(nlp, [a.text for a in articles]), strict=True)):
            extract(doc, article)
            gold = read_gold(golds[article.id]) if article.id in golds else []
            for article_id, spans, speaker, _cue, speaker_name, feats in seen:
                for span in spans:
                    out.append((article_id, feats, label(article.text, gold, span, speaker, speaker_name)))
            seen.clear()
            if (i + 1) % 100 == 0:
                print(f"  extracted {i + 1} of {len(articles)} articles", file=sys.stderr)
    return out


def fit(rows):
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.model_selection import GroupKFold

    counts: dict[str, int] = defaultdict(int)
    for _, feats, _ in rows:
        for name in feats:
            counts[name] += 1
    kept = {n for n, c in counts.items() if c >= MIN_FEATURE_COUNT}
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform([{n: v for n, v in feats.items() if n in kept} for _, feats, _ in rows])
    y = [lab for *_, lab in rows]
    # the strength of the penalty is chosen by log loss over five folds of whole articles (spans of
    # one article share speakers and phrasing, so splitting an article would flatter every choice)
    groups = [article_id for article_id, *_ in rows]
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    model = LogisticRegressionCV(Cs=PENALTIES, cv=folds, scoring="neg_log_loss", max_iter=5000,
                                 solver="lbfgs", use_legacy_attributes=False)
    model.fit(x, y)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), np.ravel(model.coef_), strict=True)
               if abs(w) > 1e-6}
    print(f"penalty C={float(np.ravel(model.C_)[0])} chosen by five folds of articles", file=sys.stderr)
    return round(float(np.ravel(model.intercept_)[0]), 6), weights


def report(rows, bias: float, weights: dict[str, float], gold_total: int) -> dict:
    """Precision, share kept and calibration of the held-out rows under the fitted weights."""
    import math

    def prob(feats):
        z = bias + sum(weights.get(n, 0.0) * v for n, v in feats.items())
        return 1 / (1 + math.exp(-max(-30, min(30, z))))

    scored = [(prob(feats), lab) for _, feats, lab in rows]
    out = {"spans": len(scored), "right": sum(lab for _, lab in scored), "gold_attributions": gold_total,
           "thresholds": {}, "calibration": []}
    for t in (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9):
        kept = [lab for p, lab in scored if p >= t]
        out["thresholds"][str(t)] = {"kept": len(kept), "precision": round(sum(kept) / max(1, len(kept)), 3),
                                     "right": sum(kept)}
    for lo, hi in itertools.pairwise(BINS):
        inside = [(p, lab) for p, lab in scored if lo <= p < hi]
        if inside:
            out["calibration"].append({"from": lo, "to": min(hi, 1.0), "spans": len(inside),
                                       "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                                       "right": round(sum(lab for _, lab in inside) / len(inside), 3)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder with text/, attributions/ (brat) and metadata")
    parser.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "confidence.json")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: kg's)")
    parser.add_argument("--observations", type=Path, default=None,
                        help="keep the extracted features and labels in this file, and reuse them when it exists "
                             "(to try other fits without parsing again; delete it after changing the extractor)")
    args = parser.parse_args(argv)
    if not (args.corpus / "attributions").is_dir():
        print(f"{args.corpus}: no attributions/ folder of brat .ann files.", file=sys.stderr)
        return 2
    if args.observations and args.observations.exists():
        rows = pickle.loads(args.observations.read_bytes())
    else:
        rows = observations(args.corpus, args.model)
        if args.observations:
            args.observations.write_bytes(pickle.dumps(rows))
    train = [r for r in rows if not held_out(r[0])]
    test = [r for r in rows if held_out(r[0])]
    bias, weights = fit(train)
    gold_test = sum(len(read_gold(a)) for doc, a in gold_files(args.corpus / "attributions").items()
                    if held_out(doc))
    result = {
        "about": "Logistic model of the probability that an evidence span is reported content of its speaker "
                 "(kg/extract/confidence.py); fitted by scripts/train_confidence.py.",
        "data": f"{args.corpus.name}: {len({r[0] for r in train})} articles for fitting, "
                f"{len({r[0] for r in test})} held out (article id sha256 % 6 == 0); brat attribution gold "
                "(PolNeAR, Newell, Margolin and Ruths 2018)",
        "bias": bias,
        "weights": dict(sorted(weights.items())),
        "held_out": report(test, bias, weights, gold_test),
    }
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result["held_out"], indent=1))
    print(f"wrote {args.out}: {len(weights)} weights from {len(train)} spans", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
