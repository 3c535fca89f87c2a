#!/usr/bin/env bash
# Starts a Spark standalone cluster on this machine, on loopback only: one master and WORKERS workers, each a JVM of
# its own, run from Spark's jars in the local Maven repository (spark/target/launch/spark-classpath.txt, written by
# `mvn -pl spark -am package`). Each worker has its own work, local (shuffle, shipped files) and temp directories
# under DIR, and its executors inherit them; none of them is given any model: a job ships its own.
#
#   spark/cluster/start.sh DIR          prints the master URL (also in DIR/master-url) once every worker registered
#   spark/cluster/stop.sh DIR           stops what this started, by PID
#
# Settings (environment): WORKERS (2), WORKER_CORES (1), WORKER_MEMORY (1g: what the worker lends its executors'
# heaps; ONNX Runtime's memory is native, outside it), OWNER_PID (if set, the cluster is stopped when that process
# ends, so that a killed test leaves no JVMs behind), START_TIMEOUT seconds (120).
# On any failure to start, everything started so far is stopped again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launch="$here/../target/launch"
dir="${1:?usage: start.sh DIR}"
workers="${WORKERS:-2}"
timeout="${START_TIMEOUT:-120}"

if [[ ! -f "$launch/spark-classpath.txt" || ! -f "$launch/jvm-flags.txt" ]]; then
  echo "start.sh: $launch/spark-classpath.txt is missing; build first: mvn -B -DskipTests -pl spark -am package" >&2
  exit 2
fi
if [[ -e "$dir/pids" ]]; then
  echo "start.sh: $dir/pids exists: a cluster may be running there; stop it first with stop.sh $dir" >&2
  exit 2
fi
mkdir -p "$dir/pids" "$dir/logs"
dir="$(cd "$dir" && pwd)"

if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi

# a SPARK_HOME as a Spark distribution lays it out: the worker builds each executor's classpath from its jars/
home="$dir/spark-home"
mkdir -p "$home/jars"
tr ':' '\n' < "$launch/spark-classpath.txt" | while read -r jar; do
  [[ -n "$jar" ]] && ln -sf "$jar" "$home/jars/"
done

export SPARK_HOME="$home"
# the worker's command builder asks for it; without it, it looks for a source build (launcher/target/scala-*)
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1   # every server socket (RPC, block manager, web UIs) binds to loopback only
export SPARK_NO_DAEMONIZE=1
# shellcheck disable=SC2207 # the flags Spark needs on Java 17+, one word each
flags=($(cat "$launch/jvm-flags.txt"))

failed() {
  echo "start.sh: $1; stopping what was started (logs: $dir/logs)" >&2
  "$here/stop.sh" "$dir" >&2 || true
  exit 1
}
trap 'failed "interrupted"' INT TERM
trap 'failed "an unexpected error (line $LINENO)"' ERR

# waits until FILE has a line matching PATTERN, or fails
await() {
  local file="$1" pattern="$2" what="$3" pid="$4"
  for ((i = 0; i < timeout * 5; i++)); do
    if grep -q -E "$pattern" "$file" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || failed "$what exited (see $file)"
    sleep 0.2
  done
  failed "$what did not get ready in ${timeout}s (see $file)"
}

# no REST submission server: it would take the fixed port 6066, and jobs here come through spark-submit
"$java" -Xmx256m "${flags[@]}" -Dspark.master.rest.enabled=false -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 0 --webui-port 0 > "$dir/logs/master.log" 2>&1 &
echo $! > "$dir/pids/master.pid"
await "$dir/logs/master.log" "Starting Spark master at spark://" "the master" "$!"
await "$dir/logs/master.log" "New state: ALIVE" "the master" "$(cat "$dir/pids/master.pid")"
url="$(grep -o -m1 'spark://127\.0\.0\.1:[0-9]*' "$dir/logs/master.log")"

for ((n = 1; n <= workers; n++)); do
  w="$dir/worker$n"
  mkdir -p "$w/work" "$w/local" "$w/tmp"
  # SPARK_LOCAL_DIRS and the temp dir reach the executors through the environment they inherit from their worker
  SPARK_LOCAL_DIRS="$w/local" JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$w/tmp" \
    "$java" -Xmx256m "${flags[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --port 0 --webui-port 0 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-1g}" \
    --work-dir "$w/work" "$url" > "$dir/logs/worker$n.log" 2>&1 &
  echo $! > "$dir/pids/worker$n.pid"
done
for ((n = 1; n <= workers; n++)); do
  await "$dir/logs/worker$n.log" "Successfully registered with master" "worker $n" "$(cat "$dir/pids/worker$n.pid")"
done

if [[ -n "${OWNER_PID:-}" ]]; then
  # a watchdog in its own session, so that it outlives this script and the owner's process group
  setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -e "$2/pids" ]]; do sleep 2; done; "$3" "$2"' \
    watchdog "$OWNER_PID" "$dir" "$here/stop.sh" > "$dir/logs/watchdog.log" 2>&1 < /dev/null &
fi

trap - ERR INT TERM
echo "$url" > "$dir/master-url"
echo "$url"
