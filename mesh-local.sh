#!/usr/bin/env bash
# Starts the whole Meshwarden mesh on this machine: an embedded Kafka broker, quality-streams,
# the SLA monitor and the demo marketing domains. Builds first when the jars are missing or
# older than the sources. Options go to mesh-local (./mesh-local.sh --help lists them); settings
# the options do not give come from --config FILE, MESHWARDEN_* variables or the defaults.
set -euo pipefail
cd "$(dirname "$0")"

jar=mesh-local/target/mesh-local-0.1.0-SNAPSHOT.jar
stale=$( [ -f "$jar" ] && find . -path '*/target' -prune -o \( -name '*.java' -o -name '*.avsc' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.yaml' -o -name '*.xml' -o -name '*.html' -o -name '*.js' -o -name '*.css' \) -newer "$jar" -print -quit || echo missing)
if [ -n "$stale" ]; then
  echo "Building Meshwarden (first run downloads dependencies; later runs are quick)..."
  mvn -q -B -ntp -DskipTests -pl mesh-local -am package
  # Maven leaves an unchanged jar as it was; without this, a source outside mesh-local's modules (benchmarks)
  # newer than the jar would make every start build again.
  touch "$jar"
fi

# The main class makes Avro trust the generated classes itself (io.meshwarden.schemas.AvroTrust).
exec java -Xmx1g -jar "$jar" "$@"
