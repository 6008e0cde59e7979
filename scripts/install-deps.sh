#!/usr/bin/env bash
# Installs what Ovni needs on Debian/Ubuntu, skipping what is already there:
# FFmpeg (libraries + CLI used by tests), libass, the NVENC/CUDA loader header, CMake/g++ for the
# native parts, clang-14 for PTX; PostgreSQL and Chromium for the cluster and dashboard tests (which start them
# themselves). The .NET 10 SDK comes from the distribution where it has one.
set -euo pipefail

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in ffmpeg libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libass-dev libffmpeg-nvenc-dev \
           cmake g++ make clang-14 fonts-dejavu-core fontconfig ca-certificates unzip postgresql chromium; do
  have_pkg "$pkg" || need+=("$pkg")
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#need[@]} -gt 0 ]; then
  echo "ovni: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "ovni: installing the .NET 10 SDK"
  $SUDO apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dotnet-sdk-10.0 >/dev/null 2>&1; then
    echo "ovni: this distribution has no dotnet-sdk-10.0 package; install the .NET 10 SDK (https://dot.net) and run again." >&2
    exit 1
  fi
fi
