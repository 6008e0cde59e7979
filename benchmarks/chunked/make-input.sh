#!/usr/bin/env bash
# Builds the chunked-encoding test input from real footage in ../shared/media: a 3-minute 1280x720 24 fps H.264
# file with AAC audio and a chapter per clip, made of three different films concatenated (no clip is looped):
#   Tears of Steel battle clip (70.5 s, 14 hard cuts) + Big Buck Bunny (60 s, 6 cuts) + 49.5 s of a static camera.
# With the two clip borders that is at least 22 scene cuts. Usage: make-input.sh OUT.mkv [SECONDS]
set -euo pipefail
out=${1:?usage: make-input.sh OUT.mkv [SECONDS]}
seconds=${2:-180}
media="$(cd "$(dirname "$0")/../../.." && pwd)/shared/media"
tos="$media/tears-of-steel-battle-clip-medium.webm"
bbb="$media/big_buck_bunny_60s_360p.mp4"
cam="$media/people_static_camera_432p.mp4"
for f in "$tos" "$bbb" "$cam"; do [ -f "$f" ] || { echo "missing $f" >&2; exit 1; }; done
rest=$(awk -v s="$seconds" 'BEGIN { r = s - 70.5 - 60; if (r < 1) r = 1; printf "%.3f", r }')
fit='scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=24,format=yuv420p'
meta=$(mktemp)
cat >"$meta" <<META
;FFMETADATA1
title=Ovni chunked-encoding test input
[CHAPTER]
TIMEBASE=1/1000
START=0
END=70500
title=Tears of Steel
[CHAPTER]
TIMEBASE=1/1000
START=70500
END=130500
title=Big Buck Bunny
[CHAPTER]
TIMEBASE=1/1000
START=130500
END=$(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000 }')
title=Static camera
META
ffmpeg -v error -y -i "$tos" -i "$bbb" -i "$cam" -f lavfi -t "$rest" -i anullsrc=r=48000:cl=stereo -i "$meta" -filter_complex "
  [0:v]trim=duration=70.5,setpts=PTS-STARTPTS,$fit[v0];
  [1:v]trim=duration=60,setpts=PTS-STARTPTS,$fit[v1];
  [2:v]trim=duration=$rest,setpts=PTS-STARTPTS,$fit[v2];
  [0:a]atrim=duration=70.5,asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo[a0];
  [1:a]atrim=duration=60,asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo[a1];
  [3:a]aformat=channel_layouts=stereo[a2];
  [v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[v][a]" \
  -map '[v]' -map '[a]' -map_metadata 4 -map_chapters 4 \
  -c:v libx264 -preset fast -crf 16 -c:a aac -b:a 128k "$out"
rm -f "$meta"
echo "$out: $(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$out") frames"
