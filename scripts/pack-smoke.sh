#!/usr/bin/env bash
# Proves the NuGet package works for a stranger: packs Ovni (Ovni.Kernels travels inside it, not as a package of its
# own), creates a fresh console app that references it from a local folder feed, and transcodes a clip with it through
# a frame operation, so the kernels inside the package run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
dotnet pack src/Ovni/Ovni.csproj -c Release -o "$feed" -nologo -v q >/dev/null
package=$(ls "$feed"/Ovni.*.nupkg)
listing=$(unzip -l "$package")
grep -q "lib/net10.0/Ovni.Kernels.dll" <<<"$listing" || { echo "Ovni.Kernels.dll is not inside $package"; exit 1; }
nuspec=$(unzip -p "$package" '*.nuspec')
if grep -q 'id="Ovni.Kernels"' <<<"$nuspec"; then echo "$package depends on an Ovni.Kernels package"; exit 1; fi

app="$work/app"
mkdir -p "$app"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <!-- A packages folder of its own: the machine-wide one may hold an older build of the same version. -->
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat >"$app/app.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
</Project>
XML
cat >"$app/Program.cs" <<'CS'
using Ovni;
var result = await Transcoder.TranscodeAsync(args[0], args[1], new VideoEncoderOptions { Crf = 23, Preset = "ultrafast" },
    transform: frames => frames.Scale(320, 180, ScaleFilter.Bilinear).Vignette(0.3));
Console.WriteLine($"package smoke test: {result.Frames} frames -> {Path.GetFileName(result.Output)}");
return result.Frames > 0 && File.Exists(args[1]) ? 0 : 1;
CS
(cd "$app" && dotnet add package Ovni --version "$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")" >/dev/null)
ffmpeg -v error -f lavfi -i testsrc2=s=640x360:r=25:d=2 -f lavfi -i sine=d=2 -c:v libx264 -preset ultrafast -c:a aac -shortest "$work/in.mp4"
dotnet run --project "$app" -c Release -- "$work/in.mp4" "$work/out.mp4"
