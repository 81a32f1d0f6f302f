#!/usr/bin/env bash
# featc's test command (README, .ci/run): setup if needed, type check, lint, unit tests, then the
# integration tests on one real local stack (Flink, Kafka, Redis) started once for the whole run.
# Ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
# The run's stack lives in this clone (.featc/), not in the per-user default: every clone tests on fresh
# Kafka topics and state. To reuse a running stack, start it with the same FEATC_HOME.
export FEATC_HOME="${FEATC_HOME:-$PWD/.featc}"

out=$(mktemp -d)
status=0
t0=$(date +%s)

echo "… type check (tsc --noEmit)"
if npx --no-install tsc --noEmit -p tsconfig.json; then echo "✔ type check"; else echo "✘ type check"; status=1; fi
echo "… lint (eslint)"
if npx --no-install eslint . ; then echo "✔ lint"; else echo "✘ lint"; status=1; fi

jest() { node --experimental-vm-modules node_modules/jest/bin/jest.js "$@"; }
echo "… unit, type and golden tests"
jest --selectProjects unit --json --outputFile="$out/unit.json" || status=1
echo "… integration tests (real Flink, Kafka, Redis)"
jest --selectProjects integration --runInBand --json --outputFile="$out/integration.json" || status=1

read -r passed failed < <(node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const n of ["unit", "integration"]) {
    const file = process.argv[1] + "/" + n + ".json";
    if (!fs.existsSync(file)) { f += 1; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(p, f);' "$out")
rm -rf "$out"
echo "tests finished in $(( $(date +%s) - t0 ))s"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
