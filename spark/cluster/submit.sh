#!/usr/bin/env bash
# `spark-submit` without a Spark download: runs Spark's own SparkSubmit class (spark-core, from the local Maven
# repository) with the arguments given, in client mode, as a Spark distribution's bin/spark-submit does (its
# launcher only adds the JVM flags below and -Xmx from --driver-memory). So
#
#   spark/cluster/submit.sh --master spark://127.0.0.1:PORT --class dev.rejection.spark.SparkScoreJob \
#       spark/target/rejection-spark.jar --input ... --output ... --ship-model --model DIR
#
# runs exactly what `spark-submit` with the same arguments would. The driver logs warnings, plus each task's start
# and loss (TaskSetManager), which is where retries show (DRIVER_MEMORY: its -Xmx, 1g by default).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launch="$here/../target/launch"
if [[ ! -f "$launch/spark-classpath.txt" ]]; then
  echo "submit.sh: $launch/spark-classpath.txt is missing; build first: mvn -B -DskipTests -pl spark -am package" >&2
  exit 2
fi
if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2046 # the flags Spark needs on Java 17+ (--add-opens ...), one word each
exec "$java" -Xmx"${DRIVER_MEMORY:-1g}" $(cat "$launch/jvm-flags.txt") \
  -Dlog4j2.configurationFile="$here/log4j2-driver.properties" \
  -cp "$(cat "$launch/spark-classpath.txt")" org.apache.spark.deploy.SparkSubmit "$@"
