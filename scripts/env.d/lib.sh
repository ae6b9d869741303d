# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings here are used by the scripts that source this file
# Shared settings and helpers for scripts/env and scripts/env.d/*.sh (sourced, not run).
# Everything the environment keeps lives under $TRESTLE_ENV_HOME (default ~/.cache/trestle-env):
# built binaries, Go caches, registry storage, image-build stamps, daemon state, logs and pid files.
TRESTLE_ENV_HOME=${TRESTLE_ENV_HOME:-$HOME/.cache/trestle-env}
ENV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$ENV_DIR/../.." && pwd)

# Pinned versions (the build cache is keyed by them).
K8S_VERSION=${K8S_VERSION:-1.34.4}
ETCD_VERSION=${ETCD_VERSION:-3.5.21}
HELM_VERSION=${HELM_VERSION:-3.19.0}
COREDNS_VERSION=${COREDNS_VERSION:-1.14.7}
DEBIAN_SUITE=bookworm

# Loopback endpoints (only loopback is ever used by the tests).
REGISTRY_PORT=${TRESTLE_REGISTRY_PORT:-5000}
SECURE_REGISTRY_PORT=${TRESTLE_SECURE_REGISTRY_PORT:-5443}
REGISTRY=localhost:$REGISTRY_PORT
SECURE_REGISTRY=localhost:$SECURE_REGISTRY_PORT
APISERVER_PORT=6443
ETCD_PORT=2379
DOCKER_SOCK=/var/run/docker.sock

# Node networking. The node gets an address of its own on the loopback interface (the kubelet refuses
# a 127.x node IP), pods live on a bridge of their own, and a firewall chain keeps pod traffic from
# leaving the machine (see cluster.sh).
NODE_NAME=trestle-node
NODE_IP=10.44.0.1
POD_BRIDGE=trestle0
POD_CIDR=10.42.0.0/24
SERVICE_CIDR=10.43.0.0/16
KUBERNETES_SERVICE_IP=10.43.0.1 # the first address of SERVICE_CIDR

BIN_DIR=$TRESTLE_ENV_HOME/bin       # symlinks to the pinned tools; put it first on PATH
RUN_DIR=$TRESTLE_ENV_HOME/run       # pid files
LOG_DIR=$TRESTLE_ENV_HOME/logs      # one log per daemon
ETC_DIR=$TRESTLE_ENV_HOME/etc       # generated configs
PKI_DIR=$TRESTLE_ENV_HOME/pki
STATE_FILE=$TRESTLE_ENV_HOME/env.json
KUBECONFIG_FILE=$TRESTLE_ENV_HOME/kubeconfig
K8S_BIN=$TRESTLE_ENV_HOME/k8s/v$K8S_VERSION/bin
TOOLS_BIN=$TRESTLE_ENV_HOME/tools/bin
SOCK_DIR=/run/trestle-env            # sockets must be short paths
CONTAINERD_SOCK=$SOCK_DIR/containerd.sock

mkdir -p "$TRESTLE_ENV_HOME" "$BIN_DIR" "$RUN_DIR" "$LOG_DIR" "$ETC_DIR"
export PATH=$BIN_DIR:$PATH

log() { printf '[env %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

# The Go build caches are ours too, so a machine's first build is reused by every later one.
go_env() {
  export GOMODCACHE=$TRESTLE_ENV_HOME/go/mod GOCACHE=$TRESTLE_ENV_HOME/go/build
  export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
  export PATH=/usr/local/go/bin:$PATH
}

# --- daemons: started in the background with a pid file and a log; no systemd needed ----------
pid_of() { # NAME -> prints the pid if that daemon (the same executable we started) is alive
  local f=$RUN_DIR/$1.pid p exe
  [[ -f $f ]] || return 1
  read -r p exe <"$f" || true
  [[ -n $p && -d /proc/$p ]] || return 1
  [[ -z $exe || $(readlink "/proc/$p/exe" 2>/dev/null) == "$exe" ]] || return 1
  echo "$p"
}
is_running() { pid_of "$1" >/dev/null; }

start_daemon() { # NAME CMD... -> starts CMD detached unless NAME is already running
  local name=$1
  shift
  if is_running "$name"; then return 0; fi
  log "starting $name"
  local exe
  exe=$(readlink -f "$(command -v "$1")")
  # fd 9 is scripts/env's lock: the daemon must not inherit (and so hold) it.
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null 9>&- &
  echo "$! $exe" >"$RUN_DIR/$name.pid"
}

stop_daemon() { # NAME [TIMEOUT] -> TERM, then KILL, by pid only
  local name=$1 t=${2:-20} p i
  p=$(pid_of "$name") || {
    rm -f "$RUN_DIR/$name.pid"
    return 0
  }
  log "stopping $name (pid $p)"
  kill "$p" 2>/dev/null || true
  for ((i = 0; i < t * 5; i++)); do
    [[ -d /proc/$p ]] || break
    sleep 0.2
  done
  [[ -d /proc/$p ]] && kill -9 "$p" 2>/dev/null || true
  rm -f "$RUN_DIR/$name.pid"
}

wait_for() { # SECONDS DESCRIPTION CMD... -> polls CMD until it succeeds
  local secs=$1 what=$2 i
  shift 2
  for ((i = 0; i < secs * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  die "timed out after ${secs}s waiting for $what"
}

http_ok() { curl -fsS -o /dev/null --max-time 3 "$@"; }
