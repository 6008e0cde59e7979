#!/usr/bin/env bash
# A longer mutation-fuzzing campaign than the test suite's: 10x the cases (3120 by default) of the same seeded
# mutations (byte flips in header and data, truncations, zeroed and duplicated ranges) over clips of every container
# family, each probed, decoded and transcoded. Usage: scripts/fuzz-campaign.sh [CASES] [SEED] [KEEP_FOLDER]
# Failing cases are kept in KEEP_FOLDER (default ./fuzz-failures) and can be replayed one by one:
#   OVNI_FUZZ_CASE=N OVNI_FUZZ_SEED=SEED dotnet test tests/Ovni.Tests -c Release --filter FullyQualifiedName~MutationFuzz
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-3120}
seed=${2:-$RANDOM$RANDOM}
keep=${3:-$PWD/fuzz-failures}
mkdir -p "$keep"
dotnet build tests/Ovni.Tests -c Release -nologo -v q >/dev/null
echo "fuzz campaign: $cases cases, seed $seed (failing cases kept in $keep)"
OVNI_FUZZ_CASES=$cases OVNI_FUZZ_SEED=$seed OVNI_FUZZ_KEEP=$keep \
  dotnet test tests/Ovni.Tests -c Release --no-build -nologo --logger "console;verbosity=normal" \
  --filter "FullyQualifiedName~MutationFuzzTests" 2>&1 | grep -E "fuzz|case [0-9]+|Passed!|Failed!|Test Run" || true
rmdir "$keep" 2>/dev/null || true
