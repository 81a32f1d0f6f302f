#!/usr/bin/env bash
# featc setup: installs what is missing, idempotently, and says what it did and how long each step took.
#   Java 17 runtime, Maven, redis-server, the build libraries of @confluentinc/kafka-javascript (Debian packages),
#   node modules (CKJS_LINKING=dynamic npm ci), and the Flink/Kafka jars (Maven Central, cached in ~/.cache/featc).
set -euo pipefail
cd "$(dirname "$0")/.."

t_all=$(date +%s)
step() { printf '… %s\n' "$1"; T0=$(date +%s); }
done_step() { printf '✔ %s (%ss)\n' "$1" "$(( $(date +%s) - T0 ))"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

missing=()
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then missing+=(openjdk-17-jre-headless); fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
for pkg in libssl-dev zlib1g-dev libsasl2-dev libzstd-dev liblz4-dev libcurl4-openssl-dev build-essential python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  done_step "installed ${missing[*]}"
else
  echo "✔ Debian packages present (Java $(java_major), Maven, redis-server, kafka build libraries)"
fi

stamp=node_modules/.featc-install-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f node_modules/@confluentinc/kafka-javascript/build/Release/confluent-kafka-javascript.node ]; then
  echo "✔ node modules up to date"
else
  step "installing node modules (CKJS_LINKING=dynamic npm ci; builds librdkafka against system libraries, ~2-3 min)"
  CKJS_LINKING=dynamic npm ci --no-fund --no-audit --loglevel=error
  node -e "require('@confluentinc/kafka-javascript')" >/dev/null
  echo "$want" > "$stamp"
  done_step "node modules installed"
fi

step "resolving Flink and Kafka jars (cached in ~/.cache/featc)"
node bin/featc.js local fetch
done_step "jars ready"

printf 'setup complete in %ss\n' "$(( $(date +%s) - t_all ))"
