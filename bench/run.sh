#!/usr/bin/env bash
# The benchmark harness (not part of ./mvnw verify). Usage: bench/run.sh sessions|login|gateway|mail|audit|outbox|footprint|keycloak|replicas|all
# Installs its load tools from Debian's packages when missing, builds Warden, runs the benchmark, and
# writes a Markdown + JSON report under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  command -v "$1" >/dev/null 2>&1 && return
  apt-get update -qq && apt-get install -y -qq "$2"
}
need wrk wrk
need redis-benchmark redis-tools

./mvnw -B -q clean package -DskipTests  # clean: jars are not repackaged when only a dependency changed
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

# Keycloak, the peer Warden is measured against: its distribution from Maven Central, unpacked once.
keycloak_version=26.4.5
keycloak_home="bench/target/keycloak/keycloak-$keycloak_version"
keycloak() {
  if [ ! -x "$keycloak_home/bin/kc.sh" ]; then
    ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:tar.gz" \
      -DoutputDirectory=bench/target/keycloak
    tar -xzf "bench/target/keycloak/keycloak-quarkus-dist-$keycloak_version.tar.gz" -C bench/target/keycloak
  fi
  # Keycloak needs Java 21+, and Warden runs on the same JDK in that benchmark: the first one found.
  local candidate major
  for candidate in ${WARDEN_BENCH_JAVA:-} "$(command -v java)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      "$candidate" -Dwarden.root="$PWD" -Dwarden.keycloak.home="$keycloak_home" \
        -Dwarden.keycloak.version="$keycloak_version" -cp "$classpath" dev.warden.bench.KeycloakBench
      return
    fi
  done
  echo "Keycloak needs a JDK 21 or later: none found (set WARDEN_BENCH_JAVA to its bin/java)" >&2
  exit 2
}
# Two of every service and two gateways (the suite test ReplicasSuiteIT): requests per replica, how long a
# revocation takes to reach the other gateway, how long a killed replica's replacement takes to be ready.
replicas() {
  local log report
  log=$(mktemp)
  report="bench/results/replicas-$(date +%Y%m%d-%H%M).md"
  ./mvnw -B -ntp verify -pl launcher -am -Dtest=NONE -Dit.test=ReplicasSuiteIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false | tee "$log"
  {
    echo "# Replicas: two of every service and two gateways"
    echo
    echo "Produced by \`bench/run.sh replicas\` ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)): the figures ReplicasSuiteIT"
    echo "measured while its checks passed."
    echo
    grep -E '^replicas: ' "$log" | sed 's/^replicas: /- /'
  } > "$report"
  rm -f "$log"
  echo "Report: $report"
}
if [ "${1:-}" = all ]; then
  # Every scenario in turn, each into its own report under bench/results/ (about 40 minutes on 2 cores).
  started=$(mktemp)
  for bench in SessionBench LoginBench GatewayBench MailBench AuditBench OutboxBench FootprintBench; do
    java -Dwarden.root="$PWD" -cp "$classpath" "dev.warden.bench.$bench"
  done
  keycloak
  # One report with every scenario of this run, each section as its benchmark wrote it.
  combined="bench/results/all-$(date +%Y%m%d-%H%M).md"
  {
    echo "# Warden benchmarks: every scenario, one run"
    echo
    echo "Produced by \`bench/run.sh all\`; each section is the report its benchmark wrote in this run."
    for kind in keycloak sessions login gateway mail audit outbox footprint; do
      report=$(find bench/results -name "$kind-*.md" -newer "$started" | sort | tail -1)
      [ -n "$report" ] || continue
      echo
      sed 's/^# /## /' "$report"
    done
  } > "$combined"
  rm -f "$started"
  echo "Combined report: $combined"
  exit 0
fi
case "${1:-sessions}" in
  sessions) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.SessionBench ;;
  login) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.LoginBench ;;
  gateway) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.GatewayBench ;;
  mail) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.MailBench ;;
  audit) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.AuditBench ;;
  outbox) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.OutboxBench ;;
  footprint) exec java -Dwarden.root="$PWD" -cp "$classpath" dev.warden.bench.FootprintBench ;;
  keycloak) keycloak ;;
  replicas) replicas ;;
  *) echo "unknown benchmark '$1' (known: sessions, login, gateway, mail, audit, outbox, footprint, keycloak, replicas)" >&2; exit 2 ;;
esac
