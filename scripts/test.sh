#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build everything, run every test suite.
# Prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh || exit 1
./scripts/build-native.sh || { echo "native build failed"; exit 1; }
dotnet build Ovni.sln -c Release -nologo -v q || { echo "build failed"; exit 1; }

log=$(mktemp)
echo "=== SIMD tier default: ovni --version says '$(dotnet src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll --version | sed -n 's/^SIMD: //p')' ==="
# Normal verbosity makes xUnit print each skip's reason; the per-test "Passed" lines stay in the log only.
# Tests that bound wall time carry the trait Category=Timing (the queue's own database syncs, a Ctrl+C's exit, a
# cancelled drain) and run afterwards, one suite at a time: beside the other suites' encodes and PostgreSQL commits they
# measure the neighbours (a queue sync waits 110 ms there, 2 ms idle; an exit took 3.46 s after Ctrl+C, 0.15 s alone).
dotnet test Ovni.sln -c Release --no-build -nologo --logger "console;verbosity=normal" --filter "Category!=Timing" 2>&1 \
  | tee "$log" | grep -vE '^\s+Passed '
status=${PIPESTATUS[0]}
for suite in tests/Ovni.Tests tests/Ovni.AutoEncode.Tests; do
  dotnet test "$suite" -c Release --no-build -nologo --logger "console;verbosity=normal" --filter "Category=Timing" 2>&1 \
    | tee -a "$log" | grep -vE '^\s+Passed '
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Every CPU twin has a path per SIMD tier; the runtime picks the widest the CPU has. Run the kernel parity and
# reference tests, the operations (parity, allocation) and the VMAF dataset tests again with the runtime told to use
# less: AVX2 (as most Intel laptops) and 128-bit only (as ARM NEON; SSE4.2 here). Each run names its tier.
tier_run() { # label, then the runtime switches
  local label=$1; shift
  echo "=== SIMD tier $label ($*): ovni --version says '$(env "$@" dotnet src/Ovni.Cli/bin/Release/net10.0/Ovni.Cli.dll --version | sed -n 's/^SIMD: //p')' ==="
  local suite
  for suite in tests/Ovni.Kernels.Tests tests/Ovni.Operations.Tests tests/Ovni.Quality.Tests; do
    local filter=()
    [ "$suite" = tests/Ovni.Quality.Tests ] && filter=(--filter "FullyQualifiedName~LibvmafDatasetTests|FullyQualifiedName~SteadyStateAllocationTests")
    env "$@" dotnet test "$suite" -c Release --no-build -nologo --logger "console;verbosity=normal" "${filter[@]}" 2>&1 \
      | tee -a "$log" | grep -vE '^\s+Passed ' | sed "s/^/[$label] /"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
}
tier_run AVX2 DOTNET_EnableAVX512=0
tier_run 128-bit DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableAVX=0

./scripts/pack-smoke.sh >"$log.pack" 2>&1
pack_status=$?
tail -n 3 "$log.pack"

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ $pack_status -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "package smoke test FAILED:"; cat "$log.pack"; fi
# Why tests were skipped: the line xUnit prints after each [SKIP], counted.
grep -A1 -F '[SKIP]' "$log" | grep -vF -e '[SKIP]' -e '--' | sed -E 's/^\[xUnit.net [0-9:.]+\] +//' | sort | uniq -c | sort -rn \
  | sed 's/^ */skipped: /' | head -20 || true
# The failures again, last, so that a log cut to its tail still names them and says why.
if grep -qF '[FAIL]' "$log"; then
  echo "=== failed tests ==="
  grep -A25 -F '[FAIL]' "$log" | sed -E 's/^(\[[^]]*\] )?\[xUnit.net [0-9:.]+\] +//' | head -150
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
