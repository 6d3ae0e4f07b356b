#!/usr/bin/env bash
# Prints fresh secrets for .env (Docker Compose), or as Kubernetes Secrets. Needs only a JDK: builds the launcher
# if needed.
#   deploy/new-secrets.sh >> .env      (then remove the CHANGE-ME lines of the same names)
#   deploy/new-secrets.sh --kubernetes [--kafka-users] | kubectl apply -n warden -f -
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/classes/dev/warden/launcher/NewSecrets.class ]; then
  ./mvnw -B -q -pl launcher -am install -DskipTests >&2
fi
classpath_file=$(mktemp)
./mvnw -B -q -pl launcher dependency:build-classpath -Dmdep.outputFile="$classpath_file" >&2
exec java -cp "launcher/target/classes:$(cat "$classpath_file")" dev.warden.launcher.NewSecrets "$@"
