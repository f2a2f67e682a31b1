#!/usr/bin/env bash
# Deployment builds of robotpolicy-runtime (the runtime-only executable), with their sizes and start-up times.
#
#   bash build/publish-runtime.sh [OUT] [BUNDLE]
#
# OUT (default out/runtime) gets one folder per build:
#   linux-x64-aot/    NativeAOT (dotnet publish -r linux-x64 -p:PublishAot=true), when the NuGet source serves the
#                     NativeAOT runtime pack (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64) and clang is installed
#   linux-x64/        self-contained, trimmed, ReadyToRun (runs without an installed .NET)
#   linux-arm64/      Jetson-class: self-contained when the NuGet source serves the linux-arm64 runtime pack, else
#                     portable (run as `dotnet robotpolicy-runtime.dll` with the .NET 10 runtime on the device);
#                     either way with ONNX Runtime's arm64 libonnxruntime.so beside it
# and prints each build's size and, for the x64 builds, the time from exec to the first policy step completing
# (`robotpolicy-runtime bench first-step BUNDLE --t0 $EPOCHREALTIME`, 5 runs, median) and to the process's exit.
# BUNDLE defaults to the built-in example (robotpolicy export --example), written to OUT/example.onnx.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/out/runtime}")"
bundle="${2:-}"
project="$root/cli/RobotPolicy.Runtime.Cli"
runs=5
mkdir -p "$out"
cd "$root" || exit 1

note() { printf '%s\n' "$*" >&2; }

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
  printf '  %-28s %s in %s files\n' "whole folder" "$(size_mb "$total")" "$(find "$dir" -type f | wc -l)"
}

report_startup() { # executable
  local exe="$1" firsts=() exits=() json start end
  "$exe" bench first-step "$bundle" >/dev/null 2>&1 # one unmeasured run: the page cache, as on a robot that has booted
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    json="$("$exe" bench first-step "$bundle" --t0 "$start" --json)" || { note "  bench first-step failed"; return 1; }
    end=$EPOCHREALTIME
    firsts+=("$(grep -o '"exec_to_first_step_ms": [0-9.]*' <<<"$json" | grep -oE '[0-9.]+$')")
    exits+=("$(awk -v a="${start/,/.}" -v b="${end/,/.}" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
  done
  printf '  exec -> first step done     median %s ms of %d runs (%s)\n' "$(printf '%s\n' "${firsts[@]}" | median)" "$runs" "${firsts[*]}"
  printf '  exec -> process exit        median %s ms (%s)\n' "$(printf '%s\n' "${exits[@]}" | median)" "${exits[*]}"
  printf '  last run: %s\n' "$("$exe" bench first-step "$bundle" --t0 "$EPOCHREALTIME")"
}

if [[ -z "$bundle" ]]; then
  bundle="$out/example.onnx"
  note "writing the example bundle: robotpolicy export --example --out $bundle"
  dotnet run -c Release --project "$root/cli/RobotPolicy.Cli" -- export --example --out "$bundle" >/dev/null || exit 1
fi

# NativeAOT links with clang; Debian's clang-NN packages install only the versioned name.
aot_args=(-r linux-x64 -p:PublishAot=true)
if ! command -v clang >/dev/null; then
  versioned="$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -n1)"
  [[ -n "$versioned" ]] && aot_args+=("-p:CppCompilerAndLinker=$versioned")
fi
built_aot=0; built_x64=0; built_arm64=""
publish linux-x64-aot "${aot_args[@]}" && built_aot=1
publish linux-x64 -r linux-x64 --self-contained -p:PublishTrimmed=true -p:PublishReadyToRun=true && built_x64=1
if publish linux-arm64 -r linux-arm64 --self-contained; then
  built_arm64=self-contained
elif publish linux-arm64; then
  built_arm64=portable
fi

echo
echo "robotpolicy-runtime deployment builds ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)), bundle $(basename "$bundle"):"
if ((built_aot)); then
  echo "linux-x64 NativeAOT ($out/linux-x64-aot):"
  report_size "$out/linux-x64-aot" robotpolicy-runtime
  report_startup "$out/linux-x64-aot/robotpolicy-runtime"
else
  echo "linux-x64 NativeAOT: not built here (see above)"
fi
if ((built_x64)); then
  echo "linux-x64 self-contained, trimmed, ReadyToRun ($out/linux-x64):"
  report_size "$out/linux-x64" robotpolicy-runtime
  report_startup "$out/linux-x64/robotpolicy-runtime"
fi
if [[ -n "$built_arm64" ]]; then
  echo "linux-arm64 $built_arm64 ($out/linux-arm64; not run here):"
  if [[ "$built_arm64" == portable ]]; then
    report_size "$out/linux-arm64" robotpolicy-runtime.dll
    echo "  on the device: dotnet robotpolicy-runtime.dll bench first-step policy.onnx"
  else
    report_size "$out/linux-arm64" robotpolicy-runtime
  fi
fi
