#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian test oracles and tools; the product itself builds
# from NuGet alone), then builds and runs the whole suite. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

# Test oracles from Debian, used through Debian's own interpreter (/usr/bin/python3), socat, gcc and make.
missing=()
/usr/bin/python3 -c "import onnx" 2>/dev/null || missing+=(python3-onnx)
/usr/bin/python3 -c "import torch" 2>/dev/null || missing+=(python3-torch)
# JavaScript peers of the bridge's MessagePack codec (@msgpack/msgpack, msgpack-test-suite), fetched with npm.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
# Pseudo-terminal pairs (a serial cable in software) for the serial port's end-to-end tests.
command -v socat >/dev/null || missing+=(socat)
# A C compiler and make for the C99 firmware (robot-bridge/firmware): its unit tests and its interop test. libc6-dev
# is only a recommendation of gcc, which --no-install-recommends leaves out, and the host tools need its headers.
command -v cc >/dev/null || missing+=(gcc libc6-dev)
command -v make >/dev/null || missing+=(make)
# Deployment builds: NativeAOT links with clang; the arm64 builds are cross-linked with Debian's aarch64 toolchain and
# run under qemu-user in an arm64 sysroot that debootstrap unpacks (build/arm64/).
command -v clang >/dev/null || compgen -c clang- | grep -qE '^clang-[0-9]+$' || missing+=(clang)
command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
command -v debootstrap >/dev/null || missing+=(debootstrap)
# MuJoCo 2.2.2 for the mujoco-arm domain: the library and its headers (the binding's layout test compiles against
# them) and mujoco-testspeed, the library's own speed that `bench mujoco` is compared with.
[ -e /usr/include/mujoco/mujoco.h ] || missing+=(libmujoco-dev)
command -v mujoco-testspeed >/dev/null || missing+=(libmujoco-samples)
# A headless browser, to check that the HTML reports open and render (Debian's chromium).
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
if ((${#missing[@]})); then
  echo "installing test oracles: ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test RobotPolicy.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain summary line, whatever the test runner's own wording.
summary=$(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
exit "$status"
