#!/usr/bin/env bash
# Throughput and p50/p99 latency of `rejection serve` at 1, 8 and 64 concurrent clients, batching on and off,
# on loopback. Usage: server/bench/run.sh MODEL_DIR|default [SECONDS_PER_RUN] [REPEATS]
# e.g.  ./rejection dev standin --size distilroberta --out /tmp/distil && server/bench/run.sh /tmp/distil 10 3
#       server/bench/run.sh default 10 3      # the embedded default detector
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${1:?usage: run.sh MODEL_DIR|default [SECONDS] [REPEATS]}"
seconds="${2:-10}"
repeats="${3:-3}"
port="${PORT:-18080}"
gen="$root/server/src/test/java/dev/rejection/server/LoadGenerator.java"

model_option=(--model "$model")
[[ "$model" == default ]] && model_option=()

run_config() { # name, serve options...
  local name="$1"; shift
  JAVA_OPTS="-Dorg.slf4j.simpleLogger.log.dev.rejection.server.access=warn" \
    "$root/rejection" serve ${model_option[@]+"${model_option[@]}"} --port "$port" --queue-size 1024 "$@" 2>"/tmp/rejection-bench-$name.log" &
  local pid=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "### batching $name ($*); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java "$gen" "http://127.0.0.1:$port" 1,8,64 "$seconds" "$repeats"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill -TERM "$pid"; wait "$pid" || true
}

run_config on --max-batch-size 32 --max-wait-ms 2
run_config off --max-batch-size 1 --max-wait-ms 0
