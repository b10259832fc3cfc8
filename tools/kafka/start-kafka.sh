#!/usr/bin/env bash
# Run the local Kafka broker in the foreground until Ctrl-C (e.g. from `npm start`).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/with-kafka.sh" --foreground
