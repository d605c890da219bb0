#!/usr/bin/env bash
# Starts a real Kafka broker, zoom-sim and the five services on a demo tenant, provisions a user
# the way Okta does, and prints what an Okta admin would paste. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

ensure_node_modules
ensure_postgres
start_kafka_for_this_script

npm run --silent build
node dist/libs/testing/src/demo/run-demo.js
