#!/usr/bin/env bash
# `npm start`: builds, brings up Kafka (a local broker unless KAFKA_BROKERS is
# set), then every service; Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build --silent
exec bash tools/kafka/with-kafka.sh node tools/start-services.js
