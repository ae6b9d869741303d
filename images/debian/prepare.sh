#!/usr/bin/env bash
# A Debian slim root file system from debootstrap (minbase), packed as rootfs.tar.
set -euo pipefail
ctx=$1 suite=${DEBIAN_SUITE:-bookworm} mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
r=$(mktemp -d /var/tmp/trestle-debootstrap.XXXXXX)
trap 'rm -rf "$r"' EXIT
debootstrap --variant=minbase "$suite" "$r" "$mirror" >"$ctx/debootstrap.log" 2>&1 ||
  { tail -20 "$ctx/debootstrap.log" >&2; exit 1; }
# Slim it like Debian's -slim images: no docs, man pages or locales, now or in later installs.
cat >"$r/etc/dpkg/dpkg.cfg.d/trestle-slim" <<'D'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
D
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$r/etc/apt/apt.conf.d/99trestle"
printf 'deb %s %s main\ndeb %s %s-updates main\n' "$mirror" "$suite" "$mirror" "$suite" >"$r/etc/apt/sources.list"
find "$r/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
rm -rf "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin \
  "$r"/var/cache/apt/archives/*.deb "$r"/var/log/* "$r"/tmp/* "$r/debootstrap"
: >"$r/etc/machine-id"
tar --numeric-owner --xattrs -C "$r" -cf "$ctx/rootfs.tar" .
