#!/usr/bin/env bash
# The build stage downloads from a package registry: give it the host's trust store (this machine's
# egress may re-sign TLS with its own CA, which the base images do not know).
set -euo pipefail
cp /etc/ssl/certs/ca-certificates.crt "$1/host-ca.crt"
