#!/usr/bin/env bash
# The whole test suite: static checks, build, then every test tier. This is the README's test command
# (`npm test`) and exactly what .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "install dependencies"
npm ci --no-audit --no-fund --loglevel=error
step "typecheck";  npx tsc --noEmit -p tsconfig.json
step "lint";       npx eslint --max-warnings=0 .
step "format";     npx prettier --check . >/dev/null
step "build";      npm run build --silent
step "unit tests"; node scripts/run-tests.mjs unit
step "cli tests";  node scripts/run-tests.mjs cli
# The local environment (Docker engine, registries, base images, Kubernetes; see docs/environment.md),
# then the tiers that use it. The first run on a machine builds the cluster binaries (cached after).
step "test environment";  scripts/env up
step "integration tests"; node scripts/run-tests.mjs integration
step "cluster tests";     node scripts/run-tests.mjs cluster
