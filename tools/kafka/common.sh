# shellcheck shell=bash
# Shared helpers for with-kafka.sh, start-kafka.sh and kafka-cli.sh.
# Sourced, never executed: callers set `set -euo pipefail` themselves.

KAFKA_TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_TOOLS_DIR/../.." && pwd)"

# 4.4.0 is the tested default; 4.3.1 is tried only when the version was not
# pinned explicitly and 4.4.0 cannot be resolved (e.g. a mirror lagging behind).
KAFKA_DEFAULT_VERSIONS=(4.4.0 4.3.1)

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH (Kafka 4.x needs Java 17+)"
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ "${major%%.*}" -ge 17 ]] || die "Kafka 4.x needs Java 17+, found java.specification.version=$major"
}

cache_dir_for() { printf '%s/.cache/kafka/%s' "$REPO_ROOT" "$1"; }

# A lib folder only counts as complete once the marker exists; the marker is
# written after mvn succeeded, so an interrupted copy is never mistaken for a cache.
is_cached() { [[ -f "$(cache_dir_for "$1")/.complete" ]]; }

download_version() {
  local version="$1" dir tmp
  dir="$(cache_dir_for "$version")"
  tmp="$dir/lib.tmp.$$"
  command -v mvn >/dev/null 2>&1 || die "mvn not found; needed once to fetch Kafka $version into $dir"
  log "resolving Apache Kafka $version with Maven into $dir/lib (first run only)"
  rm -rf "$tmp"
  mkdir -p "$dir"
  # Maven 3.8 leaks ANSI resets even with -B, hence the sed; pipefail keeps mvn's status.
  if ! mvn -q -B -f "$KAFKA_TOOLS_DIR/pom.xml" \
      -Dkafka.version="$version" \
      dependency:copy-dependencies \
      -DincludeScope=runtime \
      -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$dir/lib"
  mv "$tmp" "$dir/lib"
  date -u +%FT%TZ >"$dir/.complete"
}

# Serialise resolution so parallel callers (e.g. several test targets) do not
# run mvn into the same folder at once.
resolve_locked() {
  local version="$1"
  is_cached "$version" && return 0
  mkdir -p "$REPO_ROOT/.cache/kafka"
  (
    flock 9
    is_cached "$version" || download_version "$version"
  ) 9>"$REPO_ROOT/.cache/kafka/.lock"
}

# Sets KAFKA_VERSION and KAFKA_LIB; touches the network only on a cache miss.
resolve_kafka() {
  local candidates=() v
  if [[ -n "${KAFKA_VERSION:-}" ]]; then
    candidates=("$KAFKA_VERSION")
  else
    candidates=("${KAFKA_DEFAULT_VERSIONS[@]}")
  fi
  # Prefer any already-cached candidate so a warm start never calls mvn.
  for v in "${candidates[@]}"; do
    if is_cached "$v"; then
      KAFKA_VERSION="$v"; KAFKA_LIB="$(cache_dir_for "$v")/lib"; return 0
    fi
  done
  for v in "${candidates[@]}"; do
    if resolve_locked "$v"; then
      KAFKA_VERSION="$v"; KAFKA_LIB="$(cache_dir_for "$v")/lib"; return 0
    fi
    log "could not resolve Kafka $v"
  done
  die "could not resolve any of: ${candidates[*]} (see Maven output above)"
}

# Short-lived CLI JVMs: small heap and C1-only JIT start noticeably faster.
KAFKA_CLI_JVM_OPTS=(
  -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$KAFKA_TOOLS_DIR/config/log4j2-tools.properties"
)

kafka_cli_java() {
  local main="$1"; shift
  java "${KAFKA_CLI_JVM_OPTS[@]}" -cp "$KAFKA_LIB/*" "$main" "$@"
}

# Map the familiar script names from Kafka's bin/ folder to 4.x main classes.
tool_main_class() {
  local tool="${1%.sh}"
  tool="${tool#kafka-}"
  case "$tool" in
    *.*)                  printf '%s' "$1" ;;   # already a fully qualified class name
    topics)               printf 'org.apache.kafka.tools.TopicCommand' ;;
    consumer-groups)      printf 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand' ;;
    share-groups)         printf 'org.apache.kafka.tools.consumer.group.ShareGroupCommand' ;;
    streams-groups)       printf 'org.apache.kafka.tools.streams.StreamsGroupCommand' ;;
    groups)               printf 'org.apache.kafka.tools.GroupsCommand' ;;
    console-consumer)     printf 'org.apache.kafka.tools.consumer.ConsoleConsumer' ;;
    console-producer)     printf 'org.apache.kafka.tools.ConsoleProducer' ;;
    broker-api-versions)  printf 'org.apache.kafka.tools.BrokerApiVersionsCommand' ;;
    configs)              printf 'org.apache.kafka.tools.ConfigCommand' ;;
    get-offsets)          printf 'org.apache.kafka.tools.GetOffsetShell' ;;
    delete-records)       printf 'org.apache.kafka.tools.DeleteRecordsCommand' ;;
    log-dirs)             printf 'org.apache.kafka.tools.LogDirsCommand' ;;
    dump-log)             printf 'org.apache.kafka.tools.DumpLogSegments' ;;
    metadata-quorum)      printf 'org.apache.kafka.tools.MetadataQuorumCommand' ;;
    features)             printf 'org.apache.kafka.tools.FeatureCommand' ;;
    transactions)         printf 'org.apache.kafka.tools.TransactionsCommand' ;;
    acls)                 printf 'org.apache.kafka.tools.AclCommand' ;;
    leader-election)      printf 'org.apache.kafka.tools.LeaderElectionCommand' ;;
    reassign-partitions)  printf 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand' ;;
    cluster)              printf 'org.apache.kafka.tools.ClusterTool' ;;
    client-metrics)       printf 'org.apache.kafka.tools.ClientMetricsCommand' ;;
    producer-perf-test)   printf 'org.apache.kafka.tools.ProducerPerformance' ;;
    consumer-perf-test)   printf 'org.apache.kafka.tools.ConsumerPerformance' ;;
    storage)              printf 'kafka.tools.StorageTool' ;;
    server-start)         printf 'kafka.Kafka' ;;
    *) return 1 ;;
  esac
}
