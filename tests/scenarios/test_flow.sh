#!/usr/bin/env bash
# Scenario: `probe flow` and the conn[] facts give the client (and the
# router) evidence of what happened to the client's packets after they
# left, with exact numbers and names.  Topology c0 -- r0|r1 -- s0.
#   a  connect to a port where nothing listens on the server: failed,
#      RSTs from the server, ECONNREFUSED (exact counts)
#   b  the server drops SYNs: SYN retransmissions and their schedule, no
#      connection established; f  conn[SADDR,port=N] shows the socket in
#      SYN-SENT while it waits
#   d  the router's far link has a smaller MTU and the client's firewall
#      drops frag-needed / packet-too-big: received, dropped here
#      (NETFILTER_DROP); the router sent them
#   c  the same without the client's firewall: frag-needed received from
#      the router with the MTU; the router sent them
#   e  noise (other ports, another peer) during every window never counts
#   g  a connected UDP socket to a closed port: port unreachable received,
#      ECONNREFUSED on the socket
# Usage: test_flow.sh FAMILY (4 or 6).  Needs root.  Exit 0/1/77.
. "$(dirname "$0")/lib.sh"
sc_init test_flow "${1:-4}" network
IPT=iptables
[ "$SC_FAMILY" = 6 ] && IPT=ip6tables
sc_need $IPT
sc_topo_router
# The router's address on the client's side: where its ICMP errors come from.
RADDR=10.201.1.254 MTU=1200
[ "$SC_FAMILY" = 6 ] && RADDR=fd00:201:1::fe MTU=1280

# flow_bg VAR NS OUT NETPATH-ARGS...: netpath in the background, the pid
# to wait for in VAR.  Start every probe of a step, then flow_attached.
flow_bg() {
	local var=$1 ns=$2 out=$3
	shift 3
	timeout -k 2 40 "$NETPATH" -n "$ns" "$@" >"$out" 2>"$out.err" &
	SC_PIDS+=($!)
	printf -v "$var" '%s' "$!"
}

# flow_attached PID...: return once each probe is attached (its BPF links
# are open): a fixed sleep is not enough on a loaded machine.
flow_attached() {
	local p i np
	for p in "$@"; do
		np=
		for i in $(seq 300); do
			[ -n "$np" ] || np=$(pgrep -P "$p" | head -1)
			[ -n "$np" ] && ls -l "/proc/$np/fd" 2>/dev/null | grep -q bpf_link && break
			sleep 0.05
		done
	done
	sleep 0.2 # the other parts attach within milliseconds of the first
}

# flow_wait OUT PID: the probe's exit status into OUT.rc.
flow_wait() {
	wait "$2"
	echo $? >"$1.rc"
}

# check "what" OUT 'PYTHON EXPR': the expression over f (the flow.* facts
# of the probe's JSON), rows (its flows), rc (its exit status), vals (the
# "value" of every JSON line: `get` answers) and text (OUT.txt when
# present) must hold.
check() {
	local what=$1 out=$2 expr=$3
	SC_CHECKS=$((SC_CHECKS + 1))
	if python3 - "$out" "$expr" <<'EOF'; then
import json, os, sys
out, expr = sys.argv[1], sys.argv[2]
try:
    objs = [json.loads(l) for l in open(out).read().splitlines() if l.strip()]
except ValueError:
    objs = []
j = objs[-1] if objs else {}
vals = [o.get("value") for o in objs]
f, rows = j.get("facts", {}), j.get("flows", [])
rc = int(open(out + ".rc").read().strip() or -1) if os.path.exists(out + ".rc") else -1
text = open(out + ".txt").read() if os.path.exists(out + ".txt") else ""
sys.exit(0 if eval(expr) else 1)
EOF
		sc_log "ok: $what"
		sc_record pass network network "probe flow" "$what"
	else
		echo "  FAIL: $what: $expr"
		echo "    exit $(cat "$out.rc" 2>/dev/null), stderr: $(head -c 300 "$out.err" 2>/dev/null)"
		python3 -c 'import json,sys
for l in open(sys.argv[1]):
    j = json.loads(l)
    print("   ", json.dumps({k: v for k, v in j.get("facts", j).items() if v not in (0, "")}))' "$out" 2>/dev/null | head -c 3000
		SC_FAILED=$((SC_FAILED + 1))
		sc_record fail network - "probe flow" "$what"
	fi
}

# ---- a + e: refused, with noise on another port and another peer ----
A=$SC_TMP/a.json
flow_bg P1 "$C" "$A" -j -c "probe flow 6 dst $SADDR and port 5101"
flow_bg P2 "$C" "$A.txt" -c "probe flow 6 dst $SADDR and port 5101"
flow_attached "$P1" "$P2"
sc_bg "$C" tcp-connect --dst "$SADDR" --port 5102 --count 5 --duration 0.5
sc_bg "$C" tcp-connect --dst "$RADDR" --port 5101 --count 2 --duration 0.5
sc_fg "$C" tcp-connect --dst "$SADDR" --port 5101 --count 3 --duration 0.5
flow_wait "$A" "$P1"
flow_wait "$A.txt" "$P2"
check "a: 3 connects, 3 failed, 0 established" "$A" \
	'f["flow.connects"] == 3 and f["flow.failed"] == 3 and f["flow.established"] == 0'
check "a: 3 RSTs received from the server $SADDR" "$A" \
	"f['flow.rst_received'] == 3 and f['flow.rst_from'] == '$SADDR'"
check "a: 3 ECONNREFUSED socket errors" "$A" \
	'f["flow.err[ECONNREFUSED]"] == 3 and f["flow.error"] == "ECONNREFUSED" and f["flow.errors"] == 3'
check "a/e: one row, the filtered flow (port 5102 and the router not counted)" "$A" \
	"f['flow.peers'] == 1 and rows[0]['peer'].endswith(':5101') and '$SADDR' in rows[0]['peer']"
check "a: exit 2 (CRITICAL), no ICMP" "$A" 'rc == 2 and f["flow.icmp.received"] == 0'
check "a: text table and its notes fit 80 columns (the header names the filter)" "$A" \
	'"ECONNREFUSED" in text and max(len(l) for l in text.splitlines()[1:]) <= 80'

# ---- b + f: SYNs dropped by the server ----
sc_x "$S" $IPT -A INPUT -p tcp --dport 5103 --syn -j DROP
B=$SC_TMP/b.json F=$SC_TMP/f.json
flow_bg PB "$C" "$B" -j -c "probe flow 8 dst $SADDR and port 5103"
flow_attached "$PB"
sc_bg "$C" tcp-connect --dst "$SADDR" --port 5103 --count 1 --duration 0.1 --timeout 3.5
PC=$!
# f: while the connect waits (python may start slowly: poll), then once
# its first SYN has been retransmitted (after 1 s).
for i in $(seq 40); do
	timeout 20 "$NETPATH" -n "$C" -j -c "get conn[$SADDR,port=5103].syn_sent" >"$F" 2>"$F.err"
	grep -q '"value":[1-9]' "$F" && break
	sleep 0.1
done
sleep 1.3
timeout 20 "$NETPATH" -n "$C" -j -c "get conn[$SADDR].retransmits" \
	-c "get conn[$SADDR,port=5104].count" >>"$F" 2>>"$F.err"
wait "$PC"
flow_wait "$B" "$PB"
sc_witness "the server dropped SYNs" sh -c "ip netns exec $S $IPT -vnxL INPUT | grep -q '^ *[1-9]'"
check "b: SYN retransmitted: one time per retransmission, rising, the first after ~1 s" "$B" \
	'f["flow.syn_retrans"] >= 1 and len(f["flow.syn_schedule"].split()) == f["flow.syn_retrans"] and 0.9 <= float(f["flow.syn_schedule"].split()[0]) <= 2.5 and sorted(map(float, f["flow.syn_schedule"].split())) == list(map(float, f["flow.syn_schedule"].split()))'
check "b: 1 connect, 0 established, 1 failed (given up), no RST" "$B" \
	'f["flow.connects"] == 1 and f["flow.established"] == 0 and f["flow.failed"] == 1 and f["flow.rst_received"] == 0'
check "b: exit 2 (CRITICAL)" "$B" 'rc == 2'
check "f: conn[$SADDR,port=5103].syn_sent >= 1 while blocked, then retransmits >= 1; port 5104: 0" "$F" \
	'len(vals) == 3 and vals[0] >= 1 and vals[1] >= 1 and vals[2] == 0'

# ---- g: a connected UDP socket to a closed port: port unreachable ----
G=$SC_TMP/g.json
flow_bg PG "$C" "$G" -j -c "probe flow 4 dst $SADDR and port 5106"
flow_attached "$PG"
sc_fg "$C" udp-send --dst "$SADDR" --port 5106 --connect --count 4 --duration 0.8
flow_wait "$G" "$PG"
check "g: UDP: port_unreach from the server $SADDR, ECONNREFUSED on the socket" "$G" \
	"f['flow.icmp[port_unreach]'] >= 1 and f['flow.icmp.from'] == '$SADDR' and f['flow.err[ECONNREFUSED]'] >= 1 and rows[0]['proto'] == 'udp' and rc == 2"

# ---- d: frag-needed / packet-too-big dropped by the client's firewall ----
ip -n "$R" link set r1 mtu $MTU
ip -n "$S" link set s0 mtu $MTU
if [ "$SC_FAMILY" = 6 ]; then
	sc_x "$C" ip6tables -A INPUT -p icmpv6 --icmpv6-type packet-too-big -j DROP
else
	sc_x "$C" iptables -A INPUT -p icmp --icmp-type fragmentation-needed -j DROP
fi
sc_bg "$S" udp-recv --bind "$ANY" --port 5104
sc_wait_port "$S" udp 5104
D=$SC_TMP/d.json DR=$SC_TMP/dr.json
flow_bg P1 "$C" "$D" -j -c "probe flow 5 dst $SADDR and port 5104"
flow_bg P2 "$R" "$DR" -j -c "probe flow 5 dst $SADDR and port 5104"
flow_attached "$P1" "$P2"
sc_bg "$C" udp-send --dst "$SADDR" --port 5105 --df --size 1400 --count 20 --duration 1.2
sc_fg "$C" udp-send --dst "$SADDR" --port 5104 --df --size 1400 --count 20 --duration 1.2
flow_wait "$D" "$P1"
flow_wait "$DR" "$P2"
check "d: ICMP errors received and dropped here with NETFILTER_DROP" "$D" \
	'f["flow.icmp.dropped"] >= 1 and f["flow.icmp.drop_reason"] == "NETFILTER_DROP" and f["flow.icmp.received"] >= f["flow.icmp.dropped"]'
check "d: they were frag_needed from the router $RADDR" "$D" \
	"f['flow.icmp[frag_needed]'] == f['flow.icmp.received'] and f['flow.icmp.from'] == '$RADDR'"
check "d/e: one row (port 5105 not counted), exit 2" "$D" \
	'f["flow.peers"] == 1 and rows[0]["peer"].endswith(":5104") and rc == 2'
check "d: the router sent frag_needed to the client $CADDR" "$DR" \
	"f['flow.icmp.sent'] >= 1 and f['flow.icmp_sent[frag_needed]'] == f['flow.icmp.sent'] and f['flow.icmp.sent_to'] == '$CADDR'"
check "d/e: the router counted only port 5104 and received none" "$DR" \
	'f["flow.peers"] == 1 and f["flow.icmp.received"] == 0 and rc == 1'

# ---- c: the same path without the client's firewall ----
if [ "$SC_FAMILY" = 6 ]; then
	sc_x "$C" ip6tables -D INPUT -p icmpv6 --icmpv6-type packet-too-big -j DROP
else
	sc_x "$C" iptables -D INPUT -p icmp --icmp-type fragmentation-needed -j DROP
fi
sleep 1 # the router's ICMP rate limit refills
CC=$SC_TMP/c.json CR=$SC_TMP/cr.json
flow_bg P1 "$C" "$CC" -j -c "probe flow 5 dst $SADDR and port 5104"
flow_bg P2 "$R" "$CR" -j -c "probe flow 5 dst $SADDR and port 5104"
flow_attached "$P1" "$P2"
sc_fg "$C" udp-send --dst "$SADDR" --port 5104 --df --size 1400 --count 10 --duration 1
flow_wait "$CC" "$P1"
flow_wait "$CR" "$P2"
check "c: frag_needed from the router $RADDR announcing MTU $MTU" "$CC" \
	"f['flow.icmp[frag_needed]'] >= 1 and f['flow.icmp.from'] == '$RADDR' and f['flow.icmp.mtu'] == $MTU"
check "c: nothing dropped here, exit 1 (path MTU discovery at work)" "$CC" \
	'f["flow.icmp.dropped"] == 0 and f["flow.icmp.drop_reason"] in ("", None) and rc == 1'
check "c: the router sent frag_needed to $CADDR" "$CR" \
	"f['flow.icmp.sent'] >= 1 and f['flow.icmp_sent[frag_needed]'] >= 1 and f['flow.icmp.sent_to'] == '$CADDR'"
check "every part attached" "$CC" 'f["flow.skip_parts"] in ("", None) and f["flow.available"] == 1'
sc_finish
