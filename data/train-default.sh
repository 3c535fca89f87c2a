#!/usr/bin/env bash
# Retrains the embedded default detector and installs it into the default-model module's resources. Version 2 continues
# from version 1 (all-MiniLM-L6-v2 fine-tuned on the team corpus, GPTFuzz and ChatGPT answers; int8, as committed in
# 84e3bac), read back to float, and fine-tunes it on what is new: AlpacaEval answers of many LLMs with the team's labels
# (data/labels), JailbreakBench answers, the team's hand-written answers (data/corpus/team_answers.jsonl), and
# windows of long answers with a refusal inside, with a sample of version 1's data replayed so that it is not
# forgotten, once per seed (42 and 43), averaging the two; then quantizes to int8, its MatMul inputs smoothed first
# (checked against float).
# data/training_set.py builds the training and measurement files under target/; the model families in HOLD_OUT
# (default: none; data/leave-family-out.sh sets it) are left out of training, so that their answers measure the model
# from outside (data/families.tsv). Version 1 saw GPT, Llama-2 and Vicuna answers (GPTFuzz, ChatGPT): those
# families cannot be held out from this base. The installed config.json asks for the evidence gate.
# Needs ../shared/data beside the repository and the git history (for version 1).
# 10-25 minutes of training on 2 idle cores per seed (10,056 texts of up to 128 tokens, ~1,000-1,500 training
# tokens/s); the data's sizes (TEAM, GPTFUZZ, CHATGPT, READ_NORMALS, ALPACA_UNREAD, JBB, LONG_WINDOWS;
# training_set.py's defaults are the recipe's), SEEDS, SMOOTH, KEEP_FLOAT, EPOCHS, MAX_LENGTH, LR, PROMPTS, PROMPT_SHARE,
# TEAM_COPIES (how many times each hand-written training answer appears; default 1), REFUSAL_COPIES (the same for
# the AlpacaEval refusals the team found), WINDOW_ENDINGS (the percentage of normal long-answer windows that end with
# an answer's closing paragraph after the text before it, as the refusal windows end with a refusal, instead of
# coming from its middle; default 0) and TEAM_COLLECTIONS (which collections of hand-written answers, by id prefix;
# training_set.py's default reads all three, team2,team3,team4, since version 3.4; see data/corpus/DATASHEET.md)
# change the run.
# Usage: data/train-default.sh [WORK_DIR] [--no-install]     WORK_DIR defaults to target/default-detector
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED_DIR:-$root/../shared}/data"
[ -d "$shared/refusals" ] || { echo "train-default: $shared/refusals not found (the shared data folder)" >&2; exit 2; }
work="${1:-$root/target/default-detector}"
install_it=yes
[ "${2:-}" = --no-install ] && install_it=no
resources="$root/default-model/src/main/resources/dev/rejection/default"
v1=84e3bac # the commit that installed version 1
# the command to run: the launcher, or a copy of the jar that a rebuild during the run cannot touch, run as
# REJECTION="java --add-modules jdk.incubator.vector -jar JAR" (train --full needs the module; the launcher adds it)
read -r -a rejection <<< "${REJECTION:-$root/rejection}"
read -r -a hold_out <<< "${HOLD_OUT-}"
for family in "${hold_out[@]}"; do
  case "$family" in GPT|Llama|Vicuna)
    echo "train-default: version 1 was trained on $family answers; it cannot be held out from this base" >&2; exit 2;;
  esac
done

# the base: version 1 as committed (int8; the fine-tuner reads it back to float), with its config and tokenizer
mkdir -p "$work/base-v1/onnx"
for f in config.json tokenizer.json tokenizer_config.json onnx/model.onnx; do
  # (in core/ at that commit; the default-model module holds it since)
  git -C "$root" show "$v1:core/src/main/resources/dev/rejection/default/$f" > "$work/base-v1/$f"
done

# the recipe's sizes are training_set.py's defaults; a variable set here changes one
python3 "$root/data/training_set.py" --out "$work/data" --shared "$shared" "${hold_out[@]/#/--hold-out=}" \
  ${TEAM:+--team "$TEAM"} ${GPTFUZZ:+--gptfuzz "$GPTFUZZ"} ${CHATGPT:+--chatgpt "$CHATGPT"} \
  ${READ_NORMALS:+--read-normals "$READ_NORMALS"} ${ALPACA_UNREAD:+--alpaca-normals "$ALPACA_UNREAD"} \
  ${JBB:+--jbb "$JBB"} ${LONG_WINDOWS:+--long-windows "$LONG_WINDOWS"} ${PROMPT_SHARE:+--prompt-share "$PROMPT_SHARE"} \
  ${TEAM_COPIES:+--team-answers-copies "$TEAM_COPIES"} ${REFUSAL_COPIES:+--alpaca-refusal-copies "$REFUSAL_COPIES"} \
  ${WINDOW_ENDINGS:+--window-endings "$WINDOW_ENDINGS"} ${TEAM_COLLECTIONS:+--team-collections "$TEAM_COLLECTIONS"}

# one fine-tuning per seed in SEEDS, each skipped when the same data, base and settings already gave it; with more
# than one seed the model is their weight average (rejection average), which depends less on any one seed
# PROMPTS=1 trains on (prompt, answer) pairs where the row keeps its prompt (PROMPT_SHARE percent of them)
prompt_flags=()
[ "${PROMPTS:-0}" = 1 ] && prompt_flags=(--prompt-field prompt)
read -r -a seeds <<< "${SEEDS:-42 43}"
[ ${#seeds[@]} -ge 1 ] || { echo "train-default: SEEDS names no seed" >&2; exit 2; }
data_stamp="$(cat "$work/data/train.jsonl" "$work/data/dev-sample.jsonl" "$work/base-v1/onnx/model.onnx" \
  | sha256sum | cut -c1-16)"
runs=()
for seed in "${seeds[@]}"; do
  run="$work/finetuned-$seed"
  stamp="$data_stamp max_length=${MAX_LENGTH:-128} epochs=${EPOCHS:-1} lr=${LR:-5e-5} batch=16 seed=$seed ${prompt_flags[*]-}"
  if [ -f "$run/onnx/model.onnx" ] && [ "$(cat "$run/stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "train-default: $run is up to date" >&2
  else
    rm -rf "$run"
    "${rejection[@]}" train --full --base "$work/base-v1/onnx/model.onnx" --data "$work/data/train.jsonl" \
      --dev "$work/data/dev-sample.jsonl" --max-length "${MAX_LENGTH:-128}" --epochs "${EPOCHS:-1}" \
      --lr "${LR:-5e-5}" --batch-size 16 --seed "$seed" "${prompt_flags[@]}" --out "$run"
    echo "$stamp" > "$run/stamp"
  fi
  runs+=("$run")
done
finetuned="${runs[0]}"
if [ ${#runs[@]} -gt 1 ]; then
  finetuned="$work/averaged"
  rm -rf "$finetuned"
  "${rejection[@]}" average "${runs[@]}" --out "$finetuned"
fi

# int8 weights (per-channel, ORT's fused DynamicQuantizeMatMul), checked against the fp32 model on dev texts
# (QUANTIZE_FLAGS=--force writes it even when the check fails, to be measured as it is)
# SMOOTH=REGEX names the MatMuls whose inputs are smoothed first (quantize --smooth, SmoothQuant; default: all of
# them; SMOOTH= for none); KEEP_FLOAT=REGEX leaves the weights it names float (quantize --keep-float). See
# MODEL_CARD.md's int8 section.
smooth="${SMOOTH-.*}"
quantize_flags=()
[ -n "$smooth" ] && quantize_flags+=(--smooth "$smooth")
[ -n "${KEEP_FLOAT:-}" ] && quantize_flags+=(--keep-float "$KEEP_FLOAT")
rm -rf "$work/quantized" # quantize takes no other model's folder: an earlier run's may hold another config
"${rejection[@]}" quantize --model "$finetuned" --calibration "$work/data/dev-sample.jsonl" \
  --out "$work/quantized" "${quantize_flags[@]}" ${QUANTIZE_FLAGS:-}
# the model folder as it ships: the fine-tuned model's files with the int8 graph as onnx/model.onnx
rm -rf "$work/model"
mkdir -p "$work/model/onnx"
for f in config.json tokenizer.json tokenizer_config.json special_tokens_map.json; do
  [ -f "$finetuned/$f" ] && install -m 644 "$finetuned/$f" "$work/model/$f"
done
install -m 644 "$work/quantized/onnx/model_quantized.onnx" "$work/model/onnx/model.onnx"
# the default is read with the evidence gate (RefusalEvidence): its config.json asks for it
python3 - "$work/model/config.json" <<'PY'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    config = json.load(f)
config["rejection_evidence_gate"] = True
with open(path, "w", encoding="utf-8") as f:
    json.dump(config, f, indent=2)
    f.write("\n")
PY

[ "$install_it" = yes ] || { echo "train-default: the int8 model is in $work/model (--no-install)" >&2; exit 0; }
rm -rf "$resources"
cp -r "$work/model" "$resources"
echo "train-default: installed $work/model as the embedded default ($resources)" >&2
