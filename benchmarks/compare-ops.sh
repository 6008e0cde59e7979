#!/usr/bin/env bash
# Ovni's frame operations (CPU backend) against FFmpeg's equivalent filters on the same raw 1080p yuv420p frames.
# FFmpeg: rawvideo in, -f null out, -benchmark, one filter thread; its time for `-vf null` (reading the raw file)
# is subtracted so only the filter is timed. Ovni: `Ovni.Benchmarks ops` loads the frames into pooled frames and
# times the operation alone (best of 3). Prints frames/s of both and the Ovni/FFmpeg ratio (>1 = Ovni faster).
# Usage: [ONLY=op[,op...]] benchmarks/compare-ops.sh [frames]   (default 60; frames come from Sintel when ../shared
# has it; ONLY limits the table to the named rows, e.g. ONLY=gblur, to time one op while tuning it)
#        CLOCK=cpu: CPU time instead of wall time on both sides (FFmpeg's utime + stime, the Ovni thread's CPU time
#        in the op), steadier than wall time on a machine shared with other work.
#        WARM=1: Ovni copies each frame into a working frame (untimed) before the op, as FFmpeg's demuxer copies each
#        raw frame into a packet just before its filter runs, so both sides start from cache-warm input.
#        TIERS=all (or a list such as avx2,128): Ovni's side once per SIMD tier, the runtime told to use AVX-512
#        (what the CPU has), AVX2 only (DOTNET_EnableAVX512=0) or 128-bit only (also DOTNET_EnableAVX2=0
#        DOTNET_EnableAVX=0); FFmpeg keeps all of its own. One column of ratios per tier, each tier checked by name.
#        BEFORE=path/to/Ovni.Benchmarks.dll: also times that build (e.g. of an older commit) at each tier, in the same
#        run, and prints its ratio beside the current one.
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-60}; w=1920; h=1080
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
raw="$work/in.yuv"
if [ -f ../shared/media/sintel_1080_10s_av1.mp4 ]; then
  ffmpeg -v error -i ../shared/media/sintel_1080_10s_av1.mp4 -frames:v "$frames" -vf scale=$w:$h -pix_fmt yuv420p -f rawvideo "$raw"
else
  ffmpeg -v error -f lavfi -i testsrc2=s=${w}x$h:r=30 -frames:v "$frames" -pix_fmt yuv420p -f rawvideo "$raw"
fi
n=$(( $(stat -c %s "$raw") / (w * h * 3 / 2) ))
ffmpeg -v error -f lavfi -i "color=c=0x20C040@0.7:s=640x360,format=rgba" -frames:v 1 -f rawvideo "$work/logo.rgba"
dotnet build benchmarks/Ovni.Benchmarks/Ovni.Benchmarks.csproj -c Release -nologo -v q >/dev/null
clock=${CLOCK:-wall}
dll=benchmarks/Ovni.Benchmarks/bin/Release/net10.0/Ovni.Benchmarks.dll
tier_env() { case $1 in
  avx512) echo DOTNET_EnableAVX512=1 DOTNET_EnableAVX2=1 DOTNET_EnableAVX=1 ;;
  avx2) echo DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=1 DOTNET_EnableAVX=1 ;;
  128) echo DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0 ;;
  current) echo ;;
  *) echo "unknown tier '$1' (avx512, avx2, 128)" >&2; exit 2 ;; esac; }
tier_name() { case $1 in avx512) echo AVX-512 ;; avx2) echo AVX2 ;; 128) echo 128-bit ;; *) echo current ;; esac; }
case ${TIERS:-current} in all) tiers=(avx512 avx2 128) ;; *) IFS=, read -r -a tiers <<<"${TIERS:-current}" ;; esac
# ovni DLL TIER OP: seconds (wall or CPU) of the op over all frames; fails if the run is not on the tier asked for.
ovni() { local out; out=$(env $(tier_env "$2") dotnet "$1" ops "$raw" $w $h "$3" 3)
  [[ $out != *tier=* ]] || case $2 in avx512) [[ $out == *"tier=AVX-512"* ]] ;; avx2) [[ $out == *"tier=AVX2" ]] ;;
    128) [[ $out == *"tier=128-bit"* ]] ;; esac ||
    { echo "Ovni ran at the wrong tier for '$2': $out" >&2; exit 1; }
  if [ "$clock" = cpu ]; then sed -n 's/.*cpu_seconds=\([0-9.]*\).*/\1/p' <<<"$out"; else sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$out"; fi; }
input=(-f rawvideo -pix_fmt yuv420p -s ${w}x$h -i "$raw")
# Best of 3 ffmpeg runs: rtime from -benchmark.
ff() { local best=999999 t; for _ in 1 2 3; do
    t=$(ffmpeg -hide_banner -nostdin -benchmark -filter_threads 1 -threads 1 "$@" -f null - 2>&1 |
      if [ "$clock" = cpu ]; then sed -n 's/.*utime=\([0-9.]*\)s stime=\([0-9.]*\)s.*/\1 \2/p' | awk '{print $1 + $2}'
      else sed -n 's/.*rtime=\([0-9.]*\)s.*/\1/p'; fi)
    best=$(awk -v a="$best" -v b="$t" 'BEGIN {print (b < a) ? b : a}'); done; echo "$best"; }
base=$(ff "${input[@]}" -vf null)
wanted() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]]; }
header=$(printf '%-16s %11s' op ffmpeg_fps)
for t in "${tiers[@]}"; do
  header+=$(printf ' | %-7s %8s %6s' "$(tier_name "$t")" fps ratio)
  [ -n "${BEFORE:-}" ] && header+=$(printf ' %7s' before)
done
echo "$header"
summary=()
row() { # name, ovni op, ffmpeg args...
  local name=$1 op=$2; shift 2
  wanted "$name" || return 0
  local f b=${rowBase:-$base} line ratios=""; f=$(ff "$@")
  local fps; fps=$(awk -v n="$n" -v f="$f" -v b="$b" 'BEGIN { ff = f - b; if (ff <= 0) ff = 1e-6; printf "%.1f", n / ff }')
  line=$(printf '%-16s %11s' "$name" "$fps")
  for t in "${tiers[@]}"; do
    local o r; o=$(ovni "$dll" "$t" "$op")
    r=$(awk -v n="$n" -v o="$o" -v fps="$fps" 'BEGIN { printf "%.2f", (n / o) / fps }')
    line+=$(awk -v n="$n" -v o="$o" -v r="$r" 'BEGIN { printf " | %-7s %8.1f %6s", "", n / o, r }')
    if [ -n "${BEFORE:-}" ]; then
      local p; p=$(ovni "$BEFORE" "$t" "$op")
      line+=$(awk -v n="$n" -v p="$p" -v fps="$fps" 'BEGIN { printf " %7.2f", (n / p) / fps }')
    fi
    ratios+=" ${r}x"
  done
  echo "$line"
  summary+=("$(printf '| %s |%s' "$name" "$(sed 's/ \([^ ]*\)/ \1 |/g' <<<"$ratios")")")
}
row scale-bilinear scale-bilinear "${input[@]}" -vf scale=1280:720:flags=bilinear
row scale-bicubic  scale-bicubic  "${input[@]}" -vf scale=1280:720:flags=bicubic
row scale-lanczos  scale-lanczos  "${input[@]}" -vf scale=1280:720:flags=lanczos
row overlay        overlay        "${input[@]}" -stream_loop -1 -f rawvideo -pix_fmt rgba -s 640x360 -i "$work/logo.rgba" -filter_complex "[0][1]overlay=x=100:y=50:format=yuv420:shortest=1"
row crossfade      crossfade      "${input[@]}" "${input[@]}" -filter_complex "[0][1]blend=all_mode=normal:all_opacity=0.4"
row fade           fade           "${input[@]}" -vf "fade=t=out:st=0:d=1000:color=black"
row gblur          gblur          "${input[@]}" -vf gblur=sigma=2
row drawbox        drawbox        "${input[@]}" -vf "drawbox=x=480:y=270:w=960:h=540:color=red@0.5:t=fill"
row torgba         torgba         "${input[@]}" -vf format=rgba
row rotate         rotate         "${input[@]}" -vf "rotate=10*PI/180:fillcolor=black:bilinear=1"
# Not the same function (FFmpeg: cos^4 lens fall-off, dithered; Ovni: 1 - s·d^4 towards black/grey): the same kind of per-pixel work.
row vignette       vignette       "${input[@]}" -vf "vignette=dither=0"
row lens-vignette  lens-vignette  "${input[@]}" -vf "vignette=dither=0"
# Ovni keys into RGBA (ToRgba included); FFmpeg writes yuva420p: the same key function.
row chromakey      chromakey      "${input[@]}" -vf "chromakey=color=0x20C040:similarity=0.1:blend=0.05"
if wanted fromrgba; then
  # RGBA input: FFmpeg reads the same frames as raw rgba (its own reading time subtracted); Ovni converts them to
  # RGBA before timing.
  rgba=(-f rawvideo -pix_fmt rgba -s ${w}x$h -i "$work/in.rgba")
  ffmpeg -v error "${input[@]}" -pix_fmt rgba -f rawvideo "$work/in.rgba"
  rowBase=$(ff "${rgba[@]}" -vf null) row fromrgba fromrgba "${rgba[@]}" -vf format=yuv420p
fi
echo "frames: $n at ${w}x$h; one thread each side (DOTNET_PROCESSOR_COUNT=${DOTNET_PROCESSOR_COUNT:-unset}); clock: $clock; machine shared, so treat ratios as rough."
if [ ${#tiers[@]} -gt 1 ]; then
  echo
  echo "Ovni / FFmpeg per tier:"
  printf '| op |'; for t in "${tiers[@]}"; do printf ' %s |' "$(tier_name "$t")"; done; echo
  printf '|---|'; for t in "${tiers[@]}"; do printf -- '---|'; done; echo
  printf '%s\n' "${summary[@]}"
fi
