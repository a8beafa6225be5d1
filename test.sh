#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against a real in-process Kafka broker.
# On a fresh Debian machine it first installs what the tests drive (Java, Maven, headless
# Chromium and its driver for the dashboard test, kcat as the librdkafka producer, Prometheus
# Alertmanager for the notification test), then runs Maven. Arguments go to Maven,
# e.g. ./test.sh -pl quality-streams -am.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need, by the command each provides.
declare -A packages=(
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [kcat]=kcat
  [prometheus-alertmanager]=prometheus-alertmanager
)
missing=()
for command in "${!packages[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${packages[$command]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "test.sh: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  as_root=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
  echo "test.sh: installing ${missing[*]}" >&2
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq "${missing[@]}"
fi

exec mvn -B -ntp verify "$@"
