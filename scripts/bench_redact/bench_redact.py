#!/usr/bin/env python3
"""The redact benchmark of scripts/bench-redact (see its header).

Generates scripts/bench-extract's submission (make_submission), takes SCANNED of its scanned
pages and the rest of PAGES from its text pages, interleaved, and merges them into one PDF
with `qpdf --empty --pages`. Then, RUNS times over:
  1. `qpm-intake redact DOC -o OUT --jobs N`;
  2. the floor: `pdftoppm -r 300 -gray` and `tesseract` on the same pages of DOC, one page
     per process, one thread each (OMP_THREAD_LIMIT=1), N at a time (xargs -P N).
Both run back to back in the same run, so both suffer the same load on a shared machine;
the ratio is taken pair by pair. A benchmark: it asserts nothing.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench_extract"))
from bench_extract import FLOOR_PAGE, timed  # noqa: E402  (one timer, one floor page)

RATIO_TARGET = 1.3


def page_count(path):
    out = subprocess.run(["qpdf", "--show-npages", path], capture_output=True, text=True)
    return int(out.stdout.strip())


def mixed_document(submission, scans, pages, scanned, out):
    """Merges `scanned` scanned pages and `pages - scanned` text pages of the submission
    into `out`, a scan after every few text pages. Returns (text pages, scanned pages)."""
    scan_set = {(s["file"], s["page"]) for s in scans}
    scanned_pages = sorted(scan_set)[:scanned]
    text_pages = []
    for d, _, names in sorted(os.walk(submission)):
        for n in sorted(names):
            rel = os.path.relpath(os.path.join(d, n), submission)
            for p in range(1, page_count(os.path.join(submission, rel)) + 1):
                if (rel, p) not in scan_set:
                    text_pages.append((rel, p))
    text_pages = text_pages[: pages - len(scanned_pages)]
    if len(text_pages) + len(scanned_pages) < pages:
        sys.exit(f"bench-redact: the submission has too few pages for {pages}")
    order, every = [], max(1, len(text_pages) // max(1, len(scanned_pages)))
    texts, scans_left = list(text_pages), list(scanned_pages)
    while texts or scans_left:
        order += texts[:every]
        del texts[:every]
        if scans_left:
            order.append(scans_left.pop(0))
    cmd = ["qpdf", "--empty", "--pages"]
    for rel, p in order:
        cmd += [os.path.join(submission, rel), str(p)]
    subprocess.run(cmd + ["--", out], check=True)
    return len(text_pages), len(scanned_pages)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generator", required=True)
    ap.add_argument("--tool", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--scanned", type=int, default=30)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    for prog in ("pdftoppm", "tesseract", "xargs", "qpdf"):
        if shutil.which(prog) is None:
            sys.exit(f"bench-redact: {prog} is missing (scripts/setup.sh installs it)")

    tmp = tempfile.mkdtemp(prefix="bench-redact-")
    try:
        subprocess.run([a.generator, str(a.seed), tmp], check=True, stdout=subprocess.DEVNULL)
        scans = json.load(open(os.path.join(tmp, "scans.json")))
        doc = os.path.join(tmp, "mixed.pdf")
        texts, scanned = mixed_document(os.path.join(tmp, "submission"), scans, a.pages,
                                        a.scanned, doc)
        n = page_count(doc)
        print(f"document (seed {a.seed}): {n} pages, {texts} text pages and {scanned} scanned, "
              f"{os.path.getsize(doc) // 1024} KiB; --jobs {a.jobs}", flush=True)

        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        rows = []
        for run in range(a.runs):
            out = os.path.join(tmp, "out")
            shutil.rmtree(out, ignore_errors=True)
            t_red, c_red, rss, red_code, err = timed(
                [a.tool, "redact", doc, "-o", out, "--jobs", str(a.jobs), "-q"], env)
            if red_code not in (0, 1):
                sys.exit(f"bench-redact: redact exited {red_code}: {err.strip()[-400:]}")
            report = json.load(open(os.path.join(out, "redactions.json")))
            outcome = ", ".join(sorted({d["outcome"] for d in report["documents"]}))
            work = os.path.join(tmp, "floor")
            os.makedirs(work, exist_ok=True)
            listing = "".join(f"{doc}\0{p}\0{work}\0" for p in range(1, n + 1))
            with tempfile.NamedTemporaryFile(mode="w", suffix=".list") as lst:
                lst.write(listing)
                lst.flush()
                t_floor, c_floor, _, code, err = timed(
                    ["sh", "-c",
                     f"xargs -0 -P {a.jobs} -n 3 < '{lst.name}' sh -c '{FLOOR_PAGE}' floor"],
                    env)
            if code != 0:
                sys.exit(f"bench-redact: the floor failed ({code}): {err.strip()[-400:]}")
            rows.append((t_red, t_floor, c_red, c_floor, rss))
            print(f"run {run + 1}: redact {t_red:.1f} s wall, {c_red:.1f} s CPU (exit {red_code}, "
                  f"{outcome}); floor {t_floor:.1f} s wall, {c_floor:.1f} s CPU; ratio "
                  f"{t_red / t_floor:.2f} wall, {c_red / c_floor:.2f} CPU; peak process "
                  f"{rss:.0f} MB", flush=True)

        def median(i):
            return statistics.median(r[i] for r in rows)

        wall_ratios = [r[0] / r[1] for r in rows]
        cpu_ratios = [r[2] / r[3] for r in rows]
        ratio = statistics.median(wall_ratios)
        print(f"\nredact of {n} pages, {len(rows)} run(s), median:")
        print(f"  redact --jobs {a.jobs}          {median(0):.1f} s wall, {median(2):.1f} s CPU")
        print(f"  floor                     {median(1):.1f} s wall, {median(3):.1f} s CPU  "
              f"(pdftoppm -r 300 -gray + tesseract, 1 thread each, {a.jobs} at a time)")
        print(f"  ratio redact / floor      {ratio:.2f} wall (min {min(wall_ratios):.2f}, max "
              f"{max(wall_ratios):.2f}); target at most {RATIO_TARGET}: "
              f"{'met' if ratio <= RATIO_TARGET else 'NOT met'}")
        print(f"                            {statistics.median(cpu_ratios):.2f} CPU (steadier "
              f"on a busy machine)")
    finally:
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
