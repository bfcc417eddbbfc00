#!/usr/bin/env bash
# The committed samples/ must be what scripts/make_samples writes today, so the
# expected results beside them describe the files that are really there.
# Usage: samples_up_to_date.sh MAKE_SAMPLES_BINARY SAMPLES_DIR
set -euo pipefail
generator="$1"
samples="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$generator" "$tmp/samples" >/dev/null 2>&1
# WinZip AES and ZipCrypto use a random salt or header on every run: these three
# files cannot be reproduced byte for byte (see samples/README.md).
random=("broken/aes-no-password.zip" "broken/zipcrypto.zip" "broken/password-in-second-email/1 submission.eml"
  "inbox/02 Riverside submission.eml")
status=0
while IFS= read -r -d '' f; do
  rel="${f#"$tmp/samples/"}"
  skip=0
  for r in "${random[@]}"; do [ "$rel" = "$r" ] && skip=1; done
  [ $skip = 1 ] && { [ -f "$samples/$rel" ] || { echo "missing: $rel"; status=1; }; continue; }
  if ! cmp -s "$f" "$samples/$rel"; then
    echo "out of date: samples/$rel (run scripts/make-samples)"
    status=1
  fi
done < <(find "$tmp/samples" -type f -print0)
while IFS= read -r -d '' f; do
  rel="${f#"$samples/"}"
  # Recorded OCR output (scans/ocr, fail-closed/ocr) is written by scripts/record-ocr, not by the
  # generator; tests/ocr_test.cc checks scans/ocr against what the generator drew, and that none
  # is stale; the end-to-end runs check fail-closed/ocr gives the planted findings.
  # The labelled personal-data set (samples/pii) is written by people, not generated:
  # its README says how; tests/pii_detectors_test.cc reads it.
  # A legacy Word .doc needs LibreOffice to write it: scripts/make-legacy-doc makes it once
  # from the generator's ODT, and it is committed (samples/README.md); its expected.json is
  # the generator's, checked above.
  case "$rel" in scans/ocr/* | fail-closed/ocr/* | pii/* | fail-closed/case-notes.doc) continue ;; esac
  [ -e "$tmp/samples/$rel" ] || { echo "not written by the generator: samples/$rel"; status=1; }
done < <(find "$samples" -type f -print0)
[ $status = 0 ] && echo "samples/ is up to date"
exit $status
