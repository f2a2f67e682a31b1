#!/usr/bin/env bash
# Runs an arm64 (aarch64) build of robotpolicy-runtime on this x86-64 machine under Debian's qemu-user, as the
# proof that the arm64 builds run until real hardware is at hand.
#
#   bash build/arm64/run.sh [--sysroot DIR] EXECUTABLE [ARGS...]
#
# DIR: an arm64 root file system (default: the one build/arm64/sysroot.sh makes and caches). The emulated CPU is
# described as a two-core Cortex-A78AE (Jetson Orin's core) to ONNX Runtime's CPU detection: see fake_cpu.c.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../debian-packages.sh
. "$here/../debian-packages.sh"

sysroot=""
if [[ "${1:-}" == "--sysroot" ]]; then
  [[ $# -ge 2 ]] || { echo "error: --sysroot needs a folder" >&2; exit 2; }
  sysroot="$2"; shift 2
fi
[[ $# -ge 1 ]] || { echo "usage: bash build/arm64/run.sh [--sysroot DIR] EXECUTABLE [ARGS...]" >&2; exit 2; }
exe="$1"; shift
[[ -f "$exe" ]] || { echo "error: $exe: no such file" >&2; exit 2; }
if [[ "$(od -An -tx1 -j18 -N2 "$exe" 2>/dev/null | tr -d ' ')" != "b700" ]]; then
  echo "error: $exe is not an arm64 (aarch64) executable" >&2; exit 2
fi

need_packages qemu-aarch64:qemu-user aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu
if [[ -z "$sysroot" ]]; then
  sysroot="$(bash "$here/sysroot.sh")"
fi
sysroot="$(realpath -m "$sysroot")"
loader="$sysroot/lib/ld-linux-aarch64.so.1"
if [[ ! -e "$loader" ]]; then
  echo "error: $sysroot is not an arm64 sysroot: it has no lib/ld-linux-aarch64.so.1 (make one with bash build/arm64/sysroot.sh)" >&2; exit 2
fi
if [[ "$(od -An -tx1 -j18 -N2 "$(realpath "$loader")" 2>/dev/null | tr -d ' ')" != "b700" ]]; then
  echo "error: $sysroot is not an arm64 sysroot: its lib/ld-linux-aarch64.so.1 is not an aarch64 file" >&2; exit 2
fi
for lib in libstdc++.so.6 libssl.so.3; do
  if [[ ! -e "$sysroot/usr/lib/aarch64-linux-gnu/$lib" && ! -e "$sysroot/lib/$lib" ]]; then
    echo "error: $sysroot lacks $lib (ONNX Runtime and .NET need it; build/arm64/sysroot.sh makes a sysroot that has it)" >&2; exit 2
  fi
done

# The shim and the fake CPU description, built once beside the sysroot's cache.
cache="${ROBOTPOLICY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/robotpolicy}/arm64-emulation"
shim="$cache/fake_cpu-$(sha256sum "$here/fake_cpu.c" | cut -c1-12).so"
root="$cache/cpu-root"
if [[ ! -f "$shim" ]]; then
  mkdir -p "$cache"
  aarch64-linux-gnu-gcc -shared -fPIC -O2 -o "$shim.$$" "$here/fake_cpu.c" -ldl && mv "$shim.$$" "$shim"
fi
if [[ ! -f "$root/.complete" ]]; then
  rm -rf "$root.$$"; mkdir -p "$root.$$/proc" "$root.$$/sys/devices/system/cpu"
  for c in 0 1; do
    printf 'processor\t: %d\nBogoMIPS\t: 62.50\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x1\nCPU part\t: 0xd42\nCPU revision\t: 1\n\n' "$c" >>"$root.$$/proc/cpuinfo"
    t="$root.$$/sys/devices/system/cpu/cpu$c/topology"; mkdir -p "$t"
    echo 0 >"$t/physical_package_id"; echo 0-1 >"$t/cluster_cpus_list"; echo 0-1 >"$t/core_siblings_list"
    echo "$c" >"$t/thread_siblings_list"; echo "$c" >"$t/core_id"
  done
  for f in possible present online; do echo 0-1 >"$root.$$/sys/devices/system/cpu/$f"; done
  echo 1 >"$root.$$/sys/devices/system/cpu/kernel_max"
  touch "$root.$$/.complete"
  rm -rf "$root"; mv "$root.$$" "$root"
fi

exec qemu-aarch64 -L "$sysroot" -E LD_PRELOAD="$shim" -E FAKE_CPU_ROOT="$root" "$exe" "$@"
