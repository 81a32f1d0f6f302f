#!/usr/bin/env bash
# Builds the package featc users install: dist/ (JavaScript, .d.ts, source maps) from the TypeScript
# sources, plus the Maven poms the local stack resolves its jars with. Run by `npm pack` (prepack).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npx --no-install tsc -p tsconfig.build.json
mkdir -p dist/flink-deploy/local/maven
cp flink-deploy/local/maven/*.xml dist/flink-deploy/local/maven/
echo "built dist/ ($(find dist -name '*.js' | wc -l) modules)"
