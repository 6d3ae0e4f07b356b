#!/usr/bin/env bash
# The benchmark harness (not part of ./mvnw verify). Usage: bench/run.sh sessions|login|gateway|mail|audit|outbox|footprint|all
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
if [ "${1:-}" = all ]; then
  # Every scenario in turn, each into its own report under bench/results/ (about 25 minutes on 2 cores).
  started=$(mktemp)
  for bench in SessionBench LoginBench GatewayBench MailBench AuditBench OutboxBench FootprintBench; do
    java -Dwarden.root="$PWD" -cp "$classpath" "dev.warden.bench.$bench"
  done
  # One report with every scenario of this run, each section as its benchmark wrote it.
  combined="bench/results/all-$(date +%Y%m%d-%H%M).md"
  {
    echo "# Warden benchmarks: every scenario, one run"
    echo
    echo "Produced by \`bench/run.sh all\`; each section is the report its benchmark wrote in this run."
    for kind in sessions login gateway mail audit outbox footprint; do
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
  *) echo "unknown benchmark '$1' (known: sessions, login, gateway, mail, audit, outbox, footprint)" >&2; exit 2 ;;
esac
