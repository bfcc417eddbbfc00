#!/usr/bin/env bash
# Installs what is missing, builds qpm-intake, triages a shipped sample submission
# and says where the report and the review bundle are; then scans a sample with planted personal data to
# show how findings look (values masked).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
echo "demo: building qpm-intake (first time: a minute or two)..." >&2
cmake --preset default >/dev/null
cmake --build --preset default --target qpm-intake >/dev/null
bin="build/default/pipeline/qpm-intake"

out="out/demo"
sample="samples/clean/example-advocacy-submission.eml"
echo >&2
echo "demo: qpm-intake triage $sample -o $out" >&2
code=0
"$bin" triage "$sample" -o "$out" || code=$?
if [ "$code" -gt 1 ]; then
  echo "demo: triage exited with $code" >&2
  exit "$code"
fi

echo >&2
echo "demo: qpm-intake scan samples/broken/planted-pii.zip   (a case file with planted personal data)" >&2
"$bin" scan samples/broken/planted-pii.zip || true

echo >&2
echo "demo: the triage report is $PWD/$out/report.html (and report.json beside it)" >&2
if [ -f "$out/bundle.pdf" ]; then
  echo "demo: the review bundle for the assessor is $PWD/$out/bundle.pdf" >&2
else
  echo "demo: no review bundle was written; report.html says why" >&2
fi
