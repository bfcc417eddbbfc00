#!/usr/bin/env bash
# Every C++ file is clang-formatted, and clang-tidy (.clang-tidy: a short list of
# checks, each an error) finds nothing. Usage: lint.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
cd "$src"
mapfile -t files < <(find pipeline extractors redaction checks tests scripts -name '*.cc' -o -name '*.h' | sort)
if [ "${#files[@]}" -lt 20 ]; then
  echo "lint: found only ${#files[@]} C++ files under $src: wrong directory?"
  exit 1
fi
status=0
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "not clang-formatted: $f (run clang-format -i $f)"; status=1; }
done
# clang-tidy on the product code only (tests and the sample generator are covered by
# the compiler's warnings): its analyzer is slow, so files run in parallel.
tidy_out="$(find pipeline extractors redaction checks -name '*.cc' -print0 |
  xargs -0 -n 1 -P "$(nproc)" clang-tidy -p "$build" --quiet 2>&1)" || status=1
echo "$tidy_out" | grep -E "error:|warning:" || true
[ $status = 0 ] && echo "lint: ${#files[@]} files formatted and clean"
exit $status
