#!/usr/bin/env bash
# The product's layers include only what docs/architecture.md allows them to. Each
# layer is a folder; each line below names what the files in it may include, as
# folders (ending in /) or single headers. Nothing may include pipeline/app/.
# Usage: layers.sh SOURCE_DIR. Prints every include that breaks the direction.
set -euo pipefail
cd "$1"
[ -d pipeline/core ] || { echo "layers: no pipeline/core under $PWD: wrong directory?"; exit 1; }
declare -A allowed=(
  [pipeline/core/]="pipeline/core/"
  [pipeline/platform/]="pipeline/core/ pipeline/platform/"
  [pipeline/ingest/]="pipeline/core/ pipeline/platform/ pipeline/ingest/"
  # The Word reader opens a .docx's parts with ingest's zip adapter.
  [extractors/]="pipeline/core/ pipeline/platform/ extractors/ pipeline/ingest/zip_archive.h"
  [redaction/]="pipeline/core/ redaction/"
  [checks/]="pipeline/core/ checks/"
  [pipeline/output/]="pipeline/core/ pipeline/platform/ pipeline/output/ redaction/masking.h"
  [pipeline/app/]="pipeline/ extractors/ redaction/ checks/"
)
status=0
# Every file of the product sits in a layer: a new folder must be given its place here.
while IFS= read -r f; do
  inside=0
  for layer in "${!allowed[@]}"; do [[ "$f" == "$layer"* ]] && inside=1; done
  if [ $inside = 0 ]; then
    echo "layers: $f is in no layer; give its folder a line in tests/layers.sh and docs/architecture.md"
    status=1
  fi
done < <(find pipeline extractors redaction checks -name '*.h' -o -name '*.cc' -o -name '*.cc.in' |
  grep -vE '^(pipeline|extractors|redaction|checks)/[^/]*CMakeLists' | grep -E '/' || true)
for layer in "${!allowed[@]}"; do
  while IFS= read -r line; do
    file="${line%%:*}"
    included="$(sed -E 's/^[^#]*#[ \t]*include[ \t]*["<]([^">]+)[">].*/\1/' <<<"${line#*:}")"
    # A path relative to the including file's folder counts as the file it names.
    if [ ! -e "$included" ] && [ -e "$(dirname "$file")/$included" ]; then
      included="$(dirname "$file")/$included"
    fi
    included="$(realpath -m --relative-to=. "$included")"
    # Only the project's own headers: those that sit in one of its folders.
    [[ "$included" == */* ]] || continue
    [ -e "$included" ] || continue
    ok=0
    for a in ${allowed[$layer]}; do
      if [[ "$a" == */ && "$included" == "$a"* ]] || [[ "$included" == "$a" ]]; then ok=1; fi
    done
    if [ $ok = 0 ]; then
      echo "layers: $file includes $included, which ${layer%/} may not (docs/architecture.md)"
      status=1
    fi
  done < <(grep -rHE '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' --include='*.h' \
    --include='*.cc' --include='*.cc.in' "$layer")
done
exit $status
