#!/usr/bin/env bash
# version.sh NETPATH: -V names what a bug report needs -- version, git
# commit, libbpf version, kernel release, and a one-line features summary
# (BTF, tp_btf, CAP_BPF) -- in text, and as one object under -j.
np=$1
pass=0 fail=0
expect() { # expect WHAT COND
	if eval "$2"; then pass=$((pass + 1)); else
		fail=$((fail + 1))
		echo "FAIL: $1" >&2
	fi
}
out=$("$np" -V)
rc=$?
expect "-V exits 0" '[ $rc = 0 ]'
expect "version and git commit" '[[ $(sed -n 1p <<<"$out") =~ ^netpath\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ [0-9a-z.-]+\)$ ]]'
expect "libbpf and kernel release" '[[ $(sed -n 2p <<<"$out") == "libbpf "[0-9]*.[0-9]*", kernel $(uname -r)" ]]'
expect "features line" '[[ $(sed -n 3p <<<"$out") =~ ^features:\ BTF\ (yes|no),\ tp_btf\ (yes|no),\ CAP_BPF\ (yes|no)$ ]]'
expect "three lines" '[ "$(wc -l <<<"$out")" = 3 ]'
json=$("$np" -j -V)
expect "-j -V: one object with every field" "python3 -c '
import json, sys
o = json.loads(sys.argv[1])
assert o[\"command\"] == \"version\" and o[\"kernel\"] == sys.argv[2]
assert o[\"git\"] and o[\"libbpf\"].count(\".\") == 1
assert all(isinstance(o[\"features\"][k], bool) for k in (\"btf\", \"tp_btf\", \"cap_bpf\"))
' \"\$json\" \"\$(uname -r)\""
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
