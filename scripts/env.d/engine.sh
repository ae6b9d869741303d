# shellcheck shell=bash
# The Docker engine and the two OCI registries (sourced by scripts/env).
# One containerd (Debian's 1.6) serves both dockerd (namespace "moby") and the kubelet (namespace
# "k8s.io"); its state and sockets are ours, so nothing clashes with a system containerd.

write_containerd_config() {
  mkdir -p "$ETC_DIR/cni" "$SOCK_DIR"
  cat >"$ETC_DIR/containerd.toml" <<TOML
version = 2
root = "$TRESTLE_ENV_HOME/containerd"
state = "$SOCK_DIR/containerd"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$REGISTRY/trestle/pause:3.10"
  # Never ask for an OOM score below containerd's own: this kernel refuses every negative
  # oom_score_adj (EIO), and runc's init dies on it ("can't get final child's PID from pipe").
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$ETC_DIR/cni"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."$REGISTRY"]
    endpoint = ["http://$REGISTRY"]
TOML
}

# One environment per machine: the sockets, ports and node paths are fixed. A second home (another
# TRESTLE_ENV_HOME) must not start daemons over the first one's.
refuse_foreign() { # NAME CHECK-CMD...
  local name=$1
  shift
  if ! is_running "$name" && "$@" >/dev/null 2>&1; then
    die "a $name not started from $TRESTLE_ENV_HOME is already running (another TRESTLE_ENV_HOME?); stop it first"
  fi
}

start_containerd() {
  refuse_foreign containerd ctr --address "$CONTAINERD_SOCK" version
  write_containerd_config
  start_daemon containerd containerd --config "$ETC_DIR/containerd.toml"
  wait_for 60 containerd ctr --address "$CONTAINERD_SOCK" version
}

start_docker() {
  mkdir -p "$SOCK_DIR/docker"
  cat >"$ETC_DIR/docker-daemon.json" <<JSON
{
  "storage-driver": "overlay2",
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "2" }
}
JSON
  refuse_foreign dockerd docker -H "unix://$DOCKER_SOCK" version
  is_running dockerd || rm -f "$SOCK_DIR/docker.pid" # a stale one would stop dockerd from starting
  start_daemon dockerd dockerd --config-file "$ETC_DIR/docker-daemon.json" \
    --containerd "$CONTAINERD_SOCK" --data-root "$TRESTLE_ENV_HOME/docker" \
    --exec-root "$SOCK_DIR/docker" --pidfile "$SOCK_DIR/docker.pid" -H "unix://$DOCKER_SOCK"
  wait_for 90 "the Docker engine" docker -H "unix://$DOCKER_SOCK" version
}

registry_config() { # NAME PORT [secure]
  local name=$1 port=$2 secure=${3:-}
  mkdir -p "$TRESTLE_ENV_HOME/registry/$name"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage:"
    echo "  filesystem: {rootdirectory: $TRESTLE_ENV_HOME/registry/$name}"
    echo "  delete: {enabled: true}"
    echo "http:"
    echo "  addr: 127.0.0.1:$port"
    if [[ -n $secure ]]; then
      echo "  tls: {certificate: $PKI_DIR/registry.crt, key: $PKI_DIR/registry.key}"
      echo "auth:"
      echo "  htpasswd: {realm: trestle-secure-registry, path: $ETC_DIR/registry.htpasswd}"
    fi
  } >"$ETC_DIR/registry-$name.yml"
}

secure_registry_credentials() {
  mkdir -p "$PKI_DIR"
  if [[ ! -f $ETC_DIR/registry.password ]]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$ETC_DIR/registry.password"
    rm -f "$ETC_DIR/registry.htpasswd"
  fi
  [[ -f $ETC_DIR/registry.htpasswd ]] ||
    htpasswd -Bbn trestle "$(<"$ETC_DIR/registry.password")" >"$ETC_DIR/registry.htpasswd"
  if [[ ! -f $PKI_DIR/registry.crt ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$PKI_DIR/registry.key" -out "$PKI_DIR/registry.crt" 2>/dev/null
  fi
}

start_registries() {
  secure_registry_credentials
  registry_config plain "$REGISTRY_PORT"
  registry_config secure "$SECURE_REGISTRY_PORT" secure
  if ! is_running registry && ss -ltn "sport = :$REGISTRY_PORT" | grep -q LISTEN; then
    die "port $REGISTRY_PORT is taken by another process (set TRESTLE_REGISTRY_PORT)"
  fi
  start_daemon registry docker-registry serve "$ETC_DIR/registry-plain.yml"
  start_daemon registry-secure docker-registry serve "$ETC_DIR/registry-secure.yml"
  wait_for 30 "the registry on :$REGISTRY_PORT" http_ok "http://$REGISTRY/v2/"
  # Anonymous requests get 401 from the secure one; a 401 still proves it answers over TLS.
  wait_for 30 "the TLS registry on :$SECURE_REGISTRY_PORT" \
    curl -sS -o /dev/null --max-time 3 --cacert "$PKI_DIR/registry.crt" "https://$SECURE_REGISTRY/v2/"
}
