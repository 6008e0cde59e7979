#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the main job:
# probe and transcode real footage from ../shared/media (or a generated clip when it is absent), printing fps.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
dotnet build src/Ovni.Cli/Ovni.Cli.csproj -c Release -nologo -v q >/dev/null
ovni() { dotnet src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll "$@"; }

out=${OVNI_DEMO_OUT:-out/demo}
mkdir -p "$out"
clip=../shared/media/tears-of-steel-battle-clip-medium.webm
if [ ! -f "$clip" ]; then
  clip="$out/generated.mp4"
  echo "ovni demo: ../shared/media not found; generating a 20 s test clip with audio"
  [ -f "$clip" ] || ffmpeg -v error -f lavfi -i testsrc2=s=1280x720:r=30:d=20 -f lavfi -i sine=frequency=440:d=20 \
    -c:v libx264 -preset veryfast -crf 20 -c:a aac -shortest "$clip"
fi
ovni probe "$clip"
ovni transcode "$clip" "$out/demo-h264.mp4" --codec h264 --crf 23 --preset veryfast
ovni probe "$out/demo-h264.mp4"
