#!/usr/bin/env bash
# The README's setup-and-run command (`npm run quickstart`): installs Trestle's dependencies, builds it,
# brings up the local environment (Docker engine, registry, single-node cluster; see docs/environment.md)
# and runs Trestle on the bundled Go example: diagnose, build twice (the second from the cache), run, delete.
set -euo pipefail
cd "$(dirname "$0")/.."
example=${1:-examples/hello-go}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "install and build Trestle"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
step "bring up the local environment (first run on a machine builds the cluster binaries)"
scripts/env up
eval "$(scripts/env shellenv)"
step "trestle diagnose in $example"
(cd "$example" && ../../bin/trestle.js diagnose)
step "trestle build in $example (builds, pushes to localhost:5000; a second run comes from the cache)"
(cd "$example" && ../../bin/trestle.js build && ../../bin/trestle.js build)
step "trestle run in $example (deploys to the cluster and waits for the rollout), then trestle delete"
(cd "$example" && ../../bin/trestle.js run && ../../bin/trestle.js delete)
