#!/usr/bin/env python3
"""The whole-submission OCR benchmark of scripts/bench-extract (see its header).

Generates a Band 2 submission with make_submission, then, RUNS times over:
  1. `qpm-intake triage` on it, recording the pages it OCRs (--ocr-record);
  2. the floor: `pdftoppm -r 300 -gray` and `tesseract` on exactly those pages, one
     thread each (OMP_THREAD_LIMIT=1), two pages at a time (xargs -P 2);
  3. `qpm-intake triage --no-ocr`.
Triage and the floor run back to back in the same run, so both suffer the same load on
a shared machine; the ratio is taken pair by pair. Peak memory is GNU time's maximum
resident set size, which is that of the largest single process among the command and
the children it waited for (the reader processes). A benchmark: it asserts nothing.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RATIO_TARGET = 1.1
MEMORY_TARGET_MB = 100
RECORDING = re.compile(r"^([0-9a-f]{64})-p([0-9]+)\.json$")

# One page of the floor, as xargs hands it over: render it, read it.
FLOOR_PAGE = (
    'pdftoppm -r 300 -gray -f "$2" -l "$2" -singlefile "$1" "$3/p$$" && '
    'tesseract "$3/p$$.pgm" "$3/p$$" >/dev/null 2>&1; rm -f "$3/p$$.pgm" "$3/p$$.txt"'
)


def timed(cmd, env=None):
    """Runs cmd under GNU time: (wall s, CPU s, peak RSS of its largest process in MB, exit,
    stderr). CPU is user + system time of the command and every child it waited for."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as t:
        start = time.monotonic()
        p = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%U %S %M"] + cmd, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - start
        fields = open(t.name).read().strip().split("\n")[-1].split()
        cpu = float(fields[0]) + float(fields[1])
        rss_kb = int(fields[2])
    return wall, cpu, rss_kb / 1024, p.returncode, p.stderr


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generator", required=True)
    ap.add_argument("--tool", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    for prog in ("pdftoppm", "tesseract", "xargs"):
        if shutil.which(prog) is None:
            sys.exit(f"bench-extract: {prog} is missing (scripts/setup.sh installs it)")

    tmp = tempfile.mkdtemp(prefix="bench-extract-")
    try:
        subprocess.run([a.generator, str(a.seed), tmp], check=True)
        submission = os.path.join(tmp, "submission")
        scans = json.load(open(os.path.join(tmp, "scans.json")))
        files = {}
        pages = 0
        for d, _, names in os.walk(submission):
            for n in names:
                path = os.path.join(d, n)
                files[sha256(path)] = path
                out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
                pages += int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
        print(f"submission (seed {a.seed}): {len(files)} PDFs, {pages} pages, "
              f"{len(scans)} of them scanned ({sum(1 for s in scans if s['turn'])} turned)")

        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        common = ["triage", submission, "--received", "2026-11-20", "-q"]
        rows = []
        for run in range(a.runs):
            out = os.path.join(tmp, "out")
            rec = os.path.join(tmp, "ocr")
            shutil.rmtree(rec, ignore_errors=True)
            os.makedirs(rec)
            t_ocr, c_ocr, rss, code, err = timed([a.tool] + common + ["-o", out, "--ocr-record", rec],
                                          env)
            if code not in (0, 1):
                sys.exit(f"bench-extract: triage exited {code}: {err.strip()[-400:]}")
            ocr_pages, pictures = [], 0
            for name in sorted(os.listdir(rec)):
                m = RECORDING.match(name)
                if m and m.group(1) in files:
                    ocr_pages.append((files[m.group(1)], int(m.group(2))))
                else:
                    pictures += 1  # a picture inside a document, not a whole page
            work = os.path.join(tmp, "floor")
            os.makedirs(work, exist_ok=True)
            listing = "".join(f"{path}\0{page}\0{work}\0" for path, page in ocr_pages)
            with tempfile.NamedTemporaryFile(mode="w", suffix=".list") as lst:
                lst.write(listing)
                lst.flush()
                t_floor, c_floor, floor_rss, code, err = timed(
                    ["sh", "-c", f"xargs -0 -P 2 -n 3 < '{lst.name}' sh -c '{FLOOR_PAGE}' floor"],
                    env)
            if code != 0:
                sys.exit(f"bench-extract: the floor failed ({code}): {err.strip()[-400:]}")
            t_plain, c_plain, _, code, err = timed([a.tool] + common + ["-o", out, "--no-ocr"], env)
            if code not in (0, 1):
                sys.exit(f"bench-extract: triage --no-ocr exited {code}: {err.strip()[-400:]}")
            rows.append((t_ocr, t_floor, t_ocr / t_floor, t_plain, rss, floor_rss, c_ocr, c_floor,
                         c_ocr / c_floor, c_plain))
            print(f"run {run + 1}: triage {t_ocr:.1f} s, floor {t_floor:.1f} s, "
                  f"ratio {t_ocr / t_floor:.2f} (CPU {c_ocr:.1f} s / {c_floor:.1f} s = "
                  f"{c_ocr / c_floor:.2f}); --no-ocr {t_plain:.1f} s; "
                  f"peak process {rss:.0f} MB; OCRed {len(ocr_pages)} pages, "
                  f"{pictures} pictures", flush=True)
            if len(ocr_pages) != len(scans):
                print(f"  note: triage OCRed {len(ocr_pages)} pages, the generator scanned "
                      f"{len(scans)}")

        def spread(i, fmt):
            v = [r[i] for r in rows]
            med = statistics.median(v)
            if len(v) == 1:
                return fmt.format(med)
            return f"{fmt.format(med)} (min {fmt.format(min(v))}, max {fmt.format(max(v))})"

        ratio = statistics.median(r[2] for r in rows)
        rss = max(r[4] for r in rows)
        print(f"\nwhole triage, {len(rows)} run(s), median:")
        print(f"  triage                    {spread(0, '{:.1f}')} s wall, "
              f"{spread(6, '{:.1f}')} s CPU")
        print(f"  floor                     {spread(1, '{:.1f}')} s wall, "
              f"{spread(7, '{:.1f}')} s CPU  (pdftoppm -r 300 -gray + tesseract, "
              f"1 thread each, 2 at a time)")
        print(f"  triage --no-ocr           {spread(3, '{:.1f}')} s wall, "
              f"{spread(9, '{:.1f}')} s CPU")
        print(f"  ratio triage / floor      {spread(2, '{:.2f}')} wall; target at most "
              f"{RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'NOT met'}")
        print(f"                            {spread(8, '{:.2f}')} CPU (steadier on a busy "
              f"machine)")
        print(f"  peak memory, largest process of triage: {rss:.0f} MB; target at most "
              f"{MEMORY_TARGET_MB} MB: {'met' if rss <= MEMORY_TARGET_MB else 'NOT met'} "
              f"(floor's: {max(r[5] for r in rows):.0f} MB)")
    finally:
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
