#!/usr/bin/env bash
# Builds the native parts (host-compiled kernels, libcuda emulator) into native/build/lib.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build native/build -j"$(nproc)" >/dev/null
