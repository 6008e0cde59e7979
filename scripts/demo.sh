#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the main job: the Animate sample renders two real
# clips from ../shared/media (or two clips it generates when that folder is absent) into a 720p mp4 with a cross-fade,
# a logo gliding in with easing and captions, copying the first clip's audio; it prints the frames per second.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
dotnet build samples/Ovni.Samples.Animate/Ovni.Samples.Animate.csproj -c Release -nologo -v q >/dev/null
dotnet build src/Ovni.Cli/Ovni.Cli.csproj -c Release -nologo -v q >/dev/null
out=${OVNI_DEMO_OUT:-out/demo}
mkdir -p "$out"
dotnet samples/Ovni.Samples.Animate/bin/Release/net10.0/Ovni.Samples.Animate.dll "$out/animate.mp4"
dotnet src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll probe "$out/animate.mp4"
