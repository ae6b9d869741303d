#!/usr/bin/env bash
# Builds the CNB lifecycle (lifecycle + launcher) from the Go module proxy into $1/lifecycle/, with the
# host's Go toolchain. The version is pinned here; it is part of this image's inputs key.
set -euo pipefail
ctx=$1
LIFECYCLE_VERSION=0.21.11
work=${TMPDIR:-/var/tmp}/trestle-lifecycle-$LIFECYCLE_VERSION
mkdir -p "$work" "$ctx/lifecycle"
cd "$work"
[[ -f go.mod ]] || go mod init trestle.local/lifecyclebuild >/dev/null 2>&1
nice -n 10 go get "github.com/buildpacks/lifecycle/cmd/lifecycle@v$LIFECYCLE_VERSION" \
  "github.com/buildpacks/lifecycle/cmd/launcher@v$LIFECYCLE_VERSION" >/dev/null 2>&1
CGO_ENABLED=0 GOOS=linux GOARCH=amd64 nice -n 10 go build -trimpath \
  -ldflags "-s -w -X github.com/buildpacks/lifecycle/cmd.Version=$LIFECYCLE_VERSION -X github.com/buildpacks/lifecycle/cmd.SCMRepository=github.com/buildpacks/lifecycle" \
  -o "$ctx/lifecycle/" github.com/buildpacks/lifecycle/cmd/lifecycle github.com/buildpacks/lifecycle/cmd/launcher
# The lifecycle descriptor (lifecycle.toml): the APIs this version supports (api/apis.go).
cat >"$ctx/lifecycle/lifecycle.toml" <<TOML
[apis]
[apis.buildpack]
  deprecated = []
  supported = ["0.7", "0.8", "0.9", "0.10", "0.11", "0.12"]
[apis.platform]
  deprecated = []
  supported = ["0.7", "0.8", "0.9", "0.10", "0.11", "0.12", "0.13", "0.14", "0.15"]

[api]
  platform = "0.7"
  buildpack = "0.7"

[lifecycle]
  version = "$LIFECYCLE_VERSION"
TOML
