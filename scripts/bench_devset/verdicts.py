#!/usr/bin/env python3
"""The verdict figures of scripts/bench-devset, beside the devset's own scorer.

usage: verdicts.py SEED_DIR OUT_DIR
  SEED_DIR holds S*/truth.json; OUT_DIR holds S*/report.json (one triage per submission).

Prints, per submission, each miss, then four figure lines:
  clean:    submissions the truth accepts for assessment that have no blocker and a bundle;
  unplanted: personal-data, redaction and hidden-data blockers on files where nothing is planted
             (and on a planted file's pages where nothing is planted);
  planted:  planted personal-data values and failed redactions reported as a blocker on their
            file, and on their page where they have one;
  bundle:   submissions whose bundle is written, or withheld, as it should be: withheld exactly
            where personal data or a failed redaction is planted.
Exits 0 when every figure is met."""
import json
import os
import re
import sys

PRIVACY = ("personal-data", "redaction", "hidden-data")


def chain(path):
    """A path as its list of steps: zip entries, attachments and folders, lower case."""
    parts = re.split(r"::| > |/", path or "")
    return [p.strip().lower() for p in parts if p.strip()]


def same_file(report_path, truth_path):
    """True when the report's origin chain ends with the truth's path."""
    r, t = chain(report_path), chain(truth_path)
    return len(r) >= len(t) and r[-len(t):] == t


def main(seed, out):
    clean_ok = clean_n = 0
    unplanted = 0
    planted_ok = planted_n = 0
    verdict_ok = verdict_n = 0
    show_all = bool(os.environ.get("SCORE_ALL"))
    for sid in sorted(os.listdir(seed)):
        tpath = os.path.join(seed, sid, "truth.json")
        if not os.path.exists(tpath):
            continue
        truth = json.load(open(tpath))
        try:
            rep = json.load(open(os.path.join(out, sid, "report.json")))
        except (OSError, ValueError):
            print(f"{sid}: no report.json")
            clean_n += truth["overall_verdict"] == "accept_for_assessment"
            verdict_n += 1
            continue
        misses = []
        findings = rep.get("findings", [])
        blockers = [f for f in findings if f.get("severity") == "blocker"]
        written = bool((rep.get("bundle") or {}).get("written"))

        verdict_n += 1
        want_bundle = not truth["personal_data"] and not truth["redaction_failures"]
        if truth["overall_verdict"] == "accept_for_assessment":
            clean_n += 1
            if not blockers and written:
                clean_ok += 1
            else:
                misses.append(f"clean submission: {len(blockers)} blockers, bundle "
                              f"{'written' if written else 'withheld'}")
        if written == want_bundle:
            verdict_ok += 1
        else:
            misses.append(f"bundle {'written' if written else 'withheld'}, but "
                          f"{'something is' if want_bundle is False else 'nothing is'} planted")

        def property_of(p):
            # "metadata:/Title", "docx_core:title", "xmp:dc:title": a file property, on no page.
            where = p.get("where") or ""
            return ":" in where

        planted = [(p["file"], p.get("page"), p.get("type", "?"), property_of(p))
                   for p in truth["personal_data"]]
        planted += [(p["file"], p.get("page"), "redaction failure", False)
                    for p in truth["redaction_failures"]]

        def on_place(f, file, page, prop):
            # A file property is found on no page (or page 0); a value with no page that is
            # no property (in a Word file, which has no pages) on any page of its file.
            if not same_file(f.get("file"), file):
                return False
            if prop:
                return f.get("page") in (None, 0)
            return page is None or f.get("page") == page

        for file, page, kind, prop in planted:
            planted_n += 1
            wanted = ("redaction",) if kind == "redaction failure" else PRIVACY
            hit = [f for f in blockers if f.get("category") in wanted and on_place(f, file, page, prop)]
            if hit:
                planted_ok += 1
            else:
                misses.append(f"planted {kind} in {file} p{page}: no blocker there")

        for f in blockers:
            if f.get("category") not in PRIVACY:
                continue
            explained = any(on_place(f, file, page, prop) for file, page, _, prop in planted)
            if not explained:
                unplanted += 1
                misses.append(f"blocker {f.get('rule')} in {chain(f.get('file'))[-1:]} "
                              f"p{f.get('page')}: {f.get('masked') or ''} "
                              f"{(f.get('message') or '')[:90]}")
        for m in (misses if show_all else misses[:8]):
            print(f"{sid}: {m}")
        if not show_all and len(misses) > 8:
            print(f"{sid}: ... and {len(misses) - 8} more (--all shows them)")

    print(f"clean: {clean_ok}/{clean_n} clean submissions with no blocker and their bundle")
    print(f"unplanted: {unplanted} personal-data, redaction or hidden-data blockers where nothing is planted")
    print(f"planted: {planted_ok}/{planted_n} planted values and failed redactions reported as a blocker on their file and page")
    print(f"bundle: {verdict_ok}/{verdict_n} submissions with the bundle written or withheld as they should be")
    ok = clean_ok == clean_n and unplanted == 0 and planted_ok == planted_n and verdict_ok == verdict_n
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
