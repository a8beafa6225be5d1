#!/usr/bin/env bash
# Start-up of the demo, timed: from ./mesh-local.sh (jars already built) to the API answering, to the
# first demo violation at the API, and to N of them (default 14: the governance findings, the first
# freshness episode, the anomaly, the quality rules' breach and recovery, a completeness and an accuracy
# breach; the demo goes on producing more). Usage: benchmarks/startup-demo.sh [N] [runs]. Prints one
# line per run; stops the demo with SIGTERM after each. Needs port 8080 free.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-14}
runs=${2:-1}
[ -f mesh-local/target/mesh-local-0.1.0-SNAPSHOT.jar ] || { echo "build first: mvn -q -B -ntp -DskipTests -pl mesh-local -am package" >&2; exit 2; }

count() {
  curl -sf -u ana:demo 'localhost:8080/api/violations?limit=500' | python3 -c '
import json, sys
body = json.load(sys.stdin)
items = body if isinstance(body, list) else next((v for v in body.values() if isinstance(v, list)), [])
print(len(items))'
}

for run in $(seq 1 "$runs"); do
  log=$(mktemp /tmp/startup-demo.XXXXXX.log)
  start=$(date +%s%N)
  ./mesh-local.sh > "$log" 2>&1 &
  pid=$!
  api="" first="" all=""
  deadline=$(( $(date +%s) + 300 ))
  while [ -z "$all" ] && [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    if n=$(count 2>/dev/null); then
      now=$(( ($(date +%s%N) - start) / 1000000 ))
      [ -z "$api" ] && api=$now
      [ -z "$first" ] && [ "$n" -ge 1 ] && first=$now
      [ "$n" -ge "$want" ] && all=$now
    fi
    sleep 0.2
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "run $run: API answers after ${api:-never} ms, first violation after ${first:-never} ms, $want violations after ${all:-never} ms (log $log)"
done
