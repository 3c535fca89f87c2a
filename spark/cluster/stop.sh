#!/usr/bin/env bash
# Stops the cluster that start.sh started in DIR, by the PIDs it recorded: first each worker's executors (its child
# JVMs), then the workers, then the master; TERM, and KILL for whatever is still there after 10 seconds. Safe to
# run twice, and on a half-started cluster.
set -uo pipefail

dir="${1:?usage: stop.sh DIR}"
[[ -d "$dir/pids" ]] || exit 0

pids=()
for file in "$dir"/pids/worker*.pid "$dir"/pids/master.pid; do
  [[ -f "$file" ]] || continue
  pid="$(cat "$file")"
  # the worker's executors, found by their parent PID before the worker goes
  for child in $(pgrep -P "$pid" 2>/dev/null); do pids+=("$child"); done
  pids+=("$pid")
done

for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
for ((i = 0; i < 50; i++)); do
  alive=()
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  ((${#alive[@]} == 0)) && break
  sleep 0.2
done
for pid in "${alive[@]}"; do
  echo "stop.sh: $pid did not stop on TERM; killing it" >&2
  kill -KILL "$pid" 2>/dev/null
done
rm -rf "$dir/pids"
