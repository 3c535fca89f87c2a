#!/usr/bin/env python3
"""The leave-family-out table (MODEL_CARD.md) from one or more runs of data/leave-family-out.sh.

Each WORK folder holds a run's eval-heldout.json (`rejection eval --group-by family` on the held-out families' answers),
eval-team-dev.json and eval-alpaca-dev.json. Prints a markdown row per held-out family and one for each run's families
together; with several runs, one more row pools them: their counts added, each rate with its 95% Wilson interval, and
F1 as the average of the runs' own (each run's F1 is at its families' mix of refusals, so pooling the counts would
weigh the runs by their share of refusals instead).

Usage: python3 data/lofo_table.py WORK [WORK...]
   e.g. python3 data/lofo_table.py target/leave-out/Claude+Mistral target/leave-out/Falcon+Qwen+Gemma
"""
import json
import math
import sys
from pathlib import Path

Z_95 = 1.959963984540054  # the normal quantile of 0.975: the Wilson interval rejection eval gives (Proportion.wilson)


# what the table reads of each eval result (the whole set's and each group's)
FIELDS = ("tp", "fp", "tn", "fn", "f1", "recall", "false_alarm_rate")


def wilson(count, n, z=Z_95):
    """The Wilson score interval (low, high) of count successes in n trials; None when n is 0."""
    if n == 0:
        return None
    p = count / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = (centre - spread) / (1 + z * z / n), (centre + spread) / (1 + z * z / n)
    # exact at the ends (the formula gives them up to rounding, which would print as -0.00%)
    return (0.0 if count == 0 else max(0.0, low)), (1.0 if count == n else min(1.0, high))


def interval(bounds, digits):
    return f"{bounds[0]:.{digits}%}-{bounds[1]:.{digits}%}" if bounds else "n/a"


def rate(count, n, digits):
    """'count (share; low-high)' with the share's Wilson interval."""
    share = f"{count / n:.{digits}%}" if n else "n/a"
    return f"{count} ({share}; {interval(wilson(count, n), digits)})"


def load(work, name):
    path = Path(work) / f"eval-{name}.json"
    try:
        with open(path, encoding="utf-8") as f:
            result = json.load(f)
    except OSError as e:
        raise SystemExit(f"lofo_table: {path}: {e.strerror} (run data/leave-family-out.sh first)")
    except json.JSONDecodeError as e:
        raise SystemExit(f"lofo_table: {path}: line {e.lineno}: not JSON ({e.msg})")
    groups = result.get("by_group") if isinstance(result, dict) else None
    for where, g in [("", result)] + [(f"by_group.{k}.", v) for k, v in (groups or {}).items()]:
        missing = [key for key in FIELDS if not isinstance(g, dict) or key not in g]
        if missing:
            raise SystemExit(f"lofo_table: {path}: no field {where}{missing[0]} (not rejection eval --format json?)")
    return result


def row(name, g, team_dev_f1="", alpaca_dev=""):
    """One table row from an eval result (the whole set or one group)."""
    at = g.get("at_prevalence") or {}
    cell = lambda key: f"{at[key]:.3f}" if key in at else "n/a"
    normals, refusals = g["fp"] + g["tn"], g["tp"] + g["fn"]
    return (f"| {name} | {normals} | {rate(g['fp'], normals, 2)} | {refusals} | {rate(g['tp'], refusals, 1)} "
            f"| {cell('precision')} | {cell('f1')} | {g['f1']:.3f} | {team_dev_f1} | {alpaca_dev} |")


def table(works):
    """The table's lines for the runs in works."""
    lines = ["| families left out | normals | false alarms (95% interval) | refusals | found (95% interval) "
             "| precision at 1.2% | F1 at 1.2% | F1 (their own mix) | team dev F1 "
             "| AlpacaEval dev quarter (families trained on): false alarms / recall |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    runs = []
    for work in works:
        held, dev, alpaca = load(work, "heldout"), load(work, "team-dev"), load(work, "alpaca-dev")
        groups = held.get("by_group") or {}
        for family in sorted(groups):
            lines.append(row(family, groups[family]))
        together = " + ".join(sorted(groups)) or Path(work).name
        lines.append(row(f"**{together}**", held, f"{dev['f1']:.3f}",
                         f"{alpaca['false_alarm_rate']:.2%} / {alpaca['recall']:.1%}"))
        runs.append(held)
    if len(runs) > 1:
        fp, tn = sum(r["fp"] for r in runs), sum(r["tn"] for r in runs)
        tp, fn = sum(r["tp"] for r in runs), sum(r["fn"] for r in runs)
        f1s = "; ".join(f"{r['f1']:.3f}" for r in runs)
        lines.append(f"| **all {len(runs)} runs** | {fp + tn} | {rate(fp, fp + tn, 2)} | {tp + fn} "
                     f"| {rate(tp, tp + fn, 1)} | | | {sum(r['f1'] for r in runs) / len(runs):.3f} (average of "
                     f"{f1s}) | | |")
    return lines


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__.split("\n\n")[-1], end="", file=sys.stderr)
        sys.exit(2)
    print("\n".join(table(sys.argv[1:])))
