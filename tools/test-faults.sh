#!/usr/bin/env bash
# `npm run test:faults`: the fault tests (test/faults), scripted over the built services. They
# start, stop and restart their own Kafka broker (port FAULTS_KAFKA_PORT, default 19792, data in
# .data/kafka-faults), so this script does not wrap them in with-kafka.sh. PostgreSQL comes from
# DATABASE_URL (default 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

KAFKA_PORT="${FAULTS_KAFKA_PORT:-19792}"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The broker and its controller (the next port) must be ours alone: it is stopped mid-test.
for port in "$KAFKA_PORT" "$((KAFKA_PORT + 1))"; do
  if port_busy "$port"; then
    echo "test-faults: port $port is in use; the fault tests need it for their own broker" >&2
    exit 1
  fi
done

printf '\n== build\n'
npm run build --silent

printf '\n== fault tests (own broker on 127.0.0.1:%s)\n' "$KAFKA_PORT"
unset KAFKA_BROKERS
FAULTS_KAFKA_PORT="$KAFKA_PORT" npx jest --selectProjects faults --runInBand "$@"
