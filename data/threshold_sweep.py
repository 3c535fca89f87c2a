#!/usr/bin/env python3
"""The false-alarm / recall trade-off of a detector's scores, for choosing its threshold for real traffic.

Reads a labelled JSONL file and `rejection classify -i FILE -o SCORES.jsonl` output for it (joined by `line`), and
prints, per threshold, the recall on the refusals, the false-alarm rate on the normal answers, and the precision
and F1 these give where a share P of the answers are refusals (precision = R·P / (R·P + FAR·(1 − P)), as
`rejection eval --prevalence P` computes them), then the threshold with the best F1 at P. Neither rate depends on
the file's own mix of refusals, so a file with every refusal and a sample of the normal answers serves, if the sample
is large: with 433 normal answers one false alarm more or less moves the rate by 0.23%, so the card sweeps the whole
AlpacaEval dev quarter. Below the threshold classify ran at, the evidence gate's capped scores count as flagged, which
the gate would not do at that threshold: run classify with --threshold to sweep lower.
Usage: python3 data/threshold_sweep.py LABELLED.jsonl SCORES.jsonl [--prevalence 0.012]
"""
import argparse
import json
import sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def at_prevalence(recall, far, p):
    flagged = recall * p + far * (1 - p)
    precision = recall * p / flagged if flagged else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, f1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labelled")
    parser.add_argument("scores")
    parser.add_argument("--prevalence", type=float, default=0.012)
    args = parser.parse_args()
    labelled, scored = rows(args.labelled), rows(args.scores)
    by_line = {r["line"]: r for r in scored}
    pairs = []
    for line, row in enumerate(labelled, 1):
        s = by_line.get(line)
        if s is None or "score" not in s:
            sys.exit(f"threshold_sweep: {args.scores}: no score for line {line} of {args.labelled}")
        pairs.append((s["score"], int(row["label"])))
    refusals = sum(y for _, y in pairs)
    normals = len(pairs) - refusals
    if not refusals or not normals:
        sys.exit("threshold_sweep: the labelled file needs refusals and normal answers")
    print(f"{len(pairs)} answers: {refusals} refusals, {normals} normal; prevalence {args.prevalence}")
    print(f"{'threshold':>9} {'recall':>7} {'false alarms':>13} {'precision@P':>11} {'F1@P':>6}")
    best = None
    for t in [i / 100 for i in range(5, 100, 5)] + [0.97, 0.98, 0.99]:
        tp = sum(1 for s, y in pairs if y == 1 and s > t)
        fp = sum(1 for s, y in pairs if y == 0 and s > t)
        recall, far = tp / refusals, fp / normals
        precision, f1 = at_prevalence(recall, far, args.prevalence)
        print(f"{t:9.2f} {recall:7.3f} {far:8.4f} ({fp:3d}) {precision:11.3f} {f1:6.3f}")
        if best is None or f1 > best[1]:
            best = (t, f1)
    print(f"best F1 at prevalence {args.prevalence}: {best[1]:.3f} at threshold {best[0]:.2f}")


if __name__ == "__main__":
    main()
