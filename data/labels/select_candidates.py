#!/usr/bin/env python3
"""Reproduces which AlpacaEval rows the team read for data/labels/alpaca_eval.jsonl (the selection, not the labels).

    rejection classify -i ../shared/data/wild/alpaca_eval_answers_weak.jsonl -o scores.jsonl
    python3 data/labels/select_candidates.py scores.jsonl

prints the counts and writes candidates.json with the ids per reason: flagged (score > 0.5), phrase (caught by the
screen below and not flagged), random (200 of the rest, random.Random(17).sample in file order).
"""
import json, random, re, sys
from pathlib import Path

# Weak, topical patterns: counted only near the start or end of long answers, anywhere in short ones.
PAT=[r"apolog", r"sorry", r"\bI cannot\b", r"\bI can ?not\b", r"\bI can[’']t\b", r"\bI am not able\b", r"\bI[’']m not able\b",
 r"\bunable to\b", r"\bas an AI\b", r"\bas an artificial", r"language model", r"\bI don[’']t have\b", r"\bI do not have\b",
 r"real[- ]time", r"\bopinion", r"not comfortable", r"\bI won[’']t\b", r"\bI will not\b", r"\binstead\b", r"\bI[’']m just an AI",
 r"\bI am just an AI", r"\bAI assistant\b", r"\bcannot (provide|help|assist|fulfill|answer|create|write|generate|give|access|browse|predict|comply|engage|determine|make|say|tell|know|offer|recommend)",
 r"\bcan[’']t (provide|help|assist|fulfill|answer|create|write|generate|give|access|browse|predict|comply|engage|determine|make|say|tell|know|offer|recommend)",
 r"\bnot (appropriate|ethical|possible for me)", r"\binappropriate\b", r"\bI must (decline|respectfully|point out|clarify)", r"\bdecline\b",
 r"\bI[’']m not (sure|a|an|qualified|capable)", r"\bI am not (a|an|qualified|capable)", r"\bpersonal (feelings|experiences|beliefs|preferences)",
 r"\bI don[’']t (know|feel|think I can)", r"\bconsult (a|with|an)\b", r"\bdo not (feel|know)\b", r"\bnot able to\b",
 r"\bknowledge cutoff\b", r"\bcutoff\b", r"\bbrowse\b", r"\binternet access\b", r"\baccess to (the internet|real|current|external|personal)",
 r"\bharmful\b", r"\boffensive\b", r"\bunethical\b", r"\billegal\b", r"\bagainst (my|the) ", r"\bguidelines\b", r"\bpolic(y|ies)\b",
 r"\bmore (information|context|details)\b", r"\bclarif", r"\bplease provide\b", r"\bcould you (please )?provide\b", r"\bI need more\b",
 r"\bno answer\b", r"\bnot (enough|sufficient) information\b", r"\bfeelings\b", r"\bemotions\b", r"\bconsciousness\b", r"\bsentien",
 r"\bI[’']m afraid\b", r"\bUnfortunately\b", r"\bnot (a )?(doctor|lawyer|financial)", r"\bprofessional\b.*\badvice\b",
 r"\bmisconception\b", r"\bfalse premise\b", r"\bactually\b.*\bnot\b", r"\bthere is no\b", r"\bit is not (accurate|fair|correct)", r"\bit[’']s not (accurate|fair|correct)",
 r"\bstereotyp", r"\bI do not feel\b", r"\bnot programmed\b", r"\bI[’']m programmed\b", r"\bmy programming\b", r"\bprivacy\b",
 r"\bcopyright", r"\bpredict the future\b", r"\bcrystal ball\b", r"\bspeculat", r"\bsubjective\b", r"\bneutral\b",
]

# Strong, first-person patterns: counted anywhere.
STRONG=[r"apolog", r"sorry", r"\bI cannot\b", r"\bI can ?not\b", r"\bI can[’']t\b", r"\bI am not able\b", r"\bI[’']m not able\b",
 r"\bunable to\b", r"\bas an AI\b", r"\bas an artificial", r"\b(I am|I[’']m) (just |only )?(an|a) (AI|artificial|language|computer|machine|virtual|text)", r"\bAI (language )?model\b", r"\bI don[’']t have\b", r"\bI do not have\b",
 r"real[- ]time", r"\b(my|personal|an?) opinion", r"not comfortable", r"\bI won[’']t\b", r"\bI will not\b", r"\bI must (decline|respectfully|point out|clarify)", r"\bdecline\b",
 r"\bI[’']m not (sure|qualified|capable|allowed|permitted|programmed)", r"\bI am not (sure|qualified|capable|allowed|permitted|programmed)", r"\bpersonal (feelings|experiences|beliefs|preferences|opinions)",
 r"\bI don[’']t (know|feel|think I can)", r"\bI do not (feel|know)\b", r"\bnot able to\b", r"\bknowledge cut-?off\b", r"\bmy (training|knowledge|programming|data)\b",
 r"\bbrowse\b", r"\binternet access\b", r"\baccess to (the internet|real|current|external|personal|live|up-to-date)", r"\bI[’']m afraid\b", r"\bnot (appropriate|ethical|possible for me)",
 r"\bnot enough (information|context)\b", r"\bfalse premise\b", r"\bI need more\b", r"\bpredict the future\b", r"\bI[’']m not (a|an) (doctor|lawyer|financial|medical|legal)",
 r"\bagainst my\b", r"\bI must (inform|note|emphasize|clarify|stress)", r"\bI[’']d (rather|prefer) not\b", r"\bI (would|will) rather not\b", r"\bnot (able|going) to (provide|help|write|create|answer)"]

STRONG_RX = re.compile("|".join("(?:%s)" % p for p in STRONG), re.I)
WEAK_RX = re.compile("|".join("(?:%s)" % p for p in PAT), re.I)


def caught(text):
    if STRONG_RX.search(text):
        return True
    if len(text) < 600:
        return bool(WEAK_RX.search(text))
    return bool(WEAK_RX.search(text[:400]) or WEAK_RX.search(text[-300:]))


def main(scores_path, data_path='../shared/data/wild/alpaca_eval_answers_weak.jsonl', out='candidates.json'):
    scores = {}
    for n, line in enumerate(Path(scores_path).read_text().splitlines(), start=1):
        row = json.loads(line)
        if 'id' not in row or 'score' not in row:
            sys.exit(f"{scores_path}:{n}: a classify output line needs 'id' and 'score'")
        scores[row['id']] = row['score']
    rows = [json.loads(l) for l in Path(data_path).read_text().splitlines()]
    missing = [r['id'] for r in rows if r['id'] not in scores]
    if missing:
        sys.exit(f"{scores_path}: no score for {len(missing)} rows, e.g. {missing[0]}")
    flagged = [r['id'] for r in rows if scores[r['id']] > 0.5]
    phrase = [r['id'] for r in rows if scores[r['id']] <= 0.5 and caught(r['text'])]
    rest = [r['id'] for r in rows if scores[r['id']] <= 0.5 and not caught(r['text'])]
    sample = random.Random(17).sample(rest, 200)
    Path(out).write_text(json.dumps({'flagged': flagged, 'phrase': phrase, 'random': sample}))
    print(f"flagged {len(flagged)}, phrase {len(phrase)}, rest {len(rest)}, random {len(sample)} -> {out}")


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(*sys.argv[1:])
