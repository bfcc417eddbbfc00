#!/usr/bin/env bash
# No .cc file of the product holds a data table longer than 100 lines: long lists
# (words, cue phrases, styles) live in data files that the build embeds (as
# redaction/data/ and pipeline/output/report.css are), so that code reads as code.
# A table is a run of lines that hold only literals ("word", 12, kName, true),
# braces and commas, or the inside of a raw string R"(...)". Function length is
# checked by clang-tidy (readability-function-size in .clang-tidy).
# Usage: code_shape.sh SOURCE_DIR. Prints each long table, with its file and line.
set -euo pipefail
cd "$1"
[ -d pipeline/core ] || { echo "code_shape: no pipeline/core under $PWD: wrong directory?"; exit 1; }
status=0
while IFS= read -r f; do
  awk -v file="$f" -v limit=100 '
    function flush() {
      if (run > limit) { printf "code_shape: %s:%d: a data table of %d lines; move it to a data file\n", file, start, run; bad = 1 }
      run = 0
    }
    {
      line = $0
      if (raw) {                          # inside a raw string literal
        if (index(line, ")" delim "\"") > 0) raw = 0
        if (run == 0) start = NR
        run++; next
      }
      if (match(line, /R"[A-Za-z_]*\(/)) {   # R"delim( ... )delim"
        delim = substr(line, RSTART + 2, RLENGTH - 3)
        if (index(substr(line, RSTART + RLENGTH), ")" delim "\"") == 0) {
          raw = 1; if (run == 0) start = NR; run++; next
        }
      }
      sub(/\/\/.*$/, "", line)            # comments do not end a table
      if (line ~ /^[ \t]*$/) { if (run > 0) run++; next }
      data = line
      gsub(/"([^"\\]|\\.)*"/, "S", data)   # string literals
      if (data ~ /^[ \t{},SA-Za-z0-9_.:+\-]*$/ && data !~ /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/ &&
          data !~ /^[ \t]*(return|if|for|while|case|else|break|continue|namespace|static|const|using|struct|class|enum|switch|do)[ \t{(;]/ ) {
        if (run == 0) start = NR
        run++
      } else {
        flush()
      }
    }
    END { flush(); exit bad }
  ' "$f" || status=1
done < <(find pipeline extractors redaction checks -name '*.cc' | sort)
exit $status
