#!/usr/bin/env bash
# The accuracy table of the README: builds the test set (benchmarks/tq-inputs.sh: five 720p inputs of about two minutes
# from ../shared/media), then for x264 (fast), x265 (fast) and SVT-AV1 (preset 10) at targets 90 and 95 runs the search,
# the full encode at its answer and the full-file VMAF of every encode (ovni encode --verify full), appending one line per
# case to $TQ_WORK/results.jsonl, and prints the table and the summary against the issue's goals.
# Resumable: stop it at any time; a rerun skips the cases already in results.jsonl (probes are cached in SQLite too).
# Usage: benchmarks/tq-accuracy.sh [extra arguments, e.g. --only animation,screen --encoders libx264:fast]
# Environment: TQ_WORK (default /tmp/ovni-tq-bench), NICE (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${TQ_WORK:-/tmp/ovni-tq-bench}
export OVNI_VMAF_MODELS=${OVNI_VMAF_MODELS:-$(realpath ../shared/vmaf/models)}
benchmarks/tq-inputs.sh "$work"
dotnet build benchmarks/Ovni.TargetQualityBench -c Release -nologo -v q >/dev/null
bench() { nice -n "${NICE:-10}" dotnet benchmarks/Ovni.TargetQualityBench/bin/Release/net10.0/Ovni.TargetQualityBench.dll "$@"; }
bench accuracy --inputs "$work/inputs" --work "$work" "$@"
bench table --work "$work"
