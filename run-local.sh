#!/usr/bin/env bash
# Starts the whole Warden suite on embedded infrastructure (real PostgreSQL, Redis, Kafka and an SMTP sink
# from Maven artifacts; each service in its own JVM) and prints where everything is. Ctrl-C stops it all.
# Needs only a JDK 17+: the Maven wrapper builds whatever is missing or older than its sources.
set -euo pipefail
cd "$(dirname "$0")"

stamp=launcher/target/classpath.txt
build=false
if [ ! -f "$stamp" ]; then
  build=true
else
  for module in gateway auth-service session-service token-service notification-service audit-service; do
    ls "$module"/target/"$module"-*.jar >/dev/null 2>&1 || build=true
  done
  if [ -n "$(find . -path ./data -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$stamp" -type f -print -quit)" ]; then
    build=true
  fi
fi
if [ "$build" = true ]; then
  # clean: a service's executable jar is not repackaged when only a module it depends on changed.
  echo "Building Warden (./mvnw -B -q clean package -DskipTests) ..."
  ./mvnw -B -q clean package -DskipTests
fi

exec java -Dwarden.root="$PWD" -cp "launcher/target/classes:$(cat "$stamp")" dev.warden.launcher.RunLocal "$@"
