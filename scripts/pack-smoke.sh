#!/usr/bin/env bash
# Proves the NuGet package works for a newcomer, offline: packs Ovni (Ovni.Kernels travels inside it, not as a package of
# its own) into a local folder, checks what a user receives (readme, XML docs, pdbs with SourceLink, licences), then
#  1. builds a fresh console app whose Program.cs is the README's minimal app, taken from README.md, with
#     `dotnet add package Ovni` from that folder, and runs it (the kernels inside the package run: it scales);
#  2. builds a second fresh app from the README's recipes (samples/Ovni.Samples.Recipes/*.cs) against the package and
#     runs each: the promo render (5.0 s in both streams), VMAF of two files, the HDR10 transcode (side data kept), and
#     Ctrl+C during that transcode (exit 130 within seconds, no output left).
# Inputs are generated with the ffmpeg tool; restores use only the local folder and this machine's NuGet cache (which the
# repository's own build filled), so no network is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package smoke test: $*" >&2; exit 1; }
step() { echo "package smoke test: $*"; }

feed="$work/feed"
dotnet pack src/Ovni/Ovni.csproj -c Release -o "$feed" -nologo -v q >/dev/null
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
package="$feed/Ovni.$version.nupkg"
[ -f "$package" ] || fail "dotnet pack did not write $package"

# What a user receives.
listing=$(unzip -Z1 "$package")
for entry in lib/net10.0/Ovni.dll lib/net10.0/Ovni.xml lib/net10.0/Ovni.pdb lib/net10.0/Ovni.Kernels.dll lib/net10.0/Ovni.Kernels.pdb \
             README.md THIRD-PARTY-NOTICES.md licenses/vmaf-models/LICENSE; do
  grep -qx "$entry" <<<"$listing" || fail "$entry is not in $(basename "$package")"
done
nuspec=$(unzip -p "$package" '*.nuspec')
if grep -q 'id="Ovni.Kernels"' <<<"$nuspec"; then fail "$(basename "$package") depends on an Ovni.Kernels package"; fi
for tag in '<readme>README.md</readme>' '<license type="expression">MIT</license>' '<description>' '<repository type="git" url="https://github.com/'; do
  grep -qF "$tag" <<<"$nuspec" || fail "the nuspec lacks $tag"
done
if git rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git rev-parse HEAD)
  for pdb in Ovni.pdb Ovni.Kernels.pdb; do
    unzip -p "$package" "lib/net10.0/$pdb" >"$work/$pdb"
    grep -aq "raw.githubusercontent.com/[^\"]*/$commit/" "$work/$pdb" || fail "$pdb has no SourceLink to commit $commit"
  done
  sourcelink="pdbs link sources to commit ${commit:0:12}"
else
  sourcelink="not a git checkout: SourceLink not checked"
fi
step "$(basename "$package"): readme, XML docs, kernels inside, $sourcelink"

# A NuGet configuration a newcomer would write, offline: Ovni from the folder, everything else from this machine's cache.
# A packages folder of its own: the machine-wide one may hold an older build of the same version.
cache=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
new_app() { # folder
  mkdir -p "$1"
  cat >"$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources>
    <clear />
    <add key="ovni-local" value="$feed" />
    <add key="machine-cache" value="$cache" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="ovni-local"><package pattern="Ovni" /></packageSource>
    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
  cat >"$1/app.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
</Project>
XML
}
add_and_build() { # folder
  (cd "$1" && dotnet add package Ovni --version "$version" >/dev/null) || fail "dotnet add package Ovni failed in $1"
  dotnet build "$1" -c Release -nologo -v q -o "$1/bin" >"$1/build.log" 2>&1 || { cat "$1/build.log" >&2; fail "the app in $1 does not build"; }
}
probe() { ffprobe -v error "$@"; }

# Inputs: a clip with audio (and its first 2 s), a distorted copy for VMAF, HDR10 HEVC (mastering display + content light level).
ffmpeg -v error -f lavfi -i testsrc2=s=640x360:r=25:d=6 -f lavfi -i sine=d=6 -c:v libx264 -preset ultrafast -c:a aac -shortest "$work/clip.mp4"
ffmpeg -v error -i "$work/clip.mp4" -t 2 -c copy "$work/short.mp4"
ffmpeg -v error -f lavfi -i testsrc2=s=320x240:r=25:d=2 -c:v ffv1 "$work/ref.mkv"
ffmpeg -v error -i "$work/ref.mkv" -c:v libx264 -preset ultrafast -crf 38 "$work/dist.mkv"
hdr10="hdr10=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,50):max-cll=1000,400"
hdr_input() { # seconds size output
  ffmpeg -v error -f lavfi -i "testsrc2=s=$2:r=25:d=$1" -pix_fmt yuv420p10le -c:v libx265 -preset ultrafast \
    -x265-params "log-level=error:$hdr10" -color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc "$3"
}
hdr_input 1 640x360 "$work/hdr.mkv"
hdr_input 6 1280x720 "$work/hdr-long.mkv"

# 1. The README's minimal app, word for word.
minimal="$work/minimal"
new_app "$minimal"
awk '/<!-- pack-smoke: Program.cs/ {found=1; next} found && /^```csharp$/ {inside=1; next} inside && /^```$/ {exit} inside {print}' README.md >"$minimal/Program.cs"
[ -s "$minimal/Program.cs" ] || fail "README.md has no minimal app after '<!-- pack-smoke: Program.cs'"
add_and_build "$minimal"
dotnet "$minimal/bin/app.dll" "$work/short.mp4" "$work/minimal.mp4" || fail "the minimal app failed"
[ "$(probe -select_streams v -show_entries stream=width,height -of csv=p=0 "$work/minimal.mp4")" = "1280,720" ] || fail "the minimal app's output is not 1280x720"
[ "$(probe -select_streams a -show_entries stream=codec_name -of csv=p=0 "$work/minimal.mp4")" = "aac" ] || fail "the minimal app's output has no audio"
step "README minimal app: 1280x720 with audio"

# 2. The README's recipes.
recipes="$work/recipes"
new_app "$recipes"
cp samples/Ovni.Samples.Recipes/*.cs "$recipes/"
add_and_build "$recipes"
run_recipe() { dotnet "$recipes/bin/app.dll" "$@"; }

run_recipe promo "$work/clip.mp4" "$work/promo.mp4" || fail "the promo recipe failed"
for stream in v a; do
  duration=$(probe -select_streams "$stream" -show_entries stream=duration -of csv=p=0 "$work/promo.mp4")
  awk -v d="$duration" 'BEGIN { exit !(d >= 4.95 && d <= 5.05) }' || fail "promo: stream $stream lasts $duration s, not 5.0 ± 0.05"
done
step "promo recipe: 5.0 s of video and audio"

line=$(run_recipe vmaf "$work/ref.mkv" "$work/dist.mkv") || fail "the VMAF recipe failed"
echo "$line"
score=$(sed -n 's/^VMAF \([0-9.]*\) .*/\1/p' <<<"$line")
awk -v s="$score" 'BEGIN { exit !(s > 20 && s < 99) }' || fail "VMAF recipe: '$score' is not the score of a CRF 38 encode"
[ -s "$work/dist.vmaf.json" ] || fail "VMAF recipe: no per-frame JSON"
step "VMAF recipe: $score"

run_recipe hdr "$work/hdr.mkv" "$work/hdr-out.mkv" >/dev/null || fail "the HDR recipe failed"
probe -select_streams v -show_entries stream=codec_name,pix_fmt,color_primaries,color_transfer -of flat "$work/hdr-out.mkv" >"$work/hdr-out.txt"
grep -qx 'streams.stream.0.codec_name="hevc"' "$work/hdr-out.txt" && grep -qx 'streams.stream.0.pix_fmt="yuv420p10le"' "$work/hdr-out.txt" \
  && grep -qx 'streams.stream.0.color_primaries="bt2020"' "$work/hdr-out.txt" && grep -qx 'streams.stream.0.color_transfer="smpte2084"' "$work/hdr-out.txt" \
  || fail "HDR recipe: output is not HEVC 10-bit with BT.2020/PQ tags"
side=$(probe -select_streams v -show_frames -read_intervals %+#1 -show_entries frame=side_data_list "$work/hdr-out.mkv")
grep -q "side_data_type=Mastering display metadata" <<<"$side" && grep -q "max_content=1000" <<<"$side" \
  || fail "HDR recipe: mastering display / content light level lost"
step "HDR recipe: HEVC 10-bit, PQ, mastering display and content light level kept"

# Ctrl+C: SIGINT once the encoder is busy; the recipe must return 130 promptly and leave no file.
# (A background job of a script starts with SIGINT ignored; env restores the default, as a terminal's foreground app has it.)
env --default-signal=INT dotnet "$recipes/bin/app.dll" hdr "$work/hdr-long.mkv" "$work/cancelled.mkv" >"$work/cancel.log" 2>&1 &
pid=$!
sleep 4
kill -0 "$pid" 2>/dev/null || fail "Ctrl+C: the 6-second 720p transcode ended before SIGINT ($(tail -c 300 "$work/cancel.log"))"
kill -INT "$pid"
start=$(date +%s.%N)
status=0; wait "$pid" || status=$?
took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
[ "$status" -eq 130 ] || fail "Ctrl+C: exit code $status, not 130 ($(tail -c 300 "$work/cancel.log"))"
[ ! -e "$work/cancelled.mkv" ] || fail "Ctrl+C: $work/cancelled.mkv was left behind"
awk -v t="$took" 'BEGIN { exit !(t < 5) }' || fail "Ctrl+C: took $took s to stop"
step "HDR recipe, Ctrl+C: stopped in $took s, nothing left"
echo "package smoke test: passed"
