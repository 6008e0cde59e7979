#!/usr/bin/env bash
# Builds the target-quality test set from ../shared/media: five 720p inputs of about two minutes with different content,
# plus a three-minute 720p input for the speed ratios. Every input is made of real footage except the screen capture,
# which is generated (FFmpeg filters drawing an editor, a terminal, a dragged window, a video player and a cursor).
# The footage in ../shared/media is short: where one kind of content runs out, the inputs say below what was reused and
# how it was changed. Files that exist are kept (the script is resumable). Usage: benchmarks/tq-inputs.sh [folder]
set -euo pipefail
cd "$(dirname "$0")/.."
media=$(realpath ../shared/media)
out=${1:-${TQ_WORK:-/tmp/ovni-tq-bench}}/inputs
mkdir -p "$out"
font=$(fc-match -f '%{file}' 'DejaVu Sans Mono' 2>/dev/null || echo /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf)
# Sources: high-quality 720p H.264 (the "masters" the searches are measured against).
master=(-c:v libx264 -preset fast -crf 12 -an -movflags +faststart)
ff() { nice -n "${NICE:-10}" ffmpeg -hide_banner -v error -y "$@"; }

build() { # name, then ffmpeg arguments writing "$tmp"; TQ_INPUTS="static.mp4 live.mp4" builds only those
  local name=$1; shift
  [ -s "$out/$name" ] && return 0
  [ -n "${TQ_INPUTS:-}" ] && [[ " $TQ_INPUTS " != *" $name "* ]] && return 0
  echo "building $name" >&2
  tmp="$out/.$name.partial.${name##*.}"
  "$@"
  mv "$tmp" "$out/$name"
}

# Animation (120 s): Big Buck Bunny's first 60 s, the Sintel clip (10 s, letterboxed), then 50 s of Big Buck Bunny again,
# mirrored, zoomed 1.4x and played backwards (the only other animation in ../shared/media is 10 s long).
animation() {
  ff -i "$media/big_buck_bunny_60s_360p.mp4" -i "$media/sintel_1080_10s_av1.mp4" -i "$media/big_buck_bunny_60s_360p.mp4" -filter_complex "
    [0:v]trim=0:60,setpts=PTS-STARTPTS,scale=1280:720:flags=lanczos,setsar=1,fps=24,format=yuv420p[a];
    [1:v]setpts=PTS-STARTPTS,fps=24,scale=1280:-2:flags=lanczos:in_range=pc:out_range=tv,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[b];
    [2:v]trim=10:60,setpts=PTS-STARTPTS,reverse,hflip,crop=iw/1.4:ih/1.4,scale=1280:720:flags=lanczos,setsar=1,fps=24,format=yuv420p[c];
    [a][b][c]concat=n=3:v=1:a=0[v]" -map '[v]' "${master[@]}" "$tmp"
}

# Live action (120 s): Tears of Steel's battle clip (70.5 s, letterboxed), the cockatoo (14 s, handheld), the man and dog
# (5 s), then Tears of Steel's first 30.5 s again, cropped to 16:9 (no bars), mirrored and played backwards.
live() {
  ff -i "$media/tears-of-steel-battle-clip-medium.webm" -i "$media/cockatoo.mp4" -i "$media/internal_emulator_transformer_output.mp4" \
     -i "$media/tears-of-steel-battle-clip-medium.webm" -filter_complex "
    [0:v]setpts=PTS-STARTPTS,scale=1280:-2:flags=lanczos,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=24,format=yuv420p[a];
    [1:v]setpts=PTS-STARTPTS,fps=24,scale=1280:720,setsar=1,format=yuv420p[b];
    [2:v]setpts=PTS-STARTPTS,fps=24,scale=1280:720,setsar=1,format=yuv420p[c];
    [3:v]trim=0:30.5,setpts=PTS-STARTPTS,reverse,hflip,crop=ih*16/9:ih,scale=1280:720:flags=lanczos,setsar=1,fps=24,format=yuv420p[d];
    [a][b][c][d]concat=n=4:v=1:a=0[v]" -map '[v]' "${master[@]}" "$tmp"
}

# Static camera (139 s): the fixed overhead camera, people walking in one at a time; its own 10 fps kept.
static_camera() {
  ff -i "$media/people_static_camera_432p.mp4" -vf "scale=1280:720:flags=lanczos,setsar=1,format=yuv420p" "${master[@]}" "$tmp"
}

# Screen capture (120 s, 30 fps), generated: a desktop with a code editor whose text scrolls in bursts (this project's
# C# sources), a terminal printing a log, a window dragged across the screen (40-60 s), a video playing in a player window
# (60-90 s), a task bar clock and a moving cursor.
screen() {
  local code="$out/.screen-code.txt" log="$out/.screen-log.txt"
  cat src/Ovni.Encoding/*.cs src/Ovni/Scenes/*.cs | sed 's/\t/    /g' | head -2500 > "$code"
  git log --stat -n 400 --format='%h %an %s' d0ea85f | head -3000 > "$log"
  ff -f lavfi -i "color=c=0x23272e:s=1280x720:r=30:d=120" -f lavfi -i "color=c=0x1e1e1e:s=760x560:r=30:d=120" \
     -f lavfi -i "color=c=0x0c0c0c:s=420x300:r=30:d=120" -i "$media/big_buck_bunny_60s_360p.mp4" -filter_complex "
    [1:v]drawtext=fontfile=$font:textfile=$code:expansion=none:fontsize=14:fontcolor=0xd4d4d4:line_spacing=4:x=12:y='8-18*floor(4*(min(t,12)+max(0,min(t,30)-20)+max(0,t-95)))'[editor];
    [2:v]drawtext=fontfile=$font:textfile=$log:expansion=none:fontsize=12:fontcolor=0x33ff66:x=8:y='290-16*floor(5*t)'[term];
    [3:v]trim=0:30,setpts=PTS-STARTPTS+60/TB,scale=480:270,fps=30,format=yuv420p[movie];
    [0:v]drawbox=x=0:y=690:w=1280:h=30:color=0x111317:t=fill,drawtext=fontfile=$font:text='%{pts\:hms}':fontsize=16:fontcolor=white:x=1120:y=697,
         drawbox=x=38:y=48:w=764:h=596:color=0x3c3f41:t=fill,drawtext=fontfile=$font:text='TargetQualitySearch.cs - editor':fontsize=14:fontcolor=0xbbbbbb:x=50:y=56[desk];
    [desk][editor]overlay=x=40:y=82[d1];
    [d1]drawbox=x='if(between(t,40,60),818-(t-40)*24,818)':y='if(between(t,40,60),58+(t-40)*6,58)':w=424:h=330:color=0x3c3f41:t=fill:enable=1[d2];
    [d2][term]overlay=x='if(between(t,40,60),820-(t-40)*24,820)':y='if(between(t,40,60),86+(t-40)*6,86)'[d3];
    [d3]drawbox=x=778:y=398:w=484:h=274:color=0x3c3f41:t=fill:enable='between(t,60,90)'[d4];
    [d4][movie]overlay=x=780:y=400:eof_action=pass:enable='between(t,60,90)'[d5];
    [d5]drawbox=x='640+420*sin(t/3)':y='340+250*cos(t/4.3)':w=10:h=16:color=white:t=fill,format=yuv420p[v]" \
     -map '[v]' -t 120 "${master[@]}" "$tmp"
}

# 10-bit (120 s): SDR footage mapped into BT.2020 / PQ at 10 bits (zscale, SDR white at 100 nits), tagged as HDR10.
# The only real HDR clip in ../shared/media lasts one second, so this is real footage in an HDR10 signal, not HDR-graded
# footage: Sintel (10 s), the cockatoo (14 s), Tears of Steel 35-70.5 s, the man and dog (5 s), Big Buck Bunny 0-55 s.
hdr10() {
  ff -i "$media/sintel_1080_10s_av1.mp4" -i "$media/cockatoo.mp4" -i "$media/tears-of-steel-battle-clip-medium.webm" \
     -i "$media/internal_emulator_transformer_output.mp4" -i "$media/big_buck_bunny_60s_360p.mp4" -filter_complex "
    [0:v]setpts=PTS-STARTPTS,fps=24,scale=1280:-2:flags=lanczos:in_range=pc:out_range=tv,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[a];
    [1:v]setpts=PTS-STARTPTS,fps=24,scale=1280:720,setsar=1,format=yuv420p[b];
    [2:v]trim=35:70.5,setpts=PTS-STARTPTS,crop=ih*16/9:ih,scale=1280:720:flags=lanczos,setsar=1,fps=24,format=yuv420p[c];
    [3:v]setpts=PTS-STARTPTS,fps=24,scale=1280:720,setsar=1,format=yuv420p[d];
    [4:v]trim=0:55,setpts=PTS-STARTPTS,scale=1280:720:flags=lanczos,setsar=1,fps=24,format=yuv420p[e];
    [a][b][c][d][e]concat=n=5:v=1:a=0,zscale=tin=bt709:pin=bt709:min=bt709:rin=tv:t=smpte2084:p=bt2020:m=bt2020nc:r=tv:npl=100,format=yuv420p10le[v]" \
     -map '[v]' -c:v libx264 -preset fast -crf 12 -an -movflags +faststart \
     -color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc -color_range tv "$tmp"
}

# Speed input (180 s): the animation input followed by the first 60 s of the static camera at 24 fps (two inputs that
# need no third build, so the speed run can start before the live-action input exists).
speed() {
  ff -i "$out/animation.mp4" -i "$out/static.mp4" -filter_complex "[1:v]trim=0:60,setpts=PTS-STARTPTS,fps=24[b];[0:v][b]concat=n=2:v=1:a=0[v]" \
     -map '[v]' "${master[@]}" "$tmp"
}

# Speed input of moving footage only (180 s): the animation input followed by the first 60 s of the live-action input.
# speed180.mp4's static camera repeats its frames (10 fps to 24), which sends SVT-AV1's probes down their key-frame path;
# this one shows the probes as they run on moving footage.
speed_moving() {
  ff -i "$out/animation.mp4" -i "$out/live.mp4" -filter_complex "[1:v]trim=0:60,setpts=PTS-STARTPTS[b];[0:v][b]concat=n=2:v=1:a=0[v]" \
     -map '[v]' "${master[@]}" "$tmp"
}

build animation.mp4 animation
build static.mp4 static_camera
build live.mp4 live
build screen.mp4 screen
build hdr10.mp4 hdr10
build speed180.mp4 speed
build speed180-moving.mp4 speed_moving
ls -l "$out"
