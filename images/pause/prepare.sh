#!/usr/bin/env bash
# Builds a static pause binary into the build context ($1).
set -euo pipefail
gcc -Os -static -Wall -o "$1/pause" "$1/pause.c"
strip "$1/pause"
