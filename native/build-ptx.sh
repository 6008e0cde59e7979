#!/usr/bin/env bash
# Compiles every native/kernels/*.cu to PTX with clang's NVPTX back end (no CUDA SDK needed) and
# writes src/Ovni.Kernels/Ptx/<name>.ptx, which is committed and embedded in Ovni.Kernels.
# Usage: native/build-ptx.sh [output-dir]   (the staleness test passes a temp dir and compares)
# The output is deterministic: no debug info, no paths; same clang -> same bytes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../src/Ovni.Kernels/Ptx}"
clang="${OVNI_CLANG:-clang++-14}"
mkdir -p "$out"
for cu in "$here"/kernels/*.cu; do
  name="$(basename "$cu" .cu)"
  "$clang" -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-gpu-arch=sm_52 -O3 -ffp-contract=off -S \
    -I "$here/kernels" "$cu" -o "$out/$name.ptx"
done
