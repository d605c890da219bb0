#!/usr/bin/env bash
# Starts a real Kafka broker, zoom-sim and the five services on a demo tenant, provisions a user
# the way Okta does, and prints what an Okta admin would paste. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

ensure_node_modules
ensure_postgres
started_kafka=0
if ! scripts/kafka.sh status >/dev/null 2>&1; then
  scripts/kafka.sh start
  started_kafka=1
fi
cleanup() { if [[ $started_kafka == 1 ]]; then scripts/kafka.sh stop; fi; }
trap cleanup EXIT

npm run --silent build
node dist/libs/testing/src/demo/run-demo.js
