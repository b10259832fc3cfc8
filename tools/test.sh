#!/usr/bin/env bash
# `npm test`: every check and every test. Unit tests need nothing; the
# integration and end-to-end tests run against a real Kafka broker (started
# here from the Apache Kafka artifacts unless KAFKA_BROKERS is set) and the
# PostgreSQL server at DATABASE_URL (default 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step 'type check'
npx tsc -p tsconfig.json --noEmit

# Before lint: the graph it writes to .nx/ is what @nx/enforce-module-boundaries reads. On a
# fresh clone without it, ESLint only warns "No cached ProjectGraph" and skips the rule.
step 'module boundaries (nx graph)'
node tools/check-graph.js

step 'lint'
npx eslint . --max-warnings 0

step 'format'
npx prettier --check . --log-level warn

step 'build'
npm run build --silent

step 'unit tests'
npx jest --selectProjects unit

step 'integration and end-to-end tests (real Kafka, real PostgreSQL)'
bash tools/kafka/with-kafka.sh npx jest --selectProjects integration e2e --runInBand
