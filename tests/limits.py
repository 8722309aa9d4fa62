#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The structure limits of doc/HACKING.md, checked on the tree (suite unit):

  * no source file over 800 lines and no function over 120 lines under
    shell/, commands/ and probes/;
  * no circle between files: a file and its header (X.c + X.h) are one
    unit; A depends on B when A includes B's header or when A's object
    calls a function that B's object defines (nm on the core library, so
    a prototype declared by hand counts too; a table of descriptors that
    only points at data, like the command registry, is no call);
  * nothing in shell/engine/, shell/facts/ or shell/sources/ depends on
    commands/ (includes or symbols): commands are clients of those layers.

usage: limits.py SOURCE_ROOT [LIBNPCORE.a]   (without the library only the
include graph is read).  Exit 1 with one line per breach."""
import os
import re
import subprocess
import sys

FILE_MAX = 800
FUNC_MAX = 120
DIRS = ("shell", "commands", "probes")
LOWER = ("shell/engine/", "shell/facts/", "shell/sources/")


def sources(root):
    out = []
    for d in DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, d)):
            for n in names:
                if n.endswith((".c", ".h")):
                    out.append(os.path.relpath(os.path.join(dirpath, n), root))
    return sorted(out)


def strip(text):
    """Comments, strings and character constants blanked (newlines kept),
    preprocessor lines (with their continuations) blanked too; returns the
    code and the list of #include "x" targets."""
    incs = re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M)
    out, i, n = [], 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if line_start and c == "#":
            while i < n and not (text[i] == "\n" and text[i - 1] != "\\"):
                out.append("\n" if text[i] == "\n" else " ")
                i += 1
            continue
        line_start = c == "\n"
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out), incs


def functions(code):
    """(name, first line, last line) of every top-level brace block that
    follows a ')' : a function body (struct initialisers follow '=')."""
    res, depth, start, last = [], 0, None, 0
    for m in re.finditer(r"[{};]", code):
        ch = m.group()
        if ch == "{":
            if depth == 0:
                head = code[last:m.start()]
                if head.rstrip().endswith(")") or re.search(r"\)\s*(__attribute__|NP_\w+)", head):
                    name = re.findall(r"(\w+)\s*\(", head)
                    body = head.lstrip()
                    first = code.count("\n", 0, m.start() - len(head) + (len(head) - len(body)))
                    start = (name[0] if name else "?", first + 1)
                else:
                    start = None
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                if start:
                    end = code.count("\n", 0, m.start()) + 1
                    res.append((start[0], start[1], end))
                start = None
                last = m.end()
        elif depth == 0:
            last = m.end()
    return res


def unit(path):
    """X.c, X.h and X_api.h (a probe's user-space API beside the struct
    it shares with X.bpf.c) are one unit: the path without its ending."""
    for ext in ("_api.h", ".bpf.c", ".bpf.h", ".c", ".h"):
        if path.endswith(ext):
            return path[: -len(ext)]
    return path


def nm_edges(lib, files):
    """unit -> {unit: [symbols]} from the library's members."""
    member = {f.replace("/", "_") + ".o": f for f in files if f.endswith(".c")}
    out = subprocess.run(["nm", "-A", lib], capture_output=True, text=True, check=True).stdout
    defs, funcs, uses = {}, set(), []
    for line in out.splitlines():
        m = re.match(r"[^:]*:([^:]+):\s*(\S*)\s+([A-Za-z])\s+(\S+)$", line)
        obj = os.path.basename(m.group(1)) if m else None
        if obj not in member:
            continue
        src, kind, sym = member[obj], m.group(3), m.group(4)
        if kind == "U":
            uses.append((src, sym))
        elif kind.isupper():
            defs[sym] = src
            if kind == "T":
                funcs.add(sym)
    calls, refs = {}, {}
    for src, sym in uses:
        if sym in defs and unit(defs[sym]) != unit(src):
            a, b = unit(src), unit(defs[sym])
            refs.setdefault(a, {}).setdefault(b, []).append(sym)
            if sym in funcs:
                calls.setdefault(a, {}).setdefault(b, []).append(sym)
    return calls, refs


def circles(edges):
    """Strongly connected components of more than one unit (Tarjan)."""
    index, low, stack, on, comps, n = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return comps


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    lib = sys.argv[2] if len(sys.argv) > 2 else None
    files = sources(root)
    by_name = {}
    for f in files:
        by_name.setdefault(os.path.basename(f), []).append(f)
    bad = []
    edges = {}
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        lines = text.count("\n")
        if lines > FILE_MAX:
            bad.append(f"{f}: {lines} lines (at most {FILE_MAX})")
        code, incs = strip(text)
        for name, first, last in functions(code):
            if last - first + 1 > FUNC_MAX:
                bad.append(f"{f}:{first}: {name}() is {last - first + 1} lines (at most {FUNC_MAX})")
        for inc in incs:
            here = os.path.normpath(os.path.join(os.path.dirname(f), inc))
            target = here if here in files else None
            if not target:
                cands = by_name.get(os.path.basename(inc), [])
                target = cands[0] if len(cands) == 1 else None
            if not target:
                continue  # generated (skeletons, config.h) or system
            if f.startswith(LOWER) and target.startswith("commands/"):
                bad.append(f"{f}: includes {target}: commands/ is a client, not a library")
            if unit(target) != unit(f):
                edges.setdefault(unit(f), {}).setdefault(unit(target), []).append(f"#include {inc}")
    if lib:
        calls, refs = nm_edges(lib, files)
        for a, tos in calls.items():
            for b, syms in tos.items():
                edges.setdefault(a, {}).setdefault(b, []).extend(syms)
        for a, tos in refs.items():
            for b, syms in tos.items():
                if a.startswith(LOWER) and b.startswith("commands/"):
                    bad.append(f"{a}: uses {', '.join(sorted(set(syms))[:4])} from {b}")
    for comp in circles(edges):
        ties = []
        for a in comp:
            for b in comp:
                if b in edges.get(a, {}):
                    what = sorted(set(edges[a][b]))
                    ties.append(f"{a} -> {b} ({', '.join(what[:3])})")
        bad.append("circle: " + "; ".join(ties))
    for b in bad:
        print(b)
    if bad:
        print(f"limits: {len(bad)} breach(es) (doc/HACKING.md, 'Limits')")
        return 1
    print(f"limits: {len(files)} files within bounds, no circle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
