#!/usr/bin/env python3
"""Reproduces which rows of a weakly labelled set the team read (the selection, not the labels), for the sets read
by disagreement: every row where the detector's verdict differs from the weak label, and a seeded random sample of
the rows where they agree.

    rejection classify -i ../shared/data/refusals/gptfuzz_evaluate_weak.jsonl -o scores.jsonl
    python3 data/labels/select_disagreements.py ../shared/data/refusals/gptfuzz_evaluate_weak.jsonl scores.jsonl

prints the counts and writes candidates.json with the ids per reason: disagreement (label 1 and not flagged, or
label 0 and flagged, at threshold 0.5), random (100 of the agreeing rows, random.Random(17).sample in file order).
"""
import json
import random
import sys
from pathlib import Path

THRESHOLD = 0.5
SAMPLE = 100
SEED = 17


def read_jsonl(path, fields):
    """The rows of a JSON-lines file, each checked to hold the given fields."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding='utf-8').splitlines(), start=1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{path}:{n}: not JSON ({e.msg})")
        missing = [f for f in fields if f not in row]
        if missing:
            sys.exit(f"{path}:{n}: no field '{missing[0]}'")
        rows.append(row)
    return rows


def select(data_rows, scores):
    """(disagreement ids, random ids), both in file order of data_rows."""
    disagree, agree = [], []
    for row in data_rows:
        if row['label'] not in (0, 1):
            raise ValueError(f"{row['id']}: label must be 0 or 1, got {row['label']!r}")
        flagged = scores[row['id']] > THRESHOLD
        (disagree if flagged != (row['label'] == 1) else agree).append(row['id'])
    return disagree, random.Random(SEED).sample(agree, min(SAMPLE, len(agree)))


def main(data_path, scores_path, out='candidates.json'):
    data_rows = read_jsonl(data_path, ('id', 'label'))
    scores = {row['id']: row['score'] for row in read_jsonl(scores_path, ('id', 'score'))}
    missing = [r['id'] for r in data_rows if r['id'] not in scores]
    if missing:
        sys.exit(f"{scores_path}: no score for {len(missing)} rows of {data_path}, e.g. {missing[0]}")
    disagree, sample = select(data_rows, scores)
    Path(out).write_text(json.dumps({'disagreement': disagree, 'random': sample}))
    print(f"disagreement {len(disagree)}, agree {len(data_rows) - len(disagree)}, random {len(sample)} -> {out}")


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
