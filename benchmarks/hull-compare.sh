#!/usr/bin/env bash
# Per-shot convex-hull encoding (issue 16) against (a) the single CRF of `ovni encode --target-vmaf` (crf-search + full
# encode + verification) and (b) per-chunk target quality (`ovni chunked --target-vmaf`), at the same pooled VMAF.
# (a) runs first at TARGET; its measured full-file VMAF Va is then the target of (b) and (c). A run of (b) or (c) whose
# measured VMAF is more than 0.1 from Va is run once more aimed past Va by its miss, and the bytes at Va are interpolated
# linearly between the two runs (both runs are printed). Every VMAF is Ovni's, measured on the whole file against the input
# (for (a) and (c) by the command's own full verification, which is part of their time; (b) has none, so its time has none).
# Each command's wall time and CPU time (user + system, all its threads) are printed, with the load average.
# Inputs (built once from ../shared/media, 640x360 24 fps, no audio): 22 shots of 1-2.5 s each, see build() below.
# Usage: benchmarks/hull-compare.sh [mixed|film|calm ...]   env: ENCODERS="libx264 libsvtav1", TARGET=93, X264_PRESET=fast,
# SVT_PRESET=10, SCRATCH=/tmp/ovni-hull-compare, NICE=10, SKIP_PUBLISH=1, METHODS="b c" (which of (b), (c) run after (a)),
# SHOT_SECONDS=S (every shot cut to at most S seconds: a shorter input, for a busy machine; the input's name says so),
# HULL_ARGS="--shot-variant NAME:OPTION=VALUE ..." (more arguments for (c) only, e.g. encoder settings chosen per shot)
set -euo pipefail
cd "$(dirname "$0")/.."
media=$(realpath ../shared/media)
scratch=${SCRATCH:-/tmp/ovni-hull-compare}
target=${TARGET:-93}
encoders=${ENCODERS:-libx264}
inputs=("$@"); [ ${#inputs[@]} -gt 0 ] || inputs=(mixed film calm)
read -r -a hull_args <<<"${HULL_ARGS:-}"
mkdir -p "$scratch/inputs"
export OVNI_VMAF_MODELS=$(realpath ../shared/vmaf/models)
# A published copy, so rebuilding the repository meanwhile cannot change the tool under test.
# SKIP_PUBLISH=1 reuses the copy already there (a second run beside one in progress must not overwrite its tool).
[ -n "${SKIP_PUBLISH:-}" ] && [ -s "$scratch/ovni/Ovni.Cli.dll" ] || dotnet publish src/Ovni.Cli -c Release -nologo -v q -o "$scratch/ovni" >/dev/null
# CPU seconds (user + system) of the last ovni command: on a machine shared with other jobs the wall time is mostly the
# others' load, CPU time much less so; both are printed.
cpu_file=$(mktemp); trap 'rm -f "$cpu_file"' EXIT
ovni() { /usr/bin/time -o "$cpu_file" -f "%U %S" nice -n "${NICE:-10}" dotnet "$scratch/ovni/Ovni.Cli.dll" "$@"; }
cpu() { awk '{printf "%.0f", $1 + $2}' "$cpu_file"; }
now() { date +%s.%N; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

tos="$media/tears-of-steel-battle-clip-medium.webm" bbb="$media/big_buck_bunny_60s_360p.mp4" cam="$media/people_static_camera_432p.mp4"
bird="$media/cockatoo.mp4" dog="$media/internal_emulator_transformer_output.mp4" sintel="$media/sintel_1080_10s_av1.mp4"
# Shots as "file start seconds": different films, static and busy, at offsets far enough apart to be different shots.
shots_mixed=("$tos 3 2" "$bbb 2 1.5" "$cam 20 2.5" "$bird 1 2" "$dog 0.5 1.5" "$sintel 0.5 1.5" "$tos 13 2" "$bbb 15 2.5" "$cam 60 1.5"
  "$bird 6 1.5" "$tos 30 2" "$sintel 5.2 1.5" "$bbb 31 2" "$cam 95 2" "$dog 3 1.5" "$tos 37 1.5" "$bird 10 2" "$bbb 45 1.5" "$tos 57.5 2"
  "$cam 120 1.5" "$sintel 8.8 1" "$bbb 52 2")
shots_film=("$tos 0.2 1.5" "$tos 3 2" "$tos 9.5 2.5" "$tos 13 2" "$tos 17 1.5" "$tos 22 2" "$tos 30 2.5" "$tos 33 1.5" "$tos 37 2"
  "$tos 41 1.5" "$tos 47 1" "$tos 48.5 1.5" "$tos 51.5 1.5" "$tos 54 2" "$tos 57.5 2.5" "$tos 62 2" "$tos 66 2" "$sintel 0.5 1.5"
  "$sintel 5.2 1.5" "$sintel 7.6 1" "$bbb 20 2" "$bbb 40 2")
shots_calm=("$cam 10 2.5" "$bbb 2 2" "$cam 40 2" "$bird 1 2" "$cam 70 2.5" "$bbb 25 2" "$dog 0.5 2" "$cam 100 2" "$tos 30 1.5" "$cam 130 2"
  "$bbb 48 2.5" "$bird 8 2" "$cam 5 1.5" "$dog 3 1.5" "$bbb 56 2" "$cam 85 2" "$tos 3 1.5" "$cam 115 2" "$bird 11.5 2" "$bbb 10 2"
  "$cam 55 2" "$bbb 34 1.5")

build() { # name: concatenates its shots, each scaled/padded to 640x360 at 24 fps, into a near-lossless master
  local name=$1 cap=${SHOT_SECONDS:-} out="$scratch/inputs/$1${SHOT_SECONDS:+-${SHOT_SECONDS}s}-v2.mkv"; [ -s "$out" ] && { echo "$out"; return; }
  local -n list="shots_$name"
  local args=() graph="" labels="" i=0
  for shot in "${list[@]}"; do
    read -r file start seconds <<<"$shot"
    [ -n "$cap" ] && seconds=$(python3 -c "print(min($seconds, $cap))")
    if [ "$file" = "$bird" ]; then
      # cockatoo.mp4's input seek lands between key frames (grey, broken frames): decode from its start and trim.
      args+=(-i "$file"); graph+="[$i:v]trim=start=$start:duration=$seconds,"
    else
      args+=(-ss "$start" -t "$seconds" -i "$file"); graph+="[$i:v]"
    fi
    graph+="setpts=PTS-STARTPTS,fps=24,scale=640:360:force_original_aspect_ratio=decrease:in_range=auto:out_range=tv,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[v$i];"
    labels+="[v$i]"; i=$((i + 1))
  done
  nice -n "${NICE:-10}" ffmpeg -hide_banner -v error -y "${args[@]}" -filter_complex "${graph}${labels}concat=n=$i:v=1:a=0[v]" -map '[v]' \
    -c:v libx264 -preset fast -crf 10 "$out.partial.mkv" >&2
  mv "$out.partial.mkv" "$out"; echo "$out"
}

vmaf() { ovni vmaf "$1" "$2" --json "$3" >/dev/null; json "$3" "d['pooled_metrics']['vmaf']['mean']"; }
interp() { # target v1 b1 v2 b2 -> bytes at target (linear; the nearer run when both are on one side and the line is flat)
  python3 -c "import sys; t,v1,b1,v2,b2=map(float,sys.argv[1:]); print(round(b1 if abs(v2-v1)<1e-6 else b1+(b2-b1)*(t-v1)/(v2-v1)))" "$@"; }

printf '%-6s %-10s %-26s %10s %8s %9s %8s %6s  %s\n' input encoder method bytes vmaf "vs (a)" "time s" "cpu s" note
for name in "${inputs[@]}"; do
  input=$(build "$name")
  frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$input")
  for enc in $encoders; do
    case $enc in libx264) preset=${X264_PRESET:-fast};; libsvtav1) preset=${SVT_PRESET:-10};; *) preset=${PRESET:-medium};; esac
    w="$scratch/$(basename "$input" .mkv)-$enc"; mkdir -p "$w"; rm -f "$w"/*.mkv
    load0=$(cut -d' ' -f1 /proc/loadavg)
    # (a) single CRF: search + full encode + verification (what `ovni encode --target-vmaf` publishes).
    s=$(now); ovni encode "$input" "$w/a.mkv" --target-vmaf "$target" --encoder "$enc" --preset "$preset" --cache none --verify full \
      --max-size-percent 1000 --json >"$w/a.json"; ta=$(python3 -c "print($(now)-$s)"); ca=$(cpu)
    va=$(json "$w/a.json" "d['final']['measured_vmaf']"); ba=$(stat -c %s "$w/a.mkv"); crfa=$(json "$w/a.json" "d['final']['crf']")
    printf '%-6s %-10s %-26s %10d %8.3f %9s %8.0f %6s  %s\n' "$name" "$enc" "(a) single CRF" "$ba" "$va" "" "$ta" "$ca" "CRF $crfa, $frames frames, load $load0"

    # (b) per-chunk target quality at Va; (c) convex hull at Va. Each: one run, a second aimed past Va by the miss, interpolated.
    for method in ${METHODS:-b c}; do
      aim=$va; runs=()
      for attempt in 1 2; do
        out="$w/$method$attempt.mkv"; rm -rf "$out" "$w/.$method$attempt.mkv.ovni-chunks"
        s=$(now)
        if [ $method = b ]; then
          ovni chunked "$input" "$out" --encoder "$enc" --preset "$preset" --target-vmaf "$aim" --workers 2 --json >"$w/b$attempt.json"
        else
          ovni encode "$input" "$out" --optimize shots --target-vmaf "$aim" --encoder "$enc" --preset "$preset" --verify full \
            --hull-json "$w/c$attempt.hull.json" "${hull_args[@]}" --json >"$w/c$attempt.json"
        fi
        t=$(python3 -c "print($(now)-$s)"); c=$(cpu)
        if [ $method = b ]; then v=$(vmaf "$input" "$out" "$w/b$attempt.vmaf.json"); else v=$(json "$w/c$attempt.json" "d['measured_vmaf']"); fi
        b=$(stat -c %s "$out")
        runs+=("$v $b $t $c")
        label=$([ $method = b ] && echo "(b) per-chunk TQ" || echo "(c) convex hull")
        extra=$([ $method = c ] && json "$w/c$attempt.json" "'predicted %.3f, %d probes, %d shots' % (d['predicted_vmaf'], d['probe_encodes'], len(d['shots']))" || echo "")
        printf '%-6s %-10s %-26s %10d %8.3f %8.1f%% %8.0f %6s  %s\n' "$name" "$enc" "$label run $attempt (aim $(printf %.2f "$aim"))" "$b" "$v" \
          "$(python3 -c "print(100*($b/$ba-1))")" "$t" "$c" "$extra, load $(cut -d' ' -f1 /proc/loadavg)"
        close=$(python3 -c "print(1 if abs($v-$va)<=0.1 else 0)")
        [ "$close" = 1 ] && break
        aim=$(python3 -c "print(min(99.5, $aim + ($va - $v)))")
      done
      if [ ${#runs[@]} -eq 2 ]; then
        read -r v1 b1 _ <<<"${runs[0]}"; read -r v2 b2 _ <<<"${runs[1]}"
        bi=$(interp "$va" "$v1" "$b1" "$v2" "$b2")
      else
        read -r _ bi _ <<<"${runs[0]}"
      fi
      t1=$(echo "${runs[0]}" | cut -d' ' -f3); c1=$(echo "${runs[0]}" | cut -d' ' -f4)
      printf '%-6s %-10s %-26s %10d %8.3f %8.1f%% %8s %6s  %s\n' "$name" "$enc" "$([ $method = b ] && echo '(b)' || echo '(c)') at Va" "$bi" "$va" \
        "$(python3 -c "print(100*($bi/$ba-1))")" "" "" "run 1 / (a): wall $(python3 -c "print('%.2f' % ($t1/$ta))")x, CPU $(python3 -c "print('%.2f' % ($c1/max(1,$ca)))")x"
    done
    echo "# $name $enc: load before $load0, after $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores"
  done
done
