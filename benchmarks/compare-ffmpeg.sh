#!/usr/bin/env bash
# Side by side: the same transcode through the ffmpeg CLI and through `ovni transcode`, same encoder,
# preset, crf and threads, alternating runs in one session; prints median seconds, fps and the ratio.
# Usage: benchmarks/compare-ffmpeg.sh [clip] [runs]   (default clip: 1080p H.264 made from Sintel)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${2:-3}
preset=${PRESET:-veryfast}; crf=${CRF:-23}; threads=${THREADS:-0}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
clip=${1:-}
if [ -z "$clip" ]; then
  clip="$work/clip.mp4"
  if [ -f ../shared/media/sintel_1080_10s_av1.mp4 ]; then
    ffmpeg -v error -i ../shared/media/sintel_1080_10s_av1.mp4 -vf scale=1920:1080,setsar=1 -c:v libx264 -preset medium -crf 20 -an "$clip"
  else
    ffmpeg -v error -f lavfi -i testsrc2=s=1920x1080:r=30:d=10 -c:v libx264 -preset medium -crf 20 "$clip"
  fi
fi
dotnet build src/Ovni.Cli/Ovni.Cli.csproj -c Release -nologo -v q >/dev/null
frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$clip")
ovni() { dotnet src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll "$@"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {print b - a}'; }
calc() { awk "BEGIN {print $1}"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ff=(); ov=()
for i in $(seq "$runs"); do
  ff+=("$(secs ffmpeg -y -v error -threads 0 -i "$clip" -c:v libx264 -preset "$preset" -crf "$crf" -threads "$threads" -c:a copy "$work/ff.mp4")")
  ov+=("$(secs ovni transcode "$clip" "$work/ov.mp4" --codec h264 --preset "$preset" --crf "$crf" --threads "$threads" --json)")
done
f=$(median "${ff[@]}"); o=$(median "${ov[@]}")
printf 'clip: %s (%s frames), libx264 preset=%s crf=%s threads=%s, %s runs each\n' "$clip" "$frames" "$preset" "$crf" "$threads" "$runs"
printf 'ffmpeg: %.2f s (%.1f fps)\n' "$f" "$(calc "$frames / $f")"
printf 'ovni:   %.2f s (%.1f fps)\n' "$o" "$(calc "$frames / $o")"
printf 'ratio ovni/ffmpeg fps: %.3f\n' "$(calc "$f / $o")"
