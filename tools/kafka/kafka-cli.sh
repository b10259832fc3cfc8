#!/usr/bin/env bash
# Run one of Kafka's own admin tools from the cached jars, e.g.
#   tools/kafka/kafka-cli.sh kafka-topics --bootstrap-server 127.0.0.1:9092 --list
#   tools/kafka/kafka-cli.sh kafka-consumer-groups --bootstrap-server 127.0.0.1:9092 --describe --all-groups
# <tool> is the bin/ script name (with or without kafka- / .sh) or a fully qualified main class.
set -euo pipefail

# shellcheck source=tools/kafka/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

list_tools() {
  log "known tools: topics consumer-groups share-groups streams-groups groups console-consumer"
  log "  console-producer broker-api-versions configs get-offsets delete-records log-dirs dump-log"
  log "  metadata-quorum features transactions acls leader-election reassign-partitions cluster"
  log "  client-metrics producer-perf-test consumer-perf-test storage (prefix kafka- optional)"
}

main() {
  if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" ]]; then
    log "usage: $0 <tool> [args...]"
    list_tools
    exit 2
  fi
  local main_class
  main_class="$(tool_main_class "$1")" || { log "unknown tool: $1"; list_tools; exit 2; }
  shift
  require_java
  resolve_kafka
  # exec so signals and the exit code belong to the tool itself.
  exec java "${KAFKA_CLI_JVM_OPTS[@]}" -cp "$KAFKA_LIB/*" "$main_class" "$@"
}

main "$@"
