#!/usr/bin/env bash
# Kills `ovni transcode` of a 1080p clip at random moments and checks what is left in the output folder:
# SIGKILL at 20 moments, SIGINT and SIGTERM at 10 each (default), alternating the anonymous temporary file (O_TMPFILE)
# and the named fallback (OVNI_NO_TMPFILE=1, as on NFS or FUSE). The output path holds the user's earlier file.
# After each run: that file is intact unless the run completed; after SIGINT/SIGTERM the folder holds nothing else;
# after SIGKILL, the next Ovni run in the folder leaves nothing else either (it sweeps what the killed run left).
# Usage: scripts/kill-test.sh [KILLS] [INTS] [TERMS] [SEED]
set -uo pipefail
cd "$(dirname "$0")/.."
kills=${1:-20}; ints=${2:-10}; terms=${3:-10}; seed=${4:-$RANDOM}
set -m   # background jobs keep SIGINT (a non-interactive shell would start them with it ignored)

dotnet build src/Ovni.Cli -c Release -nologo -v q >/dev/null || { echo "build failed"; exit 1; }
ovni=(dotnet "$PWD/src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
out="$work/out"; mkdir -p "$out"

footage=../shared/media/sintel_1080_10s_av1.mp4
if [ -f "$footage" ]; then src=(-ss 3 -t 3 -i "$footage"); else src=(-f lavfi -i testsrc2=size=1920x1080:rate=25:duration=3); fi
ffmpeg -v error "${src[@]}" -vf scale=1920:1080 -pix_fmt yuv420p -c:v libx264 -preset ultrafast "$work/in1080.mp4" 2>/dev/null || exit 1
ffmpeg -v error -f lavfi -i testsrc2=size=64x36:rate=10:duration=0.3 -pix_fmt yuv420p -c:v libx264 "$work/tiny.mp4" || exit 1
frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$work/in1080.mp4")
earlier="$work/earlier.mp4"; cp "$work/tiny.mp4" "$earlier"; want=$(sha256sum < "$earlier")
args=(transcode "$work/in1080.mp4" "$out/result.mp4" --preset veryfast --json)

start=$(date +%s.%N); "${ovni[@]}" "${args[@]}" >/dev/null 2>&1; full=$(echo "$(date +%s.%N) - $start" | bc)
printf 'kill test: 1080p, %s frames, a full run takes %.1f s; seed %s\n' "$frames" "$full" "$seed"
rm -f "$out/result.mp4"

entries() { find "$out" -mindepth 1 | wc -l; }
declare -A n; for k in runs killed cancelled finished intact replaced_whole broken leftover_before swept_after_next left_after slow_exit; do n[$k]=0; done
max_exit=0
plan=(); for ((i=0;i<kills;i++)); do plan+=(KILL); done; for ((i=0;i<ints;i++)); do plan+=(INT); done; for ((i=0;i<terms;i++)); do plan+=(TERM); done
i=0
for sig in "${plan[@]}"; do
  i=$((i+1)); cp "$earlier" "$out/result.mp4"
  mode=anonymous; env=(); if [ $((i % 2)) -eq 0 ]; then mode=named; env=(env OVNI_NO_TMPFILE=1); fi
  delay=$(awk -v s="$seed" -v i="$i" -v t="$full" 'BEGIN { srand(s * 1000 + i); printf "%.2f", 0.2 + rand() * t }')
  "${env[@]}" "${ovni[@]}" "${args[@]}" >/dev/null 2>"$work/err" &
  pid=$!
  sleep "$delay"; t0=$(date +%s.%N); kill -s "$sig" "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rc=$?; t1=$(date +%s.%N)
  took=$(echo "$t1 - $t0" | bc); n[runs]=$((n[runs]+1))
  case $rc in
    0) n[finished]=$((n[finished]+1)) ;;
    137) n[killed]=$((n[killed]+1)) ;;
    130|143) n[cancelled]=$((n[cancelled]+1)); if (( $(echo "$took > $max_exit" | bc) )); then max_exit=$took; fi
             grep -q "cancelled: nothing was written" "$work/err" || echo "  run $i ($sig): no cancellation message" ;;
    *) echo "  run $i ($sig, $mode): unexpected exit code $rc: $(head -c 300 "$work/err")" ;;
  esac
  if [ "$(sha256sum < "$out/result.mp4")" = "$want" ]; then n[intact]=$((n[intact]+1))
  else
    got=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$out/result.mp4" 2>/dev/null)
    if [ "$got" = "$frames" ]; then n[replaced_whole]=$((n[replaced_whole]+1)); else n[broken]=$((n[broken]+1)); echo "  run $i ($sig at ${delay}s, $mode): result.mp4 neither the earlier file nor a whole new one"; fi
  fi
  left=$(( $(entries) - 1 ))
  if [ "$sig" != KILL ] && [ "$left" -ne 0 ]; then echo "  run $i ($sig, $mode): $left file(s) left after cancellation"; fi
  n[leftover_before]=$((n[leftover_before] + left))
  # The next run in the folder (another output name) sweeps what a killed run left; then only result.mp4 remains.
  "${ovni[@]}" transcode "$work/tiny.mp4" "$out/next.mkv" --json >/dev/null 2>&1 && rm -f "$out/next.mkv"
  after=$(( $(entries) - 1 ))
  n[left_after]=$((n[left_after] + after)); [ "$after" -ne 0 ] && { echo "  run $i ($sig, $mode): still left after the next run:"; ls -la "$out"; }
  n[swept_after_next]=$((n[swept_after_next] + left - after))
  printf '  run %2d %-4s at %5.2f s (%-9s): exit %3s, other files left %d, after the next run %d, earlier output %s\n' \
    "$i" "$sig" "$delay" "$mode" "$rc" "$left" "$after" "$([ "$(sha256sum < "$out/result.mp4")" = "$want" ] && echo intact || echo replaced)"
done
printf 'kill test: %d runs (%d SIGKILL, %d SIGINT, %d SIGTERM): %d killed, %d cancelled (slowest exit after the signal %.2f s), %d finished first\n' \
  "${n[runs]}" "$kills" "$ints" "$terms" "${n[killed]}" "${n[cancelled]}" "$max_exit" "${n[finished]}"
echo "kill test: earlier output intact after ${n[intact]} runs, replaced by a whole new file after ${n[replaced_whole]} (the run had completed), damaged after ${n[broken]}"
echo "kill test: files left beside it before the next run ${n[leftover_before]} (named fallback after SIGKILL), after the next run ${n[left_after]}"
[ "${n[broken]}" -eq 0 ] && [ "${n[left_after]}" -eq 0 ]
