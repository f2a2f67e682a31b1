# syntax=docker/dockerfile:1
#
# robotpolicy in a container: `robotpolicy run` on the robot's onboard computer. docs/deployment.md, "Docker", has the
# exact commands. Two targets from one file:
#
#   x86-64 with an NVIDIA GPU (default): CUDA 13 runtime base, ONNX Runtime 1.32.0's GPU package
#     (Microsoft.ML.OnnxRuntime.Gpu.Linux) with its CUDA and TensorRT providers (the CUDA one runs on this base;
#     TensorRT also needs cuDNN 9 and TensorRT 10, which it lacks).
#       docker build -t robotpolicy:cuda .
#   Jetson (arm64, JetPack 6 / L4T r36): an L4T base, ONNX Runtime 1.32.0 for linux-arm64 (Microsoft.ML.OnnxRuntime),
#   which runs on the CPU (NuGet has no CUDA build of ONNX Runtime for arm64).
#       docker buildx build --platform linux/arm64 --build-arg RUNTIME_BASE=nvcr.io/nvidia/l4t-jetpack:r36.4.0 -t robotpolicy:l4t .
#
# The build stage runs on the build machine's own architecture and cross-publishes for the target's, so an arm64
# image builds on an x86-64 machine without emulating the SDK.

# Base images, overridable with --build-arg.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_BASE=nvidia/cuda:13.0.0-runtime-ubuntu24.04

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
# Everything, ONNX Runtime included, comes from NuGet: the SDK image needs nothing else.
WORKDIR /src
COPY . .
# Set by BuildKit from --platform: amd64 or arm64.
ARG TARGETARCH
# The CUDA/TensorRT provider libraries exist for linux-x64 only; GPU=false leaves them out of an x86-64 image.
ARG GPU=true
# .git is not in the build context: pass `--build-arg SOURCE_REVISION=$(git rev-parse --short=12 HEAD)` so bundles
# exported in the image record the revision (empty: none recorded).
ARG SOURCE_REVISION=
# Self-contained: the image carries its own .NET runtime, so the runtime base needs nothing installed (the CUDA and
# L4T bases are Ubuntu 24.04 and 22.04, with no .NET 10 runtime in their archives); InvariantGlobalization spares ICU.
RUN --mount=type=cache,target=/root/.nuget/packages \
    set -eu; \
    case "${TARGETARCH:-amd64}" in \
      amd64) rid=linux-x64; gpu="$GPU" ;; \
      arm64) rid=linux-arm64; gpu=false ;; \
      *) echo "unsupported TARGETARCH '$TARGETARCH' (amd64 or arm64)" >&2; exit 1 ;; \
    esac; \
    dotnet publish cli/RobotPolicy.Cli -c Release -r "$rid" --self-contained \
      -p:RobotPolicyGpu="$gpu" -p:SourceRevisionId="$SOURCE_REVISION" -o /out; \
    test -f /out/robotpolicy && test -f /out/libonnxruntime.so

FROM ${RUNTIME_BASE} AS runtime
# A user of its own (with a home: ONNX Runtime keeps a file under ~/.cache and warns without one), in dialout for
# serial devices (pass the host's group with --group-add when its dialout gid is
# not 20). Real-time priority comes from `--ulimit rtprio=N` at `docker run`, which works for a non-root user, and
# `--realtime`'s memory lock from `--ulimit memlock=-1`.
RUN groupadd --system robotpolicy \
    && useradd --system --gid robotpolicy --groups dialout --uid 10001 \
       --home-dir /home/robotpolicy --create-home --shell /usr/sbin/nologin robotpolicy \
    && mkdir -p /policy /data \
    && chown robotpolicy:robotpolicy /data
COPY --from=build /out /opt/robotpolicy
ENV PATH="/opt/robotpolicy:${PATH}" \
    ROBOTPOLICY_LOG_DIR=/data/log
USER robotpolicy
WORKDIR /data
# The bundle is mounted at /policy (read-only); telemetry, --out files and the log go to /data.
VOLUME ["/data"]
# `docker stop` sends SIGTERM: robotpolicy sends the robot the safe action and exits 130.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/robotpolicy/robotpolicy", "run"]
CMD ["/policy/policy.onnx", "--robot", "udp://0.0.0.0:9870?listen", "--telemetry", "/data/run.tlm"]
