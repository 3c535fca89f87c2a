#!/usr/bin/env bash
# Retrains the embedded default detector and installs it into core's resources.
# Needs ../shared/data/refusals beside the repository (the human-labelled data the team may train on).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
refusals="${SHARED_DIR:-$root/../shared}/data/refusals"
[ -d "$refusals" ] || { echo "train-default: $refusals not found (the shared data folder)" >&2; exit 2; }
out="${1:-$root/target/default-detector}"
"$root/rejection" train \
  --data "$root/data/corpus/team_corpus.jsonl" \
  --data "$refusals/gptfuzz_train_weak.jsonl" \
  --data "$refusals/chatgpt_refusals.jsonl" \
  --dev-where split=dev \
  --dev "$refusals/gptfuzz_evaluate_weak.jsonl" \
  --skip-if ambiguous \
  --base minilm-q --max-length 256 --opening-tokens 24 --l2 0.01 --seed 42 \
  --out "$out"
install -D -m 644 "$out/detector.json" "$root/core/src/main/resources/dev/rejection/default/detector.json"
install -D -m 644 "$out/README.md" "$root/core/src/main/resources/dev/rejection/default/README.md"
echo "train-default: installed $out/detector.json as the embedded default" >&2
