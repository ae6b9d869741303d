#!/usr/bin/env bash
# Builds the Kubernetes node and control-plane binaries (kube-apiserver, kube-controller-manager,
# kube-scheduler, kubelet, kube-proxy, kubectl), etcd, CoreDNS and helm from the Go module proxy, once per
# machine and version. The result lands in $TRESTLE_ENV_HOME/k8s/v$K8S_VERSION/bin and
# $TRESTLE_ENV_HOME/tools/bin; a finished build leaves a stamp, so a rerun returns at once.
# `build-k8s.sh --check` exits 0 when everything is built, 1 otherwise (and builds nothing).
#
# Why not k3s: the module proxy this project can reach answers 403 "This module version is not
# available" for every github.com/k3s-io/k3s (and github.com/k3s-io/kubernetes) version, while
# k8s.io/kubernetes and its staging modules are served. So we build upstream Kubernetes as a
# dependency of a small consumer module (k/k's go.mod replaces its staging modules with local
# paths; we replace them with their published v0.MINOR.PATCH versions instead).
set -euo pipefail
# shellcheck source=scripts/env.d/lib.sh
. "$(dirname "$0")/lib.sh"
go_env
command -v jq >/dev/null || die "jq is needed (scripts/env installs it)"

k8s_bins=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
stamp=$K8S_BIN/.complete
if [[ -f $stamp && -x $TOOLS_BIN/etcd-$ETCD_VERSION && -x $TOOLS_BIN/helm-$HELM_VERSION &&
  -x $TOOLS_BIN/coredns-$COREDNS_VERSION ]]; then
  [[ ${1:-} == --check ]] ||
    log "cluster binaries already built (k8s v$K8S_VERSION, etcd v$ETCD_VERSION, CoreDNS v$COREDNS_VERSION, helm v$HELM_VERSION)"
  exit 0
fi
[[ ${1:-} == --check ]] && exit 1 # `--check`: only say whether everything is built
mkdir -p "$K8S_BIN" "$TOOLS_BIN"
t0=$(date +%s)

if [[ ! -f $stamp ]]; then
  log "building Kubernetes v$K8S_VERSION (first time on this machine: this takes a while)"
  mod=$TRESTLE_ENV_HOME/k8s/v$K8S_VERSION/module
  mkdir -p "$mod" && cd "$mod"
  [[ -f go.mod ]] || go mod init trestle.local/k8sbuild >/dev/null 2>&1
  kgomod=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | jq -r '.GoMod // empty')
  [[ -n $kgomod ]] || die "k8s.io/kubernetes@v$K8S_VERSION not available from the module proxy"
  staging=v0.${K8S_VERSION#1.}
  args=()
  while read -r m; do args+=("-replace=$m=$m@$staging"); done < <(
    go mod edit -json "$kgomod" | jq -r '.Replace[] | select(.New.Path | startswith("./staging/")) | .Old.Path')
  go mod edit -go="$(go mod edit -json "$kgomod" | jq -r .Go)" "${args[@]}"
  while read -r gd; do go mod edit -godebug="$gd"; done < <(
    go mod edit -json "$kgomod" | jq -r '(.Godebug // [])[] | "\(.Key)=\(.Value)"')
  pkgs=()
  for b in "${k8s_bins[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  go get "${pkgs[@]/%/@v$K8S_VERSION}"
  minor=${K8S_VERSION#1.}; minor=${minor%%.*}
  vf=""
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    vf+=" -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  done
  tb=$(date +%s)
  go build -trimpath -ldflags "-s -w$vf" -o "$K8S_BIN/" "${pkgs[@]}"
  log "Kubernetes v$K8S_VERSION compiled in $(($(date +%s) - tb))s"
  date -u +%FT%TZ >"$stamp"
fi

if [[ ! -x $TOOLS_BIN/etcd-$ETCD_VERSION ]]; then
  log "building etcd v$ETCD_VERSION"
  mod=$TRESTLE_ENV_HOME/tools/etcd-module
  mkdir -p "$mod" && cd "$mod"
  [[ -f go.mod ]] || go mod init trestle.local/etcdbuild >/dev/null 2>&1
  go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  go build -trimpath -ldflags "-s -w" -o "$TOOLS_BIN/etcd-$ETCD_VERSION.tmp" go.etcd.io/etcd/server/v3
  mv "$TOOLS_BIN/etcd-$ETCD_VERSION.tmp" "$TOOLS_BIN/etcd-$ETCD_VERSION"
fi

if [[ ! -x $TOOLS_BIN/coredns-$COREDNS_VERSION ]]; then
  log "building CoreDNS v$COREDNS_VERSION (kubernetes plugin only)"
  mod=$TRESTLE_ENV_HOME/tools/coredns-module
  mkdir -p "$mod" && cd "$mod"
  [[ -f go.mod ]] || go mod init trestle.local/corednsbuild >/dev/null 2>&1
  cp "$ENV_DIR/coredns/main.go" main.go
  go get "github.com/coredns/coredns@v$COREDNS_VERSION"
  go mod tidy
  go build -trimpath -ldflags "-s -w" -o "$TOOLS_BIN/coredns-$COREDNS_VERSION.tmp" .
  mv "$TOOLS_BIN/coredns-$COREDNS_VERSION.tmp" "$TOOLS_BIN/coredns-$COREDNS_VERSION"
fi

if [[ ! -x $TOOLS_BIN/helm-$HELM_VERSION ]]; then
  log "building helm v$HELM_VERSION"
  mod=$TRESTLE_ENV_HOME/tools/helm-module
  mkdir -p "$mod" && cd "$mod"
  [[ -f go.mod ]] || go mod init trestle.local/helmbuild >/dev/null 2>&1
  go get "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION"
  go build -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION" \
    -o "$TOOLS_BIN/helm-$HELM_VERSION.tmp" helm.sh/helm/v3/cmd/helm
  mv "$TOOLS_BIN/helm-$HELM_VERSION.tmp" "$TOOLS_BIN/helm-$HELM_VERSION"
fi
log "cluster binaries ready after $(($(date +%s) - t0))s"
