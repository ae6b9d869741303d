#!/usr/bin/env bash
# busybox from Debian's busybox-static, plus the users of the static base.
set -euo pipefail
r=$1/rootfs
mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/root" "$r/home/nonroot"
cp /bin/busybox "$r/bin/busybox"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n' >"$r/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$r/etc/group"
chmod 1777 "$r/tmp"
chown 65532:65532 "$r/home/nonroot"
