# shellcheck shell=bash
# A single-node Kubernetes cluster from upstream binaries (built by build-k8s.sh): etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and kube-proxy as background
# processes, with the shared containerd as the node's runtime and a bridge CNI network.
# (Sourced by scripts/env.)

CLUSTER_DIR=$TRESTLE_ENV_HOME/cluster   # etcd data, per-component kubeconfigs and configs
NODE_STATE=/var/lib/trestle-env         # kubelet root and CNI IPAM: real mounts, not in the cache

# --- PKI (openssl); made once, kept in $PKI_DIR ---------------------------------------------
mkcert() { # NAME CN ORG SAN|-  -> $PKI_DIR/NAME.{crt,key}, signed by the cluster CA
  local name=$1 cn=$2 org=$3 san=$4 subj ext
  [[ -f $PKI_DIR/$name.crt ]] && return 0
  subj="/CN=$cn"
  [[ $org == - ]] || subj="/O=$org$subj"
  ext=$(mktemp)
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ $san == - ]]; then
      echo "extendedKeyUsage=clientAuth"
    else
      echo "extendedKeyUsage=serverAuth,clientAuth"
      echo "subjectAltName=$san"
    fi
  } >"$ext"
  openssl req -new -newkey rsa:2048 -nodes -subj "$subj" -keyout "$PKI_DIR/$name.key" \
    -out "$PKI_DIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI_DIR/$name.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$ext" -out "$PKI_DIR/$name.crt.tmp" 2>>"$LOG_DIR/pki.log" ||
    die "could not sign the $name certificate (see $LOG_DIR/pki.log)"
  mv "$PKI_DIR/$name.crt.tmp" "$PKI_DIR/$name.crt"
  rm -f "$ext" "$PKI_DIR/$name.csr"
}

make_pki() {
  mkdir -p "$PKI_DIR"
  if [[ ! -f $PKI_DIR/ca.crt ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=trestle-env-ca" \
      -keyout "$PKI_DIR/ca.key" -out "$PKI_DIR/ca.crt" 2>/dev/null
  fi
  mkcert apiserver kube-apiserver - \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:$NODE_IP,IP:$KUBERNETES_SERVICE_IP"
  # system:masters for the apiserver->kubelet client: logs, exec and port-forward need no extra
  # RBAC binding (the trap the k3s recipe warns about).
  mkcert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters -
  mkcert admin trestle-admin system:masters -
  mkcert controller-manager system:kube-controller-manager - -
  mkcert scheduler system:kube-scheduler - -
  mkcert kube-proxy system:kube-proxy - -
  mkcert kubelet-client "system:node:$NODE_NAME" system:nodes -
  mkcert kubelet "$NODE_NAME" - "DNS:$NODE_NAME,DNS:localhost,IP:$NODE_IP,IP:127.0.0.1"
  [[ -f $PKI_DIR/sa.key ]] || {
    openssl genrsa -out "$PKI_DIR/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>/dev/null
  }
}

b64() { base64 -w0 <"$1"; }
write_kubeconfig() { # FILE CERTNAME
  cat >"$1" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: trestle
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(b64 "$PKI_DIR/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(b64 "$PKI_DIR/$2.crt")
    client-key-data: $(b64 "$PKI_DIR/$2.key")
contexts:
- name: trestle
  context: {cluster: trestle, user: $2}
current-context: trestle
YAML
  chmod 600 "$1"
}

# --- node networking --------------------------------------------------------------------------
prepare_node_network() {
  # The node's address lives on the loopback interface (this kernel has no dummy links); it is not
  # a loopback address, so the kubelet accepts it, and traffic to it never leaves the machine.
  ip addr show dev lo | grep -q "inet $NODE_IP/" || ip addr add "$NODE_IP/32" dev lo
  # The control plane wants a default route to pick addresses; a machine without one gets a route
  # into the loopback interface, where packets for other hosts go nowhere.
  ip route show default | grep -q . || ip route add default dev lo metric 10000
  sysctl -qw net.ipv4.ip_forward=1
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || modprobe br_netfilter 2>/dev/null || true
  sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true
  # Pods may talk to each other and to this host, never past it: anything a pod sends that would
  # leave the pod bridge for another interface is dropped (no NAT either). The rule lives in the
  # mangle table, which the packet meets before the filter table where the CNI firewall plugin,
  # kube-proxy and Docker put their ACCEPT rules.
  iptables -t mangle -N TRESTLE-EGRESS 2>/dev/null || true
  iptables -t mangle -F TRESTLE-EGRESS
  iptables -t mangle -A TRESTLE-EGRESS -i "$POD_BRIDGE" ! -o "$POD_BRIDGE" -j DROP
  iptables -t mangle -C FORWARD -j TRESTLE-EGRESS 2>/dev/null || iptables -t mangle -I FORWARD 1 -j TRESTLE-EGRESS
  mkdir -p "$NODE_STATE/cni-ipam" "$ETC_DIR/cni"
  cat >"$ETC_DIR/cni/10-trestle.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "trestle",
  "plugins": [
    {
      "type": "bridge", "bridge": "$POD_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": { "type": "host-local", "dataDir": "$NODE_STATE/cni-ipam",
                "ranges": [[{ "subnet": "$POD_CIDR" }]], "routes": [{ "dst": "0.0.0.0/0" }] }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "firewall" }
  ]
}
JSON
}

# --- control plane and node -------------------------------------------------------------------
kctl() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

start_control_plane() {
  mkdir -p "$CLUSTER_DIR"
  make_pki
  write_kubeconfig "$KUBECONFIG_FILE" admin
  write_kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" controller-manager
  write_kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" scheduler
  write_kubeconfig "$CLUSTER_DIR/kube-proxy.kubeconfig" kube-proxy
  write_kubeconfig "$CLUSTER_DIR/kubelet.kubeconfig" kubelet-client

  start_daemon etcd "$TOOLS_BIN/etcd-$ETCD_VERSION" --name trestle --data-dir "$CLUSTER_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster trestle=http://127.0.0.1:2380 --unsafe-no-fsync --log-level warn
  wait_for 60 etcd http_ok "http://127.0.0.1:$ETCD_PORT/health"

  start_daemon kube-apiserver "$K8S_BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --secure-port "$APISERVER_PORT" --advertise-address "$NODE_IP" \
    --tls-cert-file "$PKI_DIR/apiserver.crt" --tls-private-key-file "$PKI_DIR/apiserver.key" \
    --client-ca-file "$PKI_DIR/ca.crt" \
    --kubelet-client-certificate "$PKI_DIR/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$PKI_DIR/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI_DIR/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI_DIR/sa.pub" --service-account-signing-key-file "$PKI_DIR/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --service-node-port-range 30000-32767 \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=true --profiling=false --v=1
  wait_for 120 kube-apiserver kctl get --raw /readyz

  start_daemon kube-controller-manager "$K8S_BIN/kube-controller-manager" \
    --kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials \
    --service-account-private-key-file "$PKI_DIR/sa.key" --root-ca-file "$PKI_DIR/ca.crt" \
    --cluster-signing-cert-file "$PKI_DIR/ca.crt" --cluster-signing-key-file "$PKI_DIR/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --profiling=false --v=1
  start_daemon kube-scheduler "$K8S_BIN/kube-scheduler" \
    --kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false --v=1
}

# Cluster DNS: CoreDNS as a host process on the node's address, serving cluster.local from the API.
# Names outside the cluster get no answer (nothing is forwarded: no traffic leaves the machine).
start_dns() {
  cat >"$CLUSTER_DIR/Corefile" <<COREFILE
.:53 {
    bind $NODE_IP
    ready 127.0.0.1:8181
    errors
    cache 30
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $KUBECONFIG_FILE trestle
        pods insecure
    }
}
COREFILE
  start_daemon coredns "$TOOLS_BIN/coredns-$COREDNS_VERSION" -conf "$CLUSTER_DIR/Corefile"
  wait_for 60 "CoreDNS" http_ok http://127.0.0.1:8181/ready
}

start_node() {
  prepare_node_network
  mkdir -p "$NODE_STATE/kubelet"
  # Pods with dnsPolicy Default get a resolver on their own loopback, so a lookup fails at once
  # instead of querying the machine's resolver (whose traffic the egress chain would drop anyway).
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$CLUSTER_DIR/resolv.conf"
  cat >"$CLUSTER_DIR/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI_DIR/ca.crt}
authorization: {mode: Webhook}
tlsCertFile: $PKI_DIR/kubelet.crt
tlsPrivateKeyFile: $PKI_DIR/kubelet.key
cgroupDriver: cgroupfs
failCgroupV1: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
failSwapOn: false
oomScoreAdj: 0
clusterDomain: cluster.local
clusterDNS: [$NODE_IP]
resolvConf: $CLUSTER_DIR/resolv.conf
serializeImagePulls: false
imageGCHighThresholdPercent: 99
imageGCLowThresholdPercent: 98
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
rotateCertificates: false
YAML
  start_daemon kubelet "$K8S_BIN/kubelet" --config "$CLUSTER_DIR/kubelet.yaml" \
    --kubeconfig "$CLUSTER_DIR/kubelet.kubeconfig" --root-dir "$NODE_STATE/kubelet" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" --v=1
  start_daemon kube-proxy "$K8S_BIN/kube-proxy" --kubeconfig "$CLUSTER_DIR/kube-proxy.kubeconfig" \
    --hostname-override "$NODE_NAME" --cluster-cidr "$POD_CIDR" --proxy-mode iptables \
    --nodeport-addresses "$NODE_IP/32" --metrics-bind-address 127.0.0.1:10249 \
    --healthz-bind-address 127.0.0.1:10256 --conntrack-max-per-core 0 --oom-score-adj 0 \
    --conntrack-tcp-timeout-established 0 --conntrack-tcp-timeout-close-wait 0 --v=1
}

node_ready() {
  [[ $(kctl get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null) == True ]]
}

wait_cluster_ready() { # -> 0 when the node is Ready and a namespace has its service account
  local i
  for ((i = 0; i < 180; i++)); do
    if node_ready && kctl -n default get serviceaccount default >/dev/null 2>&1 &&
      kctl -n default get configmap kube-root-ca.crt >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  return 1
}

# Proves that pods really run (sandbox, container, logs), not just that the node says Ready: a pod
# that prints a line and exits. Remembered per kubelet process, so a warm `up` skips it.
probe_pods() {
  local kpid stamp=$RUN_DIR/pods-ok phase i
  kpid=$(pid_of kubelet) || return 1
  [[ -f $stamp && $(<"$stamp") == "$kpid" ]] && return 0
  kctl -n default delete pod trestle-env-probe --ignore-not-found --wait=true >/dev/null 2>&1 || true
  kctl -n default apply -f - >/dev/null <<YAML || return 1
apiVersion: v1
kind: Pod
metadata: {name: trestle-env-probe}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 0
  containers: [{name: probe, image: "$REGISTRY/trestle/busybox:latest", command: [sh, -c, "echo pods-run"]}]
YAML
  for ((i = 0; i < 120; i++)); do
    phase=$(kctl -n default get pod trestle-env-probe -o 'jsonpath={.status.phase}' 2>/dev/null || true)
    [[ $phase == Succeeded || $phase == Failed ]] && break
    sleep 1
  done
  if [[ $phase == Succeeded && $(kctl -n default logs trestle-env-probe 2>/dev/null) == pods-run ]]; then
    kctl -n default delete pod trestle-env-probe --wait=false >/dev/null 2>&1 || true
    echo "$kpid" >"$stamp"
    return 0
  fi
  log "the probe pod did not run (phase '${phase:-none}'); its events:"
  kctl -n default get events --field-selector involvedObject.name=trestle-env-probe >&2 || true
  return 1
}

stop_cluster() {
  local c
  for c in kube-proxy kubelet coredns kube-scheduler kube-controller-manager kube-apiserver etcd; do
    stop_daemon "$c"
  done
}

# Stops the pods' containers that the kubelet left behind (after it is stopped) and unmounts
# their volumes, so that the engine can stop and a later start begins clean.
cleanup_node() {
  local ids c m
  if [[ -S $CONTAINERD_SOCK ]]; then
    ids=$(ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks ls -q 2>/dev/null || true)
    for c in $ids; do ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks kill -s KILL "$c" >/dev/null 2>&1 || true; done
    for c in $ids; do
      for _ in 1 2 3 4 5 6 7 8 9 10; do
        ctr --address "$CONTAINERD_SOCK" -n k8s.io tasks delete "$c" >/dev/null 2>&1 && break
        sleep 0.3
      done
    done
  fi
  # The kubelet bind-mounts its root onto itself and mounts each pod's volumes below it.
  while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(node_mounts | sort -r)
}

node_mounts() { # the mount points at or below the kubelet's root
  awk -v p="$NODE_STATE/kubelet" '$2 == p || index($2, p "/") == 1 {print $2}' /proc/mounts
}
