#!/usr/bin/env bash
# The speed ratios of the README: on a three-minute 720p input (benchmarks/tq-inputs.sh builds it from ../shared/media),
# per encoder, one process times the search (no cache), the full encode at its answer and a sampled verification, one after
# the other, and prints search / encode and (search + sampled verification) / encode, in wall time and in the process's CPU
# time, and the search's phases (key frames, samples, probes) in wall/CPU seconds. Goals: ≤ 20 % and ≤ 30 %.
# Usage: benchmarks/tq-speed.sh [--encoders libx264:fast,libx265:fast,libsvtav1:10] [--target 95]
# TQ_SPEED_INPUT=speed180-moving.mp4 times the input of moving footage only (speed180.mp4 ends in repeated frames).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${TQ_WORK:-/tmp/ovni-tq-bench}
export OVNI_VMAF_MODELS=${OVNI_VMAF_MODELS:-$(realpath ../shared/vmaf/models)}
benchmarks/tq-inputs.sh "$work" # TQ_INPUTS=speed180.mp4 builds only what this script needs
dotnet build benchmarks/Ovni.TargetQualityBench -c Release -nologo -v q >/dev/null
echo "| encoder (preset) | search | full encode | sampled verification | search / encode | (search + verification) / encode | plan | load |"
echo "|---|---|---|---|---|---|---|---|"
nice -n "${NICE:-10}" dotnet benchmarks/Ovni.TargetQualityBench/bin/Release/net10.0/Ovni.TargetQualityBench.dll speed \
  --input "$work/inputs/${TQ_SPEED_INPUT:-speed180.mp4}" --work "$work/speed" "$@"
