#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test with
# ctest; then builds and runs the whole suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Set QPM_SKIP_SANITIZERS=1 to skip that second pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
jobs="$(nproc)"

echo "== build (warnings are errors)" >&2
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
echo "== tests" >&2
ctest --preset ci -j "$jobs"

if [ "${QPM_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer" >&2
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  echo "== tests under the sanitizers" >&2
  ctest --preset asan -j "$jobs"
fi
