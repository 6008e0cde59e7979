#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build everything, run every test suite.
# Prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh || exit 1
./scripts/build-native.sh || { echo "native build failed"; exit 1; }
dotnet build Ovni.sln -c Release -nologo -v q || { echo "build failed"; exit 1; }

log=$(mktemp)
# Normal verbosity makes xUnit print each skip's reason; the per-test "Passed" lines stay in the log only.
dotnet test Ovni.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep -vE '^\s+Passed '
status=${PIPESTATUS[0]}

./scripts/pack-smoke.sh >"$log.pack" 2>&1
pack_status=$?
tail -n 3 "$log.pack"

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ $pack_status -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "package smoke test FAILED:"; cat "$log.pack"; fi
# Why tests were skipped: the line xUnit prints after each [SKIP], counted.
grep -A1 -F '[SKIP]' "$log" | grep -vF -e '[SKIP]' -e '--' | sed -E 's/^\[xUnit.net [0-9:.]+\] +//' | sort | uniq -c | sort -rn \
  | sed 's/^ */skipped: /' | head -20 || true
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
