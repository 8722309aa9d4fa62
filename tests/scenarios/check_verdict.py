#!/usr/bin/env python3
"""Check one netpath `run ... -j` answer against a scenario's expectation.

Called by sc_expect in lib.sh.  Expectations are key=value arguments:
  layer=L            verdict.layer == L
  reason=REGEX       verdict.reason (or a finding of the verdict layer)
                     matches REGEX, case-insensitive
  exit=N             netpath's exit status
  status=S           verdict.status
  names=A,B          each of A, B appears in the verdict's words: summary,
                     tcpdump note, next commands, and the titles/hints/
                     evidence of the findings of the verdict layer
  hint=REGEX         a hint of the verdict layer's findings (or the summary)
                     matches REGEX
  tcpdump=seen|unseen  what the verdict says tcpdump on the interface shows
  tcpdump_dev=DEV    the tcpdump note captures on DEV (-i DEV / -ni DEV)
  contains=REGEX     the raw JSON output matches REGEX (for non-run commands)
  summary=REGEX      verdict.summary matches REGEX, case-insensitive
  evidence=FACT      a finding of the verdict layer with the verdict's severity
                     has FACT (exact key) as evidence with a value > 0: the
                     fact reached the verdict
  finding=REGEX      some finding of the walk (any layer, any severity, info
                     included) has a title matching REGEX: context the walk states
  json:PATH=VALUE    the member at PATH (dots: verdict.rule.handle, culprit.exact)
                     equals VALUE (numbers and text as printed, booleans
                     true/false); may repeat with different paths
Appends one tab-separated row to --results:
  scenario result expected got command detail
and prints what went wrong (with the JSON) on failure.  Exit 0 pass, 1 fail.
"""
import argparse
import json
import re
import sys

UNSEEN = re.compile(r"\b(not|never|no|cannot|invisible|before the tap)\b|n't", re.I)
SEEN = re.compile(r"\b(sees?|seen|visible|captures?|captured|shows?)\b", re.I)


def load_objects(path):
    objs = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                objs.append(json.loads(line))
            except ValueError:
                pass
    if not objs:
        # -p output or a single multi-line object
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                objs.append(json.load(f))
        except ValueError:
            pass
    return objs


def verdict_words(obj, layer):
    v = obj.get("verdict") or {}
    words = [str(v.get(k, "")) for k in ("summary", "tcpdump", "reason", "hint")]
    nxt = v.get("next") or []
    words += [str(n) for n in (nxt if isinstance(nxt, list) else [nxt])]
    for f in obj.get("findings") or []:
        if not isinstance(f, dict) or f.get("layer") != layer:
            continue
        words += [str(f.get("title", "")), str(f.get("hint", "")), str(f.get("reason", ""))]
        for e in f.get("evidence") or []:
            if isinstance(e, dict):
                words += [str(e.get("fact", "")), str(e.get("value", ""))]
    return "\n".join(words)


def layer_hints(obj, layer):
    v = obj.get("verdict") or {}
    hints = [str(v.get("summary", "")), str(v.get("hint", ""))]
    for f in obj.get("findings") or []:
        if isinstance(f, dict) and f.get("layer") == layer:
            hints.append(str(f.get("hint", "")))
    return "\n".join(hints)


def json_path(obj, path):
    """The member at a dotted path as text (None when absent)."""
    cur = obj
    for part in path.split("."):
        if isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        elif isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            return None
    if isinstance(cur, bool):
        return "true" if cur else "false"
    if isinstance(cur, float) and cur.is_integer():
        return str(int(cur))
    return cur if isinstance(cur, str) else json.dumps(cur)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--json", required=True)
    p.add_argument("--stderr", required=True)
    p.add_argument("--rc", type=int, required=True)
    p.add_argument("--scenario", required=True)
    p.add_argument("--command", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("expect", nargs="*")
    a = p.parse_args()

    exp = {}
    paths = []
    for kv in a.expect:
        k, _, v = kv.partition("=")
        if k.startswith("json:"):
            paths.append((k[5:], v))
        else:
            exp[k] = v

    objs = load_objects(a.json)
    raw = open(a.json, encoding="utf-8", errors="replace").read()
    obj = next((o for o in objs if isinstance(o, dict) and "verdict" in o), None)
    if obj is None and objs:
        obj = objs[-1]
    problems = []
    v = (obj or {}).get("verdict") or {}
    got_layer = v.get("layer", "?") if v else "?"
    got_reason = v.get("reason", "") if v else ""

    if "contains" not in exp and not paths and not v:
        err = (obj or {}).get("error", {}) if isinstance(obj, dict) else {}
        msg = err.get("message") if isinstance(err, dict) else None
        problems.append("no verdict in the output" + (f" (error: {msg})" if msg else ""))
        got_layer = "error" if msg else "?"
    if "layer" in exp and v and got_layer != exp["layer"]:
        problems.append(f"layer {got_layer!r}, expected {exp['layer']!r}")
    if "reason" in exp and v:
        cands = [str(got_reason)] + [str(f.get("reason", "")) for f in obj.get("findings") or []
                                     if isinstance(f, dict) and f.get("layer") == exp.get(
                                         "layer", got_layer)]
        if not any(re.search(exp["reason"], c, re.I) for c in cands):
            problems.append(f"reason {got_reason!r} does not match /{exp['reason']}/")
    if "status" in exp and v and v.get("status") != exp["status"]:
        problems.append(f"status {v.get('status')!r}, expected {exp['status']!r}")
    if "exit" in exp and a.rc != int(exp["exit"]):
        problems.append(f"exit status {a.rc}, expected {exp['exit']}")
    if "names" in exp and v:
        words = verdict_words(obj, got_layer)
        for name in filter(None, exp["names"].split(",")):
            if name not in words:
                problems.append(f"the verdict does not name {name!r}")
    if "hint" in exp and v:
        if not re.search(exp["hint"], layer_hints(obj, got_layer), re.I):
            problems.append(f"no hint matches /{exp['hint']}/")
    if "tcpdump" in exp and v:
        # The first clause answers for the capture it names ("tcpdump -i
        # r0 sees these packets arrive; tcpdump -i r1 does not: ...").
        note = str(v.get("tcpdump", "")).split(";")[0]
        says_unseen = bool(UNSEEN.search(note))
        says_seen = bool(SEEN.search(note)) and not says_unseen
        want = exp["tcpdump"]
        if (want == "seen" and not says_seen) or (want == "unseen" and not says_unseen):
            problems.append(f"tcpdump note {note!r}, expected it to say {want}")
    if "tcpdump_dev" in exp and v:
        note = str(v.get("tcpdump", ""))
        if not re.search(r"-n?i " + re.escape(exp["tcpdump_dev"]) + r"\b", note):
            problems.append(f"tcpdump note {note!r} does not capture on {exp['tcpdump_dev']}")
    if "summary" in exp and v and not re.search(exp["summary"], str(v.get("summary", "")), re.I):
        problems.append(f"summary {v.get('summary')!r} does not match /{exp['summary']}/")
    if "evidence" in exp and v:
        ok = False
        for f in obj.get("findings") or []:
            if not isinstance(f, dict) or f.get("layer") != got_layer or \
                    f.get("severity") != v.get("status"):
                continue
            for e in f.get("evidence") or []:
                if isinstance(e, dict) and e.get("fact") == exp["evidence"] and \
                        isinstance(e.get("value"), (int, float)) and e["value"] > 0:
                    ok = True
        if not ok:
            problems.append(f"no {v.get('status')} finding at {got_layer} has evidence "
                            f"{exp['evidence']} > 0")
    if "finding" in exp and v:
        titles = [str(f.get("title", "")) for f in obj.get("findings") or [] if isinstance(f, dict)]
        if not any(re.search(exp["finding"], t, re.I) for t in titles):
            problems.append(f"no finding title matches /{exp['finding']}/")
    if "nexthop" in exp and v:
        nh = v.get("next_hop") or {}
        if nh.get("address") != exp["nexthop"]:
            problems.append(f"next hop {nh.get('address')!r}, expected {exp['nexthop']!r}")
        elif not nh.get("run"):
            problems.append("the next hop has no command to run there")
    if "netns" in exp and v and v.get("netns") != exp["netns"]:
        problems.append(f"verdict netns {v.get('netns')!r}, expected {exp['netns']!r}")
    if "errors" in exp:
        lines = [ln for ln in open(a.stderr, encoding="utf-8", errors="replace")
                 if ln.startswith("netpath:")]
        if len(lines) != int(exp["errors"]):
            problems.append(f"{len(lines)} error line(s) on stderr, expected {exp['errors']}")
    if "contains" in exp and not re.search(exp["contains"], raw, re.I):
        problems.append(f"output does not match /{exp['contains']}/")
    for path, want in paths:
        got_v = json_path(obj, path)
        if got_v != want:
            problems.append(f"{path} is {got_v!r}, expected {want!r}")

    expected = exp.get("layer", exp.get("contains",
                                        ",".join(f"{p}={w}" for p, w in paths) or "-"))
    if exp.get("reason"):
        expected += f" ({exp['reason']})"
    got = f"{got_layer}" if v or ("contains" not in exp and not paths) else "output"
    if got_reason:
        got += f" ({got_reason})"
    got += f" rc={a.rc}"
    result = "fail" if problems else "pass"
    detail = "; ".join(problems)
    with open(a.results, "a", encoding="utf-8") as f:
        f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in
                          (a.scenario, result, expected, got, a.command, detail)) + "\n")
    if problems:
        print(f"  FAIL: {a.command}")
        for pr in problems:
            print(f"    - {pr}")
        print("    netpath stdout:")
        for o in objs or [raw]:
            text = json.dumps(o, indent=2) if isinstance(o, dict) else str(o)
            print("      " + text.replace("\n", "\n      ")[:6000])
        errtext = open(a.stderr, encoding="utf-8", errors="replace").read().strip()
        if errtext:
            print("    netpath stderr:\n      " + errtext[:2000].replace("\n", "\n      "))
        return 1
    print(f"  ok: {a.command} -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
