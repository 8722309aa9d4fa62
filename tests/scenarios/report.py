#!/usr/bin/env python3
"""Summary of the scenario suite: one row per verdict check.

Reads the rows lib.sh recorded (RESULTS_DIR/*.tsv: scenario, result,
expected, got, command, detail) and prints the table
scenario x command x expected layer x netpath's layer x pass/fail, then
`N/M verdicts correct` (skipped checks are listed and not counted; a
staging failure counts as a failed check).  Exit 0 always: the pass/fail
accounting belongs to the scenario tests themselves.
Usage: report.py RESULTS_DIR
"""
import glob
import os
import sys


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "build/scenario-results"
    rows = []
    for path in sorted(glob.glob(os.path.join(d, "*.tsv"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 6:
                    rows.append(cols[:6])
    if not rows:
        print(f"scenario report: no results in {d}")
        return 0
    heads = ("scenario", "command", "expected", "netpath", "result")
    table = [(r[0], r[4], r[2], r[3], r[1].upper()) for r in rows]
    width = [max(len(h), *(min(len(t[i]), 48) for t in table)) for i, h in enumerate(heads)]

    def fmt(cells):
        return "  ".join(c[:48].ljust(width[i]) for i, c in enumerate(cells)).rstrip()

    print("=== scenario verdicts")
    print(fmt(heads))
    print(fmt(["-" * w for w in width]))
    for t in table:
        print(fmt(t))
    failed = [r for r in rows if r[1] == "fail"]
    if failed:
        print("\nwhy they failed:")
        for r in failed:
            print(f"  {r[0]}: {r[4]}: {r[5]}")
    skipped = [r for r in rows if r[1] == "skip"]
    if skipped:
        print("\nskipped (not counted as correct):")
        for r in skipped:
            print(f"  {r[0]}: {r[5]}")
    counted = [r for r in rows if r[1] in ("pass", "fail")]
    good = sum(1 for r in counted if r[1] == "pass")
    scen = {r[0] for r in rows}
    print(f"\n{good}/{len(counted)} verdicts correct "
          f"({len(scen)} scenarios, {len(skipped)} skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
