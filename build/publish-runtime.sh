#!/usr/bin/env bash
# Deployment builds of robotpolicy-runtime (the runtime-only executable), with their sizes and start-up times.
#
#   bash build/publish-runtime.sh [OUT] [BUNDLE]
#
# OUT (default out/runtime) gets one folder per build:
#   linux-x64-aot/     NativeAOT: one native executable (dotnet publish -r linux-x64 -p:PublishAot=true)
#   linux-x64/         self-contained, trimmed, ReadyToRun (runs without an installed .NET)
#   linux-arm64-aot/   NativeAOT for Jetson-class arm64, cross-compiled with clang and Debian's aarch64 toolchain
#   linux-arm64/       self-contained for linux-arm64
# each with ONNX Runtime's libonnxruntime.so for its architecture beside the executable. It prints each build's
# size and the time from exec to the first policy step completing (`robotpolicy-runtime bench first-step BUNDLE
# --t0 $EPOCHREALTIME`, 5 runs after one unmeasured, median): natively for x64, and for arm64 under qemu-user
# (build/arm64/run.sh; emulated, so only a check that it runs, not a speed). Installs clang, the aarch64 cross
# toolchain and qemu-user from Debian when missing. BUNDLE defaults to the built-in example, written to OUT/example.onnx.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/out/runtime}")"
bundle="${2:-}"
project="$root/cli/RobotPolicy.Runtime.Cli"
runs=5
mkdir -p "$out"
cd "$root" || exit 1

note() { printf '%s\n' "$*" >&2; }
# shellcheck source=debian-packages.sh
. "$root/build/debian-packages.sh"
need_packages aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu qemu-aarch64:qemu-user || exit 1
clang="$(find_clang)"
if [[ -z "$clang" ]]; then
  need_packages clang:clang || exit 1
  clang=clang
fi
# `dotnet publish` quietly; on failure say why in one line (the NuGet error when a pack is missing) and return 1.
publish() {
  local name="$1"; shift
  local log="$out/$name.publish.log"
  rm -rf "${out:?}/$name"
  note "publishing $name: dotnet publish cli/RobotPolicy.Runtime.Cli -c Release $* -o $out/$name"
  if dotnet publish "$project" -c Release "$@" -o "$out/$name" >"$log" 2>&1; then
    return 0
  fi
  local why
  why="$(grep -m1 -oE 'error [A-Z]+[0-9]+: [^[]*' "$log" || tail -n1 "$log")"
  note "  $name: not built here: $why(log: $log)"
  rm -rf "${out:?}/$name"
  return 1
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

elf_machine() { # the ELF e_machine of a file: x86-64 or aarch64
  case "$(od -An -tx1 -j18 -N2 "$1" | tr -d ' ')" in
    3e00) echo x86-64 ;; b700) echo aarch64 ;; *) echo unknown ;;
  esac
}

size_mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

report_size() { # folder, executable
  local dir="$1" exe="$2"
  local total exe_size ort_size
  total="$(du -sb "$dir" | cut -f1)"
  exe_size="$(stat -c %s "$dir/$exe")"
  ort_size="$(stat -c %s "$dir/libonnxruntime.so")"
  printf '  %-28s %s\n' "$exe" "$(size_mb "$exe_size")"
  printf '  %-28s %s (%s)\n' "libonnxruntime.so" "$(size_mb "$ort_size")" "$(elf_machine "$dir/libonnxruntime.so")"
  local symbols
  symbols="$(find "$dir" -type f \( -name '*.dbg' -o -name '*.pdb' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
  printf '  %-28s %s in %s files, %s of it debug symbols (.dbg, .pdb: not needed on the robot)\n' "whole folder" \
    "$(size_mb "$total")" "$(find "$dir" -type f | wc -l)" "$(size_mb "$symbols")"
}

report_startup() { # executable [runner...]: the runner (build/arm64/run.sh) goes before the executable
  local exe="$1"; shift
  local runner=("$@") firsts=() exits=() json start end
  "${runner[@]}" "$exe" bench first-step "$bundle" >/dev/null 2>&1 # one unmeasured run: the page cache, as on a robot that has booted
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    json="$("${runner[@]}" "$exe" bench first-step "$bundle" --t0 "$start" --json)" || { note "  bench first-step failed"; return 1; }
    end=$EPOCHREALTIME
    firsts+=("$(grep -o '"exec_to_first_step_ms": [0-9.]*' <<<"$json" | grep -oE '[0-9.]+$')")
    exits+=("$(awk -v a="${start/,/.}" -v b="${end/,/.}" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
  done
  printf '  exec -> first step done     median %s ms of %d runs (%s)\n' "$(printf '%s\n' "${firsts[@]}" | median)" "$runs" "${firsts[*]}"
  printf '  exec -> process exit        median %s ms (%s)\n' "$(printf '%s\n' "${exits[@]}" | median)" "${exits[*]}"
  printf '  last run: %s\n' "$("${runner[@]}" "$exe" bench first-step "$bundle" --t0 "$EPOCHREALTIME")"
}

if [[ -z "$bundle" ]]; then
  bundle="$out/example.onnx"
  note "writing the example bundle: robotpolicy export --example --out $bundle"
  dotnet run -c Release --project "$root/cli/RobotPolicy.Cli" -- export --example --out "$bundle" >/dev/null || exit 1
fi

built=()
publish linux-x64-aot -r linux-x64 -p:PublishAot=true "-p:CppCompilerAndLinker=$clang" && built+=(linux-x64-aot)
publish linux-x64 -r linux-x64 --self-contained -p:PublishTrimmed=true -p:PublishReadyToRun=true && built+=(linux-x64)
publish linux-arm64-aot -r linux-arm64 -p:PublishAot=true "-p:CppCompilerAndLinker=$clang" && built+=(linux-arm64-aot)
publish linux-arm64 -r linux-arm64 --self-contained && built+=(linux-arm64)

echo
echo "robotpolicy-runtime deployment builds ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)), bundle $(basename "$bundle"):"
for name in "${built[@]}"; do
  case "$name" in
    linux-x64-aot) title="linux-x64 NativeAOT" ;;
    linux-x64) title="linux-x64 self-contained, trimmed, ReadyToRun" ;;
    linux-arm64-aot) title="linux-arm64 NativeAOT (timed under qemu-user emulation: not a speed)" ;;
    linux-arm64) title="linux-arm64 self-contained (timed under qemu-user emulation: not a speed)" ;;
  esac
  echo "$title ($out/$name):"
  report_size "$out/$name" robotpolicy-runtime
  if [[ "$name" == linux-arm64* ]]; then
    report_startup "$out/$name/robotpolicy-runtime" bash "$root/build/arm64/run.sh"
  else
    report_startup "$out/$name/robotpolicy-runtime"
  fi
done
((${#built[@]} == 4)) || { note "not every build was made (see above)"; exit 1; }
