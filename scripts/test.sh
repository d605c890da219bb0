#!/usr/bin/env bash
# The whole test suite: typecheck, lint, unit and integration tests against the real Kafka and
# PostgreSQL, then the end-to-end test that runs every service as its own process.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

ensure_node_modules
ensure_postgres
start_kafka_for_this_script

export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
mkdir -p tmp
started=$(date +%s)

echo "== typecheck"
npm run --silent typecheck
echo "== lint"
npx nx run-many -t lint --parallel=2 --outputStyle=static
echo "== build"
npm run --silent build
echo "== unit and integration tests"
set +e
npx jest --ci --selectProjects $(node -e "const c=require('./jest.config.js');console.log(c.projects.map(p=>require(p+'/jest.config.js').displayName).filter(n=>n!=='e2e').join(' '))") \
  --json --outputFile=tmp/jest-main.json
main_status=$?
echo "== end-to-end tests"
npx jest --ci --selectProjects e2e --runInBand --json --outputFile=tmp/jest-e2e.json
e2e_status=$?
set -e

node -e '
const read = (f) => { try { return require(f); } catch { return { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTotalTests: 0 }; } };
const runs = [read("./tmp/jest-main.json"), read("./tmp/jest-e2e.json")];
const sum = (k) => runs.reduce((n, r) => n + (r[k] || 0), 0);
if (sum("numTotalTests") === 0) { console.log("no tests ran"); process.exit(1); }
console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
'
echo "suite took $(( $(date +%s) - started )) s"
if [[ $main_status != 0 || $e2e_status != 0 ]]; then
  exit 1
fi
