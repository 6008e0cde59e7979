#!/usr/bin/env bash
# VMAF speed side by side: libvmaf's `vmaf` tool and Ovni (QualityScorer.ScoreRawFilesAsync, VMAF only, model
# vmaf_v0.6.1) score the same raw 1080p 8-bit frame pairs, per SIMD tier and thread count, runs alternating between
# the two tools. Prints frames/s of both (median over the runs) and the Ovni/libvmaf ratio (>1 = Ovni faster), by
# wall time and by CPU time (user + sys, steadier on a machine shared with other work), and checks that the per-frame
# and pooled VMAF scores are identical (libvmaf's six decimals).
#   Tiers: AVX-512 (libvmaf --cpumask 0; .NET as is), AVX2 (--cpumask 48; DOTNET_EnableAVX512=0),
#   128-bit (--cpumask 56: libvmaf's C code; DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0).
# Usage: LIBVMAF_VMAF=/path/to/libvmaf/build/tools/vmaf benchmarks/compare-vmaf.sh [frames]   (default 150)
#   RUNS=n runs per tool and configuration (default 3); TIERS="avx512 avx2 sse" and THREADS="1 2" pick rows;
#   VMAF_MODEL=path to vmaf_v0.6.1.json (default ../shared/vmaf/models, else the model folder of libvmaf's source tree).
# libvmaf is not part of this repository: build it from its public source (github.com/Netflix/vmaf, v3.2.0), e.g.
#   apt-get install meson ninja-build nasm xxd; cd vmaf/libvmaf; meson setup build --buildtype release; ninja -C build
# Frames: the first [frames] of ../shared/media/sintel_1080_10s_av1.mp4 scaled to 1920x1080 against their x264
# crf 35 encode; without ../shared, a generated testsrc2 clip against its crf 35 encode.
set -euo pipefail
cd "$(dirname "$0")/.."
vmaf=${LIBVMAF_VMAF:-}
if [ -z "$vmaf" ] || [ ! -x "$vmaf" ]; then
  echo "compare-vmaf: LIBVMAF_VMAF does not name libvmaf's vmaf tool; nothing to compare (see the header of $0)."
  exit 0
fi
frames=${1:-150}; runs=${RUNS:-3}; w=1920; h=1080
model=${VMAF_MODEL:-../shared/vmaf/models/vmaf_v0.6.1.json}
[ -f "$model" ] || model="$(dirname "$vmaf")/../../../model/vmaf_v0.6.1.json"
if [ ! -f "$model" ]; then echo "compare-vmaf: vmaf_v0.6.1.json not found; set VMAF_MODEL." >&2; exit 1; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -f ../shared/media/sintel_1080_10s_av1.mp4 ]; then
  source="Sintel (../shared/media)"
  ffmpeg -v error -i ../shared/media/sintel_1080_10s_av1.mp4 -frames:v "$frames" -vf scale=$w:$h -pix_fmt yuv420p -f rawvideo "$work/ref.yuv"
else
  source="generated testsrc2"
  ffmpeg -v error -f lavfi -i testsrc2=s=${w}x$h:r=30 -frames:v "$frames" -pix_fmt yuv420p -f rawvideo "$work/ref.yuv"
fi
ffmpeg -v error -f rawvideo -pix_fmt yuv420p -s ${w}x$h -r 30 -i "$work/ref.yuv" -c:v libx264 -crf 35 -preset medium "$work/dist.mp4"
ffmpeg -v error -i "$work/dist.mp4" -f rawvideo -pix_fmt yuv420p "$work/dist.yuv"
n=$(( $(stat -c %s "$work/ref.yuv") / (w * h * 3 / 2) ))
dotnet build benchmarks/Ovni.Benchmarks/Ovni.Benchmarks.csproj -c Release -nologo -v q >/dev/null
ovni=(dotnet benchmarks/Ovni.Benchmarks/bin/Release/net10.0/Ovni.Benchmarks.dll vmaf-raw "$work/ref.yuv" "$work/dist.yuv" $w $h)

# Runs a command, appends "wall cpu" seconds to the file $1.
timed() { local out=$1; shift; local t0 t1 c0 c1
  c0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat); t0=$(date +%s.%N)
  "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out" >&2; exit 1; }
  t1=$(date +%s.%N); c1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
  awk -v a="$t0" -v b="$t1" -v c="$c0" -v d="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f %.3f\n", b - a, (d - c) / hz}' >> "$out"; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# libvmaf JSON: per-frame "vmaf" values (one a line), then the pooled mean, harmonic mean, min, max.
libvmaf_frames() { awk '/"pooled_metrics"/ {exit} /"vmaf": / {gsub(/[",]/, ""); print $2}' "$1"; }
libvmaf_pooled() { awk '/"pooled_metrics"/ {p = 1} p && /"vmaf": \{/ {v = 1} v && /"(mean|harmonic_mean|min|max)"/ {gsub(/[",]/, ""); s[$1] = $2}
  END {printf "mean=%s harmonic_mean=%s min=%s max=%s\n", s["mean:"], s["harmonic_mean:"], s["min:"], s["max:"]}' "$1"; }

printf '%-8s %7s | %12s %12s %7s | %12s %12s %7s | %s\n' tier threads libvmaf_fps ovni_fps ratio cpu_lv_fps cpu_ovni_fps ratio scores
mismatch=0
for tier in ${TIERS:-avx512 avx2 sse}; do
  case $tier in
    avx512) mask=0; env=(); name=AVX-512 ;;
    avx2) mask=48; env=(DOTNET_EnableAVX512=0); name=AVX2 ;;
    sse) mask=56; env=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0); name=128-bit ;;
    *) echo "unknown tier $tier" >&2; exit 2 ;;
  esac
  for threads in ${THREADS:-1 2}; do
    : > "$work/lv.t"; : > "$work/ov.t"; same=identical
    for ((r = 0; r < runs; r++)); do
      timed "$work/lv.t" "$vmaf" -r "$work/ref.yuv" -d "$work/dist.yuv" -w $w -h $h -p 420 -b 8 -m version=vmaf_v0.6.1 \
        --threads "$threads" --cpumask $mask -q --json -o "$work/lv.json"
      timed "$work/ov.t" env "${env[@]}" "${ovni[@]}" "$threads" "$model" "$work/ov.frames"
      if [ "$(libvmaf_pooled "$work/lv.json")" != "$(sed -n 's/.* \(mean=.*\)/\1/p' "$work/last.out")" ] ||
         ! cmp -s <(libvmaf_frames "$work/lv.json") "$work/ov.frames"; then same=DIFFERENT; mismatch=1; fi
    done
    lvw=$(cut -d' ' -f1 "$work/lv.t" | median); ovw=$(cut -d' ' -f1 "$work/ov.t" | median)
    lvc=$(cut -d' ' -f2 "$work/lv.t" | median); ovc=$(cut -d' ' -f2 "$work/ov.t" | median)
    awk -v t="$name" -v th="$threads" -v n="$n" -v lw="$lvw" -v ow="$ovw" -v lc="$lvc" -v oc="$ovc" -v s="$same" 'BEGIN {
      printf "%-8s %7d | %12.1f %12.1f %7.2f | %12.1f %12.1f %7.2f | %s\n", t, th, n / lw, n / ow, lw / ow, n / lc, n / oc, lc / oc, s }'
  done
done
echo "frames: $n pairs at ${w}x$h 8-bit ($source vs x264 crf 35); median of $runs alternating runs per tool;"
echo "wall fps = frames / elapsed time of the whole process (file reading and start-up included), cpu fps = frames / (user + sys)."
echo "scores: $(libvmaf_pooled "$work/lv.json") (libvmaf, last run)"
exit $mismatch
