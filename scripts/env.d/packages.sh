# shellcheck shell=bash
# Installs what the environment needs from Debian's packages (sourced by scripts/env).
# Runs `apt-get update` once, and only when something is missing, so a warm machine pays nothing.

# command -> Debian package
declare -A TRESTLE_PKGS=(
  [dockerd]=docker.io [containerd]=containerd [runc]=runc [docker-registry]=docker-registry
  [/usr/lib/cni/bridge]=containernetworking-plugins [iptables]=iptables [conntrack]=conntrack
  [ip]=iproute2 [modprobe]=kmod [debootstrap]=debootstrap [/bin/busybox]=busybox-static
  [jq]=jq [curl]=curl [htpasswd]=apache2-utils [socat]=socat [openssl]=openssl
  [/usr/share/zoneinfo/UTC]=tzdata [/etc/ssl/certs/ca-certificates.crt]=ca-certificates
  [gcc]=gcc [/usr/lib/x86_64-linux-gnu/libc.a]=libc6-dev [nsenter]=util-linux
)

ensure_packages() {
  local missing=() k
  for k in "${!TRESTLE_PKGS[@]}"; do
    if [[ $k == /* ]]; then [[ -e $k ]] && continue; else command -v "$k" >/dev/null 2>&1 && continue; fi
    missing+=("${TRESTLE_PKGS[$k]}")
  done
  ((${#missing[@]})) || return 0
  [[ $(id -u) == 0 ]] || die "need root to install: ${missing[*]}"
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing Debian packages: ${missing[*]}"
  # Keep the packages' init scripts from starting their own daemons (docker, the auth-enabled
  # registry on :5000): we start ours with our own configs.
  local made_policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >>"$LOG_DIR/apt.log" 2>&1 || rc=$?
  [[ -n $made_policy ]] && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || die "apt-get failed (see $LOG_DIR/apt.log)"
}
