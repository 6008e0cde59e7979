#!/usr/bin/env bash
# Scene detection's cost against a plain decode of a 1080p H.264 file (goal: detection lowers the decode rate by at most
# 10 %). The clip: Sintel's fight scene scaled to 1920x1080, H.264 High (x264 medium, CRF 20), 298 frames (the clip of
# benchmarks/compare-ffmpeg.sh).
# Usage: benchmarks/scene-cost.sh [clip] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
clip=${1:-}
if [ -z "$clip" ]; then
  clip=${TQ_WORK:-/tmp/ovni-tq-bench}/sintel-1080p-h264.mp4
  [ -s "$clip" ] || ffmpeg -v error -y -i ../shared/media/sintel_1080_10s_av1.mp4 \
    -vf scale=1920:1080,setsar=1 -c:v libx264 -preset medium -crf 20 -an "$clip"
fi
dotnet build benchmarks/Ovni.Benchmarks -c Release -nologo -v q >/dev/null
dotnet benchmarks/Ovni.Benchmarks/bin/Release/net10.0/Ovni.Benchmarks.dll scenes "$clip" "${2:-5}"
