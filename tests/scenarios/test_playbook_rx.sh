#!/bin/bash
# End-to-end test of the rx playbook and the verdict engine (root).
#
#   test_playbook_rx.sh [NETPATH]
#
# Two namespaces joined by a veth pair; a bounded UDP sender in one, the
# fault in the other, `netpath -n NS -j -c 'run rx port=N window=2'`:
#   (a) iptables DROP in INPUT         -> netfilter, NETFILTER_DROP, exit 2, tcpdump sees them
#   (b) nobody listens on the port     -> transport, NO_SOCKET, exit 2
#   (c) a listener that reads it all   -> none, exit 0
#   (d) window=0 is static only        -> window_s 0
#   (e) the window is paid once        -> one window_s of 1 s, run lasts >= 1 s
# Exit 0 pass, 1 fail, 77 skip (no root, no iptables, probes refused).
set -u
NETPATH=${1:-${NP_BUILD_NETPATH:-$(dirname "$0")/../../build/netpath}}
P=np-playbook-$$
A=$P-a
B=$P-b
PORT=5301
FAILS=0
PIDS=()

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
	ip link del "${VA:-npb-none}" 2>/dev/null
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	rm -rf "${TMP:-/nonexistent}"
}
trap cleanup EXIT INT TERM

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }

[ "$(id -u)" = 0 ] || skip "needs root"
command -v iptables >/dev/null || skip "needs iptables"
command -v python3 >/dev/null || skip "needs python3"
[ -x "$NETPATH" ] || skip "no netpath binary at $NETPATH"
TMP=$(mktemp -d)

ip netns add "$A" && ip netns add "$B" || skip "cannot create namespaces"
VA=npb$$a
VB=npb$$b
ip link add "$VA" type veth peer name "$VB" || skip "cannot create the veth pair"
ip link set "$VA" netns "$A"
ip link set "$VB" netns "$B"
ip -n "$A" addr add 10.203.1.1/24 dev "$VA"
ip -n "$B" addr add 10.203.1.2/24 dev "$VB"
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set "$VA" up
ip -n "$B" link set "$VB" up

# Bounded sender: at most 400 datagrams over at most $1 seconds.
send() {
	ip netns exec "$A" timeout $(($1 + 2)) python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.time() + float(sys.argv[1])
n = 0
while time.time() < end and n < 400:
    s.sendto(b"x" * 64, ("10.203.1.2", int(sys.argv[2])))
    n += 1
    time.sleep(0.01)
' "$1" "$PORT" &
	PIDS+=($!)
}

# Bounded reader: reads everything for at most $1 seconds.
listen() {
	ip netns exec "$B" timeout $(($1 + 1)) python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", int(sys.argv[2])))
s.settimeout(0.2)
end = time.time() + float(sys.argv[1])
while time.time() < end:
    try:
        s.recv(4096)
    except OSError:
        pass
' "$1" "$PORT" &
	PIDS+=($!)
}

# run NAME CMD: netpath's JSON in $TMP/NAME.json, exit status in $TMP/NAME.rc
run() {
	"$NETPATH" -n "$B" -j -c "$2" >"$TMP/$1.json" 2>"$TMP/$1.err"
	echo $? >"$TMP/$1.rc"
}

# expect NAME key=value... : checks the verdict with python's json
expect() {
	local name=$1
	shift
	if ! python3 - "$TMP/$name.json" "$(cat "$TMP/$name.rc")" "$@" <<'EOF'; then
import json, sys
path, rc, exp = sys.argv[1], int(sys.argv[2]), dict(a.split("=", 1) for a in sys.argv[3:])
obj = json.loads(open(path).read().splitlines()[-1])
v = obj.get("verdict", {})
bad = []
if "layer" in exp and v.get("layer") != exp["layer"]:
    bad.append(f"layer {v.get('layer')!r}, expected {exp['layer']!r}")
if "reason" in exp and v.get("reason") != exp["reason"]:
    bad.append(f"reason {v.get('reason')!r}, expected {exp['reason']!r}")
if "exit" in exp and rc != int(exp["exit"]):
    bad.append(f"exit {rc}, expected {exp['exit']}")
if "tcpdump" in exp and exp["tcpdump"] not in v.get("tcpdump", ""):
    bad.append(f"tcpdump note {v.get('tcpdump')!r} lacks {exp['tcpdump']!r}")
if "names" in exp and exp["names"] not in v.get("summary", ""):
    bad.append(f"summary {v.get('summary')!r} does not name {exp['names']!r}")
for k in ("playbook", "params", "window_s", "layers", "findings", "verdict"):
    if k not in obj:
        bad.append(f"JSON lacks {k!r}")
if [l.get("layer") for l in obj.get("layers", [])][:1] != ["link"]:
    bad.append("layers do not start at link (path order)")
for l in obj.get("layers", []):
    if l.get("status") not in ("ok", "warn", "crit", "skip"):
        bad.append(f"layer {l.get('layer')} has status {l.get('status')!r}")
if bad:
    print("   " + "\n   ".join(bad))
    sys.exit(1)
EOF
		cat "$TMP/$name.err" >&2
		return 1
	fi
}

# The probe needs CAP_BPF: find out once, skip cleanly without it.
"$NETPATH" -n "$B" -j -c "run rx port=$PORT window=0.2" >"$TMP/probe.json" 2>/dev/null
if grep -q '"drops probe' "$TMP/probe.json"; then
	skip "the drop probe cannot run here: $(grep -o '"drops probe[^"]*"' "$TMP/probe.json" | head -1)"
fi

# (a) iptables DROP in INPUT
ip netns exec "$B" iptables -A INPUT -p udp --dport $PORT -j DROP
send 4
sleep 0.5
run a "run rx port=$PORT window=2"
if expect a layer=netfilter reason=NETFILTER_DROP exit=2 tcpdump="sees these packets" names=$PORT; then
	pass "(a) iptables INPUT DROP -> netfilter, NETFILTER_DROP, exit 2, tcpdump sees them"
else
	fail "(a) iptables INPUT DROP"
fi
ip netns exec "$B" iptables -D INPUT -p udp --dport $PORT -j DROP
wait "${PIDS[@]}" 2>/dev/null
PIDS=()

# (b) nobody listens
send 4
sleep 0.5
run b "run rx port=$PORT window=2"
if expect b layer=transport reason=NO_SOCKET exit=2; then
	pass "(b) closed UDP port -> transport, NO_SOCKET, exit 2"
else
	fail "(b) closed UDP port"
fi
wait "${PIDS[@]}" 2>/dev/null
PIDS=()

# (c) healthy: a listener that reads everything
listen 6
sleep 0.5
send 4
sleep 0.5
run c "run rx port=$PORT window=2"
if expect c layer=none exit=0; then
	pass "(c) healthy listener -> none, exit 0"
else
	fail "(c) healthy listener"
fi

# window_in NAME LO HI: prints the run's window_s; true when LO <= it < HI.
window_in() {
	python3 - "$TMP/$1.json" "$2" "$3" <<'EOF'
import json, sys
w = json.loads(open(sys.argv[1]).read().splitlines()[-1]).get("window_s", -1)
print(w)
sys.exit(not float(sys.argv[2]) <= w < float(sys.argv[3]))
EOF
}

# (d) window=0: static checks only, no probe, fast
t0=$(date +%s%N)
run d "run rx port=$PORT window=0"
ms=$((($(date +%s%N) - t0) / 1000000))
# How long it takes is a benchmark (tests/bench/playbook.sh), not a test:
# here, that nothing was observed over time.
if expect d exit=0 && window_in d 0 1e-9 >/dev/null; then
	pass "(d) window=0: static checks only (${ms} ms)"
else
	fail "(d) window=0 observed a window or failed"
fi

# (e) one window for every delta and probe check
t0=$(date +%s%N)
run e "run rx port=$PORT window=1"
ms=$((($(date +%s%N) - t0) / 1000000))
# One window shared by every delta and probe check: the run reports a
# single window of the asked length and lasted at least that long (the
# cost over it is measured by tests/bench/playbook.sh, not asserted here).
if win=$(window_in e 1.0 1.25 2>/dev/null) && [ $ms -ge 1000 ]; then
	pass "(e) one window of ${win} s (${ms} ms in all)"
else
	fail "(e) window=1: window_s ${win:-none}, ${ms} ms in all"
fi
wait "${PIDS[@]}" 2>/dev/null
PIDS=()

[ $FAILS = 0 ] && echo "PASS" && exit 0
echo "$FAILS failed"
exit 1
