#!/usr/bin/env bash
# An arm64 (aarch64) Debian 12 root file system for running arm64 builds under qemu-user (qemu-aarch64 -L DIR):
# the C library and loader, libstdc++ (ONNX Runtime) and libssl (.NET's SHA-256, used by the bundle hash check).
# Built once with `debootstrap --foreign` (which only unpacks packages: no arm64 code runs) and cached.
#
#   bash build/arm64/sysroot.sh [DIR]      # prints DIR when it is ready
#
# DIR defaults to $ROBOTPOLICY_CACHE_DIR (else ~/.cache/robotpolicy)/arm64-sysroot-bookworm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../debian-packages.sh
. "$here/../debian-packages.sh"

cache="${ROBOTPOLICY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/robotpolicy}"
dir="$(realpath -m "${1:-$cache/arm64-sysroot-bookworm}")"
# Bumped when what goes in changes, so an older cached sysroot is rebuilt.
content="bookworm minbase + libssl3 libstdc++6, v1"
if [[ -f "$dir/.robotpolicy-sysroot" && "$(cat "$dir/.robotpolicy-sysroot")" == "$content" ]]; then
  echo "$dir"
  exit 0
fi

need_packages debootstrap:debootstrap dpkg-deb:dpkg
mirror="$(sed -nE 's/^URIs: *(http[^ ]*debian)\/?$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)"
mirror="${mirror:-http://deb.debian.org/debian}"
tmp="$dir.partial.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "building the arm64 sysroot in $dir (debootstrap --foreign --arch=arm64 bookworm, about 30 s)" >&2
if ! debootstrap --foreign --arch=arm64 --variant=minbase --include=libssl3,libstdc++6 bookworm "$tmp" "$mirror" >"$tmp.log" 2>&1; then
  echo "error: debootstrap could not unpack arm64 bookworm from $mirror: $(grep -m1 -E '^E:' "$tmp.log" || tail -n1 "$tmp.log")" >&2
  rm -f "$tmp.log"
  exit 1
fi
rm -f "$tmp.log"
# --foreign unpacks the required packages and leaves --include's in the archive cache: unpack those too.
for deb in "$tmp"/var/cache/apt/archives/libssl3_*_arm64.deb "$tmp"/var/cache/apt/archives/libstdc++6_*_arm64.deb; do
  [[ -f "$deb" ]] && dpkg-deb -x "$deb" "$tmp"
done
rm -rf "$tmp"/var/cache/apt/archives/*.deb
echo "$content" >"$tmp/.robotpolicy-sysroot"
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
mv "$tmp" "$dir"
trap - EXIT
echo "$dir"
