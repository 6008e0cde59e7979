#!/usr/bin/env bash
# Side by side: the Animate sample's edit done by the ffmpeg CLI with -filter_complex (scale/pad, fps, xfade,
# an overlay whose x follows the same cubic ease-out, a logo fading out, libass subtitles, x264 veryfast crf 21,
# audio copied) and by the sample itself; alternating runs in one session, median wall time, ratio printed.
# Ovni runs published ReadyToRun (see below). Usage: samples/Ovni.Samples.Animate/compare-ffmpeg.sh [runs]      (needs ../shared/media)
#   TIERS=avx512,avx2,128 (or all): Ovni once per SIMD tier in each round (DOTNET_EnableAVX512=0 for AVX2, plus
#   DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0 for 128-bit; ffmpeg keeps all of its own), one ratio per tier.
#   BEFORE=dir: also runs the Animate app published in dir (e.g. from an older commit) at each tier, same rounds.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
a=../shared/media/internal_emulator_transformer_output.mp4
b=../shared/media/tears-of-steel-battle-clip-medium.webm
[ -f "$a" ] && [ -f "$b" ] || { echo "needs ../shared/media"; exit 0; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Published ReadyToRun, as an application is deployed: ffmpeg is a precompiled binary too, so JIT time is not timed.
dotnet publish samples/Ovni.Samples.Animate -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/app" -nologo -v q >/dev/null
srt=samples/Ovni.Samples.Animate/captions.srt
# The logo: a 240x72 orange-to-pink gradient with rounded corners, as the sample draws it.
ffmpeg -v error -f lavfi -i "gradients=s=240x72:c0=0xff6a00:c1=0xee0979:x0=0:y0=36:x1=240:y1=36:nb_colors=2,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='255*lte(hypot(max(0,abs(X-119.5)-96),max(0,abs(Y-35.5)-12)),24)'" -frames:v 1 "$work/logo.png"
xfade_at=$(awk 'BEGIN {print 149/(30000/1001) - 1}')
graph="[0:v]scale=1280:720,format=yuv420p,setpts=PTS-STARTPTS,fps=30000/1001[a];\
[1:v]trim=0:6,setpts=PTS-STARTPTS,fps=30000/1001,scale=1280:532:flags=bicubic,pad=1280:720:0:94,format=yuv420p[b];\
[a][b]xfade=transition=fade:duration=1:offset=${xfade_at}[x];\
[2:v]format=rgba,fade=t=out:st=8.5:d=1:alpha=1[logo];\
[x][logo]overlay=x='if(lt(t,1.2),-260+300*(1-pow(1-t/1.2,3)),40)':y=40:shortest=1[o];\
[o]subtitles=${srt}[v]"
ff() { ffmpeg -y -v error -i "$a" -i "$b" -loop 1 -t 10 -i "$work/logo.png" -filter_complex "$graph" -map "[v]" -map 0:a \
  -c:v libx264 -preset veryfast -crf 21 -c:a copy "$work/ff.mp4"; }
tier_env() { case $1 in
  avx512) echo DOTNET_EnableAVX512=1 DOTNET_EnableAVX2=1 DOTNET_EnableAVX=1 ;;
  avx2) echo DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=1 DOTNET_EnableAVX=1 ;;
  128) echo DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0 ;;
  current) echo ;;
  *) echo "unknown tier '$1' (avx512, avx2, 128)" >&2; exit 2 ;; esac; }
case ${TIERS:-current} in all) tiers=(avx512 avx2 128) ;; *) IFS=, read -r -a tiers <<<"${TIERS:-current}" ;; esac
apps=("$work/app"); [ -n "${BEFORE:-}" ] && apps+=("$BEFORE")
ov() { env $(tier_env "$2") dotnet "$1/Ovni.Samples.Animate.dll" "$work/ov.mp4" "$a" "$b"; } # app dir, tier
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {print b - a}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
fs=(); declare -A os
for i in $(seq "$runs"); do
  fs+=("$(secs ff)")
  for t in "${tiers[@]}"; do for k in "${!apps[@]}"; do os[$k,$t]+=" $(secs ov "${apps[$k]}" "$t")"; done; done
done
f=$(median "${fs[@]}")
ffn=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$work/ff.mp4")
ovn=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$work/ov.mp4")
printf 'ffmpeg -filter_complex: %.2f s for %s frames (%.1f fps)\n' "$f" "$ffn" "$(awk "BEGIN {print $ffn / $f}")"
for t in "${tiers[@]}"; do for k in "${!apps[@]}"; do
  # shellcheck disable=SC2086
  o=$(median ${os[$k,$t]})
  label="Ovni Animate sample"; [ "$k" -gt 0 ] && label="before ($BEFORE)"; [ "$t" != current ] && label+=" [$t]"
  printf '%s: %.2f s for %s frames (%.1f fps); ratio (Ovni fps / ffmpeg fps): %.2f\n' "$label" "$o" "$ovn" \
    "$(awk "BEGIN {print $ovn / $o}")" "$(awk "BEGIN {print ($ovn / $o) / ($ffn / $f)}")"
done; done
