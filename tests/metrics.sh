#!/usr/bin/env bash
# --metrics and --brief from replayed fact captures (no root, no BPF): the
# exposition passes `promtool check metrics` (Debian's prometheus package,
# installed by scripts/setup), carries each walk's verdict, packets, window
# and drops by reason, keeps one series per walk (a walk run twice), ends
# with "# EOF" once, and still comes out when the run cannot start (a
# namespace that does not exist: exit status 3 in it).  --brief gives the
# same verdict in one line.
# Usage: metrics.sh NETPATH.  Exit 0 pass, 1 fail, 77 skip.
set -uo pipefail
NETPATH=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/.." && pwd)
export NETPATH_PLAYBOOKS="$SRC/playbooks"
CASE="$SRC/tests/verdicts/rx-conntrack-full.facts"
HEALTHY="$SRC/tests/verdicts/rx-healthy-recorded.facts"
TMP=$(mktemp -d /tmp/np-metrics.XXXX)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

if ! command -v promtool >/dev/null; then
	echo "SKIP: promtool not found (Debian: apt-get install --no-install-recommends prometheus;"
	echo "      scripts/setup installs it, so CI never skips this)"
	exit 77
fi

NETPATH_FACTS_REPLAY="$CASE" "$NETPATH" --metrics -c 'run rx dev=eth0' -c 'run rx dev=eth0' \
	-c 'why NETFILTER_DROP' >"$TMP/m.prom" 2>"$TMP/m.err"
rc=$?
check "exit status is the walk's (2)" '[ $rc = 2 ]'
if promtool check metrics <"$TMP/m.prom" >"$TMP/lint" 2>&1; then
	ok "promtool check metrics"
else
	bad "promtool check metrics: $(cat "$TMP/lint")"
fi
check "verdict series: rx, conntrack, NETFILTER_DROP, 2 (once: the walk ran twice)" \
	'[ "$(grep -c '"'"'^netpath_verdict_status{playbook="rx",.*dev="eth0",layer="conntrack",reason="NETFILTER_DROP"} 2$'"'"' "$TMP/m.prom")" = 1 ]'
check "packets of the deciding finding" \
	'grep -q '"'"'^netpath_verdict_packets{playbook="rx".*} 4030$'"'"' "$TMP/m.prom"'
check "window drops by reason and layer" \
	'grep -q '"'"'^netpath_window_drops{.*reason="NETFILTER_DROP",layer="netfilter"} 4030$'"'"' "$TMP/m.prom"'
check "observation window" \
	'grep -q '"'"'^netpath_window_seconds{playbook="rx".*} 3.000$'"'"' "$TMP/m.prom"'
check "build info" 'grep -q "^netpath_build_info{version=\"[^\"]*\",commit=\"[^\"]*\"} 1$" "$TMP/m.prom"'
check "commands by status: 2 crit, 1 ok" \
	'grep -q "^netpath_commands{status=\"crit\"} 2$" "$TMP/m.prom" &&
	 grep -q "^netpath_commands{status=\"ok\"} 1$" "$TMP/m.prom"'
check "exit status gauge" 'grep -q "^netpath_exit_status 2$" "$TMP/m.prom"'
check "ends with # EOF, once" '[ "$(tail -1 "$TMP/m.prom")" = "# EOF" ] &&
	[ "$(grep -c "^# EOF" "$TMP/m.prom")" = 1 ]'
check "nothing but the exposition on stdout" '! grep -v "^#\|^netpath_[a-z_]*[{ ]" "$TMP/m.prom"'

# Two walks with different labels: both series, still valid.
NETPATH_FACTS_REPLAY="$HEALTHY" "$NETPATH" --metrics -c 'run rx dev=eth0' >"$TMP/h.prom"
check "healthy walk: status 0, layer none" \
	'grep -q "^netpath_verdict_status{playbook=\"rx\".*layer=\"none\",reason=\"\"} 0$" "$TMP/h.prom"'
promtool check metrics <"$TMP/h.prom" >/dev/null 2>&1 && ok "promtool: healthy exposition" ||
	bad "promtool: healthy exposition"

# A run that cannot start still reports, with its exit status.
"$NETPATH" --metrics -n np-no-such-netns-$$ -c 'run rx' >"$TMP/n.prom" 2>/dev/null
rc=$?
check "-n a missing namespace: exit 3" '[ $rc = 3 ]'
check "... and an exposition saying 3" 'grep -q "^netpath_exit_status 3$" "$TMP/n.prom"'
promtool check metrics <"$TMP/n.prom" >/dev/null 2>&1 && ok "promtool: failed-run exposition" ||
	bad "promtool: failed-run exposition"

# --brief: the same verdict in one line; with -j: a usage error.
line=$(NETPATH_FACTS_REPLAY="$CASE" "$NETPATH" --brief -c 'run rx dev=eth0')
check "--brief: one line ($line)" \
	'[ "$line" = "CRIT conntrack: NETFILTER_DROP 4030 pkts/3s eth0" ]'
"$NETPATH" --brief -j -c help >/dev/null 2>&1
check "--brief with -j: usage (64)" '[ $? = 64 ]'
"$NETPATH" --metrics --brief -c help >/dev/null 2>&1
check "--metrics with --brief: usage (64)" '[ $? = 64 ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
