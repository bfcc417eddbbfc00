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
# The layers include only what docs/architecture.md allows, and no file holds a long
# data table (function length is clang-tidy's readability-function-size below).
tests/layers.sh . || status=1
tests/code_shape.sh . || status=1
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "not clang-formatted: $f (run clang-format -i $f)"; status=1; }
done
# clang-tidy on the product code only (tests and the sample generator are covered by
# the compiler's warnings): its analyzer is slow, so files run in parallel.
# Files that include qpdf's headers are read as C++17: clang 14 with libstdc++ 12
# rejects qpdf 11's JSON.hh (a vector of an incomplete type) in C++20 mode only.
mapfile -t product < <(find pipeline extractors redaction checks -name '*.cc' | sort)
plain=()
qpdf=()
for f in "${product[@]}"; do
  if grep -q '#include <qpdf/' "$f"; then qpdf+=("$f"); else plain+=("$f"); fi
done
tidy_out="$(printf '%s\0' "${plain[@]}" |
  xargs -0 -n 1 -P "$(nproc)" clang-tidy -p "$build" --quiet 2>&1)" || status=1
for f in "${qpdf[@]}"; do
  tidy_out+=$'\n'"$(clang-tidy -p "$build" --quiet --extra-arg=-std=c++17 "$f" 2>&1)" || status=1
done
echo "$tidy_out" | grep -E "error:|warning:" || true
[ $status = 0 ] && echo "lint: ${#files[@]} files formatted and clean"
exit $status
