#!/usr/bin/env bash
# The GPU check: run as is on a machine with an NVIDIA GPU (its driver and CUDA 13; cuDNN 9 and TensorRT 10 for the
# tensorrt row) and the .NET 10 SDK, from a clone of this repository.
#
#   bash deploy/gpu-check.sh [OUT] [--runtime DIR] [--bundle FILE]
#
# Builds robotpolicy-runtime with ONNX Runtime's CUDA/TensorRT package (-p:RobotPolicyGpu=true; --runtime DIR uses
# one already built there), exports the built-in example bundle (--bundle FILE: that bundle instead), runs `doctor --provider cuda`, then `bench gpu`:
# bench infer on cpu, cuda, cuda as a CUDA graph and tensorrt, and a batch sweep (1 to 4096) on cpu and cuda.
# OUT (default out/gpu-check) gets doctor.json, gpu.json and gpu.html. Exit 0: measured; 2: no usable GPU here,
# nothing measured (the line says why); 1: something else failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="" runtime="" bundle=""
while (($#)); do
  case "$1" in
    --runtime) [[ $# -ge 2 ]] || { echo "error: --runtime needs a folder" >&2; exit 1; }; runtime="$2"; shift 2 ;;
    --bundle) [[ $# -ge 2 ]] || { echo "error: --bundle needs a file" >&2; exit 1; }; bundle="$2"; shift 2 ;;
    -*) echo "error: unknown option $1 (usage: bash deploy/gpu-check.sh [OUT] [--runtime DIR] [--bundle FILE])" >&2; exit 1 ;;
    *) out="$1"; shift ;;
  esac
done
out="$(realpath -m "${out:-$root/out/gpu-check}")"
mkdir -p "$out"

if [[ -z "$runtime" ]]; then
  runtime="$out/runtime"
  echo "building robotpolicy-runtime with ONNX Runtime's GPU package into $runtime" >&2
  if ! dotnet publish "$root/cli/RobotPolicy.Runtime.Cli" -c Release -r linux-x64 --self-contained false \
      -p:RobotPolicyGpu=true -o "$runtime" >"$out/publish.log" 2>&1; then
    echo "error: the GPU build failed: $(grep -m1 -oE 'error [A-Z]+[0-9]+: [^[]*' "$out/publish.log" || tail -n1 "$out/publish.log") (log: $out/publish.log)" >&2
    exit 1
  fi
fi
exe="$runtime/robotpolicy-runtime"
[[ -x "$exe" ]] || { echo "error: $exe: no robotpolicy-runtime there" >&2; exit 1; }

if [[ -n "$bundle" ]]; then
  [[ -f "$bundle" ]] || { echo "error: $bundle: no such bundle" >&2; exit 1; }
else
  bundle="$out/example.onnx"
fi
if [[ ! -f "$bundle" ]]; then
  dotnet run -c Release --project "$root/cli/RobotPolicy.Cli" -- export --example --out "$bundle" >/dev/null \
    || { echo "error: exporting the example bundle failed" >&2; exit 1; }
fi

"$exe" doctor --provider cuda --json >"$out/doctor.json" 2>/dev/null
"$exe" doctor --provider cuda || true

"$exe" bench gpu "$bundle" --out "$out" 2>"$out/bench-gpu.err"
status=$?
cat "$out/bench-gpu.err" >&2
if ((status != 0)); then
  if grep -q "no usable NVIDIA GPU" "$out/bench-gpu.err"; then
    echo "gpu-check: no usable NVIDIA GPU on this machine ($(date -u +%Y-%m-%d)); nothing was measured" >&2
    exit 2
  fi
  exit 1
fi
echo "gpu-check: $out/gpu.json and $out/gpu.html"
