#!/usr/bin/env python3
"""Print, for every failed test in the given meson testlog.json files, its
name and the last lines of its output.  tests/run-all calls this last, so the
tail of a CI log says what failed and why without the whole log."""
import json
import sys

TAIL = 12


def main(paths):
    shown = 0
    for path in paths:
        try:
            lines = open(path, encoding="utf-8", errors="replace").readlines()
        except OSError:
            continue
        for line in lines:
            try:
                t = json.loads(line)
            except ValueError:
                continue
            if t.get("result") in ("OK", "SKIP", "EXPECTEDFAIL"):
                continue
            shown += 1
            print(f"--- {t.get('name')}: {t.get('result')} "
                  f"(exit {t.get('returncode')}, {t.get('duration', 0):.0f} s)")
            out = (t.get("stdout") or "") + (t.get("stderr") or "")
            for l in out.rstrip("\n").splitlines()[-TAIL:]:
                print("    " + l[:200])
    return shown


if __name__ == "__main__":
    main(sys.argv[1:])
