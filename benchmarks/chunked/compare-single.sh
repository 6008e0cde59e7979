#!/usr/bin/env bash
# Chunked encoding with 2 workers vs one process with the same settings, in one run, alternating (A B, B A, …):
# prints each encode's wall time, the speed-up per pair and its median, checks the chunked output is frame-exact
# (same frame count and timestamps as the source, by ffprobe), and scores both encodes with Ovni's VMAF.
# Usage: compare-single.sh [RUNS] (env: INPUT=file (default: built by make-input.sh), PRESET=12, CRF=32, WORKERS=2, VMAF=0 skips scoring)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-2}
preset=${PRESET:-12}; crf=${CRF:-32}; workers=${WORKERS:-2}
scratch=${SCRATCH:-/tmp/ovni-chunked-compare}
mkdir -p "$scratch"
input=${INPUT:-$scratch/input180.mkv}
[ -f "$input" ] || benchmarks/chunked/make-input.sh "$input"
model="$(pwd)/../shared/vmaf/models/vmaf_v0.6.1.json"
# A published copy, so rebuilding the repository meanwhile cannot change the tool under test.
dotnet publish src/Ovni.Cli -c Release -nologo -v q -o "$scratch/ovni" >/dev/null
ovni() { dotnet "$scratch/ovni/Ovni.Cli.dll" "$@"; }

single() { rm -f "$scratch/single.mkv"; ovni transcode "$input" "$scratch/single.mkv" --codec libsvtav1 --crf "$crf" --preset "$preset" --json >/dev/null; }
chunked() {
  rm -rf "$scratch/chunked.mkv" "$scratch/.chunked.mkv.ovni-chunks"   # a fresh run each time, no resume
  ovni chunked "$input" "$scratch/chunked.mkv" --encoder libsvtav1 --crf "$crf" --preset "$preset" --workers "$workers" --json >"$scratch/chunked.json"
}
timed() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }'; }

echo "input: $input ($(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$input"), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "settings: libsvtav1 crf $crf preset $preset; chunked: $workers workers"
ratios=()
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then ts=$(timed single); tc=$(timed chunked); else tc=$(timed chunked); ts=$(timed single); fi
  r=$(awk -v a="$ts" -v b="$tc" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$r")
  echo "pair $i: single process ${ts} s, chunked ${tc} s -> speed-up ${r}x  (load $(cut -d' ' -f1 /proc/loadavg))"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "median speed-up: ${median}x"
grep -E '"chunks"|"workers"' "$scratch/chunked.json" | tr -d ' ,\n'; echo

times() { ffprobe -v error -select_streams v:0 -show_entries frame=best_effort_timestamp_time -of csv=p=0 "$1" | tr -d ',' | grep -v '^$'; }
if diff -q <(times "$input") <(times "$scratch/chunked.mkv") >/dev/null; then
  echo "frame-exact: yes ($(times "$input" | wc -l) frames, same timestamps as the source)"
else
  echo "frame-exact: NO"; exit 1
fi
[ "${VMAF:-1}" = 0 ] && exit 0
vmaf() {
  ovni vmaf "$input" "$1" --model "$model" --json "$scratch/vmaf.json" >/dev/null
  python3 -c 'import json, sys; print("%.3f" % json.load(open(sys.argv[1]))["pooled_metrics"]["vmaf"]["mean"])' "$scratch/vmaf.json"
}
vs=$(vmaf "$scratch/single.mkv"); vc=$(vmaf "$scratch/chunked.mkv")
echo "VMAF (mean): single process $vs, chunked $vc, difference $(awk -v a="$vc" -v b="$vs" 'BEGIN { printf "%+.2f", a - b }')"
echo "sizes: single $(stat -c %s "$scratch/single.mkv") bytes, chunked $(stat -c %s "$scratch/chunked.mkv") bytes"
