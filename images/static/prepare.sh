#!/usr/bin/env bash
# A distroless-like static root: CA certificates, time zones, users root/nonroot(65532)/nobody, /tmp.
set -euo pipefail
r=$1/rootfs
mkdir -p "$r/etc/ssl/certs" "$r/usr/share" "$r/tmp" "$r/home/nonroot" "$r/root"
cp /etc/ssl/certs/ca-certificates.crt "$r/etc/ssl/certs/"
cp -a /usr/share/zoneinfo "$r/usr/share/"
cat >"$r/etc/passwd" <<'P'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
P
cat >"$r/etc/group" <<'G'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
G
printf 'hosts: files dns\n' >"$r/etc/nsswitch.conf"
chmod 1777 "$r/tmp"
chmod 700 "$r/root"
chown 65532:65532 "$r/home/nonroot"
