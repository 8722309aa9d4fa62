#!/usr/bin/env bash
# What a walk in a namespace must not say (issue 15, NOISE):
#   1. host-global sysctls: a child namespace has no net.core.netdev_max_backlog;
#      it is read where netpath started (never a "not observed" line for it),
#      `sysctl` says so (from: home), get answers it as a number;
#   2. plurals: one connection refused is "1 RST", "1 connection attempt",
#      "1 packet lost", never "1 RSTs" / "attempt(s)" / "1 packets";
#   3. wording: SNMP counters are per namespace: no playbook message says
#      "on this host" about them.
# (Findings repeated by merged playbooks are pinned by the verdict case
# tests/verdicts/diagnose-repeated-info.facts.)
# Usage: test_noise.sh NETPATH.  Exit 0 pass, 1 fail, 77 skip.  Root.
set -uo pipefail

NETPATH=${1:-${NP_BUILD_NETPATH:-build/netpath}}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
export NETPATH_PLAYBOOKS=${NETPATH_PLAYBOOKS:-$SRC/playbooks}
TRAFFIC="$SRC/tests/tools/nptraffic.py"
PFX="np-noise-$$-"
S="${PFX}s"
C="${PFX}c"
TMP=$(mktemp -d "/tmp/np-noise-$$.XXXX")
PIDS=()
FAILS=0
CHECKS=0

cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	ip netns del "$S" 2>/dev/null
	ip netns del "$C" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"
[ -x "$NETPATH" ] || skip "netpath binary not found at $NETPATH"

ok() { CHECKS=$((CHECKS + 1)); echo "ok   $*"; }
bad() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL $*"; }
# check "what" PYTHON-EXPR FILE: the expression over the JSON object o (the
# last line of FILE) must be true.
check() {
	if python3 - "$3" "$2" <<'PY'; then ok "$1"; else bad "$1: $(tail -c 600 "$3")"; fi
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
o = json.loads(lines[-1])
sys.exit(0 if eval("(\n" + sys.argv[2] + "\n)") else 1)
PY
}
# has "what" TEXT FILE / hasnt "what" REGEX FILE
has() { if grep -qF -- "$2" "$3"; then ok "$1"; else bad "$1: '$2' not in: $(head -c 600 "$3")"; fi; }
hasnt() { if grep -qE -- "$2" "$3"; then bad "$1: $(grep -E -- "$2" "$3" | head -3)"; else ok "$1"; fi; }

ip netns add "$S" && ip netns add "$C" || skip "cannot create namespaces"
ip link add s0 netns "$S" type veth peer name c0 netns "$C"
ip -n "$S" addr add 10.215.1.2/24 dev s0
ip -n "$C" addr add 10.215.1.1/24 dev c0
for ns in "$S" "$C"; do ip -n "$ns" link set lo up; done
ip -n "$S" link set s0 up
ip -n "$C" link set c0 up
sleep 0.3

echo "== 1. host-global sysctls in a child namespace"
if [ -e /proc/sys/net/core/netdev_max_backlog ] &&
	! ip netns exec "$S" test -e /proc/sys/net/core/netdev_max_backlog; then
	ip netns exec "$S" timeout 30 python3 "$TRAFFIC" udp-recv --port 5353 --deadline 25 \
		>/dev/null 2>&1 &
	PIDS+=($!)
	"$NETPATH" -n "$S" -j -c 'run rx port=5353 window=1' >"$TMP/rx.json" 2>"$TMP/rx.err"
	check "run rx in a child namespace: nothing 'not observed' about a sysctl" \
		'not [n for n in o["verdict"]["not_observed"] if "sysctl[" in n]' "$TMP/rx.json"
	check "run rx: healthy (none, ok)" \
		'o["verdict"]["layer"] == "none" and o["verdict"]["status"] == "ok"' "$TMP/rx.json"
	"$NETPATH" -n "$S" -j -c 'get sysctl[net.core.netdev_max_backlog]' >"$TMP/get.json"
	check "get sysctl[net.core.netdev_max_backlog]: the host's value, a number" \
		"o['status'] == 'ok' and o['value'] == $(cat /proc/sys/net/core/netdev_max_backlog)" \
		"$TMP/get.json"
	"$NETPATH" -n "$S" -j -c 'sysctl net.core.netdev_max_backlog' >"$TMP/sysctl.json"
	check "sysctl KEY says where it was read (from: home)" \
		'o["sysctls"][0]["from"] == "home"' "$TMP/sysctl.json"
	"$NETPATH" -n "$S" -c 'sysctl' >"$TMP/sysctl.txt"
	has "sysctl text names the host-global keys" \
		"host-global: read in the namespace netpath started in" "$TMP/sysctl.txt"
	"$NETPATH" -n "$S" -j -c 'sysctl net.core.somaxconn' >"$TMP/own.json"
	check "a per-namespace key is read here (from: here)" \
		'o["sysctls"][0]["from"] == "here"' "$TMP/own.json"
else
	echo "skip  netdev_max_backlog is not host-global on this kernel"
fi

echo "== 2. plurals: one refused connection"
"$NETPATH" -n "$S" -c 'probe resets 4 port 5009' >"$TMP/resets.txt" 2>&1 &
NP=$!
"$NETPATH" -n "$S" -j -c 'run tcp-connect port=5009 window=4' >"$TMP/tcp.json" 2>&1 &
NP2=$!
sleep 1.5
ip netns exec "$C" timeout 10 python3 "$TRAFFIC" tcp-connect --dst 10.215.1.2 --port 5009 \
	--count 1 --deadline 5 --timeout 0.5 >/dev/null 2>&1
wait $NP
wait $NP2
has "probe resets: '1 RST sent'" "1 RST sent," "$TMP/resets.txt"
hasnt "probe resets: no '1 RSTs'" "(^|[^0-9])1 RSTs" "$TMP/resets.txt"
check "run tcp-connect: transport, refused once" \
	'o["verdict"]["layer"] == "transport"' "$TMP/tcp.json"
check "the verdict says '1 connection attempt' and '1 packet lost'" \
	'"refused 1 connection attempt to" in o["verdict"]["summary"] and
"1 packet lost" in o["verdict"]["summary"] and "(s)" not in o["verdict"]["summary"]' \
	"$TMP/tcp.json"

echo "== 3. wording: SNMP counters belong to the namespace"
for pb in rx udp tcp-connect tx mtu; do
	"$NETPATH" -c "show playbook $pb" | grep -v '^ *#' >"$TMP/pb.$pb"
	hasnt "playbook $pb: no snmp message says 'on this host'" 'snmp\..*on this host' "$TMP/pb.$pb"
done

echo "$CHECKS checks, $FAILS failed"
[ "$FAILS" -eq 0 ]
