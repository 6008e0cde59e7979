#!/usr/bin/env bash
# Before/after: the same work through two checkouts of Ovni (this one and an older one), alternating runs in one
# session, CPU time (steadier than wall time on a shared machine): the operations of compare-ops.sh (one thread, the
# op's own CPU time), a 1080p transcode, the Animate sample and `ovni vmaf`, each process's user + system time.
# Prints the median of each side and after/before (>1 = the change is slower). A refactoring should show 1.00 ± noise.
# Usage: benchmarks/compare-builds.sh BEFORE_CHECKOUT [runs] [frames]   (e.g. a `git worktree add /tmp/before <rev>`;
#        ONLY=ops,transcode,animate,vmaf picks parts, OPS=gblur,fromrgba picks operations; needs ../shared/media and
#        ../shared/vmaf beside this checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
after=$(pwd); before=$(cd "$1" && pwd); runs=${2:-3}; frames=${3:-60}
wanted() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]]; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for side in before after; do
  dir=${!side}
  dotnet build "$dir/benchmarks/Ovni.Benchmarks/Ovni.Benchmarks.csproj" -c Release -nologo -v q >/dev/null
  dotnet build "$dir/src/Ovni.Cli/Ovni.Cli.csproj" -c Release -nologo -v q >/dev/null
  dotnet publish "$dir/samples/Ovni.Samples.Animate" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$work/animate-$side" -nologo -v q >/dev/null
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
cpu() { /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1; awk '{print $1 + $2}' "$work/time"; }
report() { # name, before values..., --, after values...
  local name=$1; shift; local b=() a=(); while [ "$1" != -- ]; do b+=("$1"); shift; done; shift; a=("$@")
  local mb ma; mb=$(median "${b[@]}"); ma=$(median "${a[@]}")
  awk -v n="$name" -v b="$mb" -v a="$ma" 'BEGIN {printf "%-16s %10.3f %10.3f %8.3f\n", n, b, a, a / b}'
}
printf '%-16s %10s %10s %8s\n' work before_s after_s after/before
if wanted ops; then
  raw="$work/in.yuv"
  ffmpeg -v error -i ../shared/media/sintel_1080_10s_av1.mp4 -frames:v "$frames" -vf scale=1920:1080 -pix_fmt yuv420p -f rawvideo "$raw"
  for op in scale-bilinear scale-bicubic scale-lanczos overlay crossfade fade gblur drawbox torgba fromrgba rotate vignette lens-vignette chromakey; do
    [ -z "${OPS:-}" ] || [[ ",$OPS," == *",$op,"* ]] || continue
    b=(); a=()
    for _ in $(seq "$runs"); do
      for side in before after; do
        dir=${!side}
        t=$(DOTNET_PROCESSOR_COUNT=1 dotnet "$dir/benchmarks/Ovni.Benchmarks/bin/Release/net10.0/Ovni.Benchmarks.dll" ops "$raw" 1920 1080 "$op" 3 |
          sed -n 's/.*cpu_seconds=\([0-9.]*\).*/\1/p')
        if [ "$side" = before ]; then b+=("$t"); else a+=("$t"); fi
      done
    done
    report "$op" "${b[@]}" -- "${a[@]}"
  done
fi
clip="$work/clip.mp4"
if wanted transcode || wanted vmaf; then
  ffmpeg -v error -i ../shared/media/sintel_1080_10s_av1.mp4 -vf scale=1920:1080,setsar=1 -c:v libx264 -preset medium -crf 20 -an "$clip"
fi
if wanted transcode; then
  b=(); a=()
  for _ in $(seq "$runs"); do
    b+=("$(cpu dotnet "$before/src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll" transcode "$clip" "$work/b.mp4" --codec h264 --preset veryfast --crf 23 --json)")
    a+=("$(cpu dotnet "$after/src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll" transcode "$clip" "$work/a.mp4" --codec h264 --preset veryfast --crf 23 --json)")
  done
  report transcode "${b[@]}" -- "${a[@]}"
fi
if wanted animate; then
  clipA=../shared/media/internal_emulator_transformer_output.mp4 clipB=../shared/media/tears-of-steel-battle-clip-medium.webm
  b=(); a=()
  for _ in $(seq "$runs"); do
    b+=("$(cpu dotnet "$work/animate-before/Ovni.Samples.Animate.dll" "$work/b.mp4" "$clipA" "$clipB")")
    a+=("$(cpu dotnet "$work/animate-after/Ovni.Samples.Animate.dll" "$work/a.mp4" "$clipA" "$clipB")")
  done
  report animate "${b[@]}" -- "${a[@]}"
fi
if wanted vmaf; then
  dist="$work/dist.mp4"; model=../shared/vmaf/models/vmaf_v0.6.1.json
  ffmpeg -v error -i "$clip" -c:v libx264 -preset veryfast -crf 35 "$dist"
  b=(); a=()
  for _ in $(seq "$runs"); do
    b+=("$(cpu dotnet "$before/src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll" vmaf "$clip" "$dist" --model "$model")")
    a+=("$(cpu dotnet "$after/src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll" vmaf "$clip" "$dist" --model "$model")")
  done
  report vmaf "${b[@]}" -- "${a[@]}"
fi
echo "CPU seconds (ops: the op's own thread, one core, best of 3 repeats over $frames frames; others: the process), median of $runs alternating runs"
