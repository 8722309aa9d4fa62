#!/usr/bin/env bash
# Scenario: link / counters / softnet against a real veth pair in two
# network namespaces.  Usage: test_links.sh NETPATH.  Needs root.
# Exit 0 pass, 1 fail, 77 skip.  Self-contained: own namespaces
# (np-links-$$-*), trap cleanup on every exit path, bounded traffic.
set -u
NP=${1:?usage: test_links.sh NETPATH}
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
command -v ip >/dev/null || { echo "SKIP: iproute2 missing"; exit 77; }

A=np-links-$$-a
B=np-links-$$-b
READY=$(mktemp -u /tmp/np-links-$$.XXXX)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	rm -f "$READY"
}
# A background sender touches $READY once it sends: measure only then (a
# loaded machine can take seconds to start python).
wait_ready() {
	local i
	for i in $(seq 100); do
		[ -e "$READY" ] && break
		sleep 0.05
	done
	rm -f "$READY"
}
trap cleanup EXIT INT TERM

fails=0
ok() { echo "ok   - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }

# json EXPR < output: evaluate a python expression over the last JSON line (j).
json() {
	python3 -c '
import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
j = json.loads(lines[-1])
v = eval(sys.argv[1])
print(v)' "$1"
}

ip netns add "$A" && ip netns add "$B" || { echo "SKIP: cannot create namespaces"; exit 77; }
ip -n "$A" link add vla mtu 1400 type veth peer name vlb netns "$B" || exit 1
ip -n "$A" addr add 10.213.0.1/24 dev vla
ip -n "$B" addr add 10.213.0.2/24 dev vlb
ip -n "$B" link set vlb mtu 1400 up
ip -n "$A" link set vla up
ip -n "$A" link set lo up

# 1. link DEV: MTU, state, kind, valid JSON with the full stats64 set.
out=$("$NP" -n "$A" -j -c 'link vla'); rc=$?
[ "$rc" -eq 0 ] && ok "link vla exits 0" || bad "link vla exit $rc"
[ "$(echo "$out" | json 'j["links"][0]["mtu"]')" = 1400 ] && ok "mtu 1400" || bad "mtu: $out"
[ "$(echo "$out" | json 'j["links"][0]["operstate"]')" = up ] && ok "operstate up" || bad "operstate: $out"
[ "$(echo "$out" | json 'j["links"][0]["kind"]')" = veth ] && ok "kind veth" || bad "kind: $out"
[ "$(echo "$out" | json 'j["links"][0]["xdp"]')" = none ] && ok "xdp none" || bad "xdp: $out"
[ "$(echo "$out" | json 'len(j["links"][0]["stats64"])')" -ge 25 ] && ok "25 stats64 fields" ||
	bad "stats64: $out"

# send_udp NS COUNT GAP: COUNT datagrams to 10.213.0.2:9 (nobody listens),
# bounded by timeout.  No ping on minimal images: python3 is enough.
send_udp() {
	ip netns exec "$1" timeout 10 python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[1])):
    s.sendto(b"np-links", ("10.213.0.2", 9))
    if i == 0:
        open(sys.argv[3], "w").close()
    time.sleep(float(sys.argv[2]))' "$2" "$3" "$READY"
}

# 2. Counters move after traffic: link rx/tx, SNMP Udp NoPorts, the get path.
tx_before=$("$NP" -n "$A" -j -c 'get link[vla].tx_packets' | json 'j["value"]')
rx_before=$("$NP" -n "$B" -j -c 'get link[vlb].rx_packets' | json 'j["value"]')
np_before=$("$NP" -n "$B" -j -c 'get snmp.Udp.NoPorts' | json 'j["value"]')
send_udp "$A" 5 0.05 || bad "UDP sender failed"
tx_after=$("$NP" -n "$A" -j -c 'get link[vla].tx_packets' | json 'j["value"]')
rx_after=$("$NP" -n "$B" -j -c 'get link[vlb].rx_packets' | json 'j["value"]')
np_after=$("$NP" -n "$B" -j -c 'get snmp.Udp.NoPorts' | json 'j["value"]')
[ "$((tx_after - tx_before))" -ge 5 ] && ok "link[vla].tx_packets +$((tx_after - tx_before))" ||
	bad "tx_packets $tx_before -> $tx_after"
[ "$((rx_after - rx_before))" -ge 5 ] && ok "link[vlb].rx_packets +$((rx_after - rx_before))" ||
	bad "rx_packets $rx_before -> $rx_after"
[ "$((np_after - np_before))" -eq 5 ] && ok "snmp.Udp.NoPorts +5 in the receiver" ||
	bad "Udp.NoPorts $np_before -> $np_after"
out=$("$NP" -n "$B" -j -c 'counters noports')
[ "$(echo "$out" | json '[(c["counter"], c["layer"]) for c in j["counters"] if c["counter"] == "snmp.Udp.NoPorts"]')" = "[('snmp.Udp.NoPorts', 'transport')]" ] &&
	ok "counters noports: Udp.NoPorts, layer transport" || bad "counters noports: $out"

# 3. --interval sees traffic that flows meanwhile (bounded sender in the
# background, 3 s of it; the measurement starts once it runs, so a loaded
# machine that starts python or netpath late still measures inside it).
rm -f "$READY"
send_udp "$A" 120 0.025 &
PIDS+=($!)
wait_ready
out=$("$NP" -n "$A" -j -c 'link vla --interval 0.5')
[ "$(echo "$out" | json 'j["links"][0]["tx_pps"] > 0')" = True ] && ok "link --interval: tx_pps > 0" ||
	bad "link --interval: $out"
out=$("$NP" -n "$B" -j -c 'counters Udp --interval 0.5'); rc=$?
echo "$out" | json '[c["counter"] for c in j["counters"] if c["delta"] > 0]' | grep -q NoPorts &&
	ok "counters --interval: NoPorts moved" || bad "counters --interval: $out"
[ "$rc" -eq 1 ] && ok "counters --interval: loss counter moved -> exit 1" ||
	bad "counters --interval exit $rc"
wait

# 3b. A real drop: frames with an ethertype nobody handles are counted in
# the receiver's rx_dropped (UNHANDLED_PROTO).  link --interval must name
# the counter that moved and exit WARNING.
send_unhandled() {
	ip netns exec "$A" timeout 10 python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("vla", 0))
frame = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01" + b"\x88\xb5" + b"np-links" * 8
time.sleep(0.2)
for i in range(int(sys.argv[1])):
    s.send(frame)
    if i == 0:
        open(sys.argv[2], "w").close()
    time.sleep(0.02)' "$1" "$READY"
}
# Frames keep coming for 3 s: the 1 s interval falls inside them even when
# a loaded machine starts python or netpath late.
rm -f "$READY"
send_unhandled 150 &
PIDS+=($!)
wait_ready
out=$("$NP" -n "$B" -j -c 'link vlb --interval 1'); rc=$?
wait
[ "$(echo "$out" | json 'j["links"][0]["moved"].get("rx_dropped", 0) >= 1')" = True ] &&
	ok "link --interval: rx_dropped moved (unhandled ethertype)" || bad "rx_dropped: $out"
[ "$rc" -eq 1 ] && ok "link --interval with drops: exit 1" || bad "drops: exit $rc"
[ "$("$NP" -n "$B" -j -c 'get link[vlb].rx_dropped' | json 'j["value"] >= 10')" = True ] &&
	ok "link[vlb].rx_dropped >= 10" || bad "rx_dropped fact"

# 4. RPS mask set inside the namespace is seen through its own /sys.
if ip netns exec "$A" sh -c 'echo 1 > /sys/class/net/vla/queues/rx-0/rps_cpus' 2>/dev/null; then
	[ "$("$NP" -n "$A" -j -c 'get link[vla].rps_queues' | json 'j["value"]')" = 1 ] &&
		ok "rps_queues 1" || bad "rps_queues not seen"
else
	echo "skip - kernel without RPS (rps_cpus not writable)"
fi

# 5. Peer down: carrier lost (veth reports operstate down), CRITICAL.
ip -n "$B" link set vlb down
out=$("$NP" -n "$A" -j -c 'link vla'); rc=$?
[ "$(echo "$out" | json 'j["links"][0]["operstate"] in ("down", "lowerlayerdown")')" = True ] &&
	ok "peer down: operstate down" || bad "peer down: $out"
[ "$(echo "$out" | json 'j["links"][0]["carrier"] is False')" = True ] && ok "peer down: carrier false" ||
	bad "carrier: $out"
[ "$rc" -eq 2 ] && ok "peer down: exit 2" || bad "peer down: exit $rc"

# 6. Admin down: says down, text too.
ip -n "$A" link set vla down
out=$("$NP" -n "$A" -j -c 'link vla'); rc=$?
[ "$(echo "$out" | json 'j["links"][0]["operstate"]')" = down ] && ok "admin down: operstate down" ||
	bad "admin down: $out"
[ "$(echo "$out" | json 'j["links"][0]["admin_up"]')" = False ] && ok "admin_up false" ||
	bad "admin_up: $out"
[ "$rc" -eq 2 ] && ok "admin down: exit 2" || bad "admin down: exit $rc"
"$NP" -n "$A" --no-color -c 'link vla' | grep -q "state down" && ok "text says 'state down'" ||
	bad "text output lacks 'state down'"
[ "$("$NP" -n "$A" -j -c 'get link[vla].operstate' | json 'j["value"]')" = down ] &&
	ok "get link[vla].operstate = down" || bad "get operstate"

# 7. Unknown device: one error line, exit 3, JSON with an error member.
out=$("$NP" -n "$A" -j -c 'link nosuch0' 2>/tmp/np-links-$$.err); rc=$?
[ "$rc" -eq 3 ] && ok "unknown device: exit 3" || bad "unknown device: exit $rc"
echo "$out" | json 'j["error"]["message"]' | grep -q "no such interface" &&
	ok "unknown device: JSON error" || bad "unknown device JSON: $out"
[ "$(grep -c '^netpath:' /tmp/np-links-$$.err)" -eq 1 ] && ok "one error line" ||
	bad "stderr: $(cat /tmp/np-links-$$.err)"
rm -f /tmp/np-links-$$.err
out=$("$NP" -n "$A" -j -c 'get link[nosuch0].mtu' 2>/dev/null); rc=$?
[ "$rc" -eq 3 ] && ok "get on unknown device: exit 3" || bad "get unknown: exit $rc ($out)"

# 8. The table and softnet (host-global) are valid JSON.
out=$("$NP" -n "$A" -j -c link)
[ "$(echo "$out" | json 'sorted(l["name"] for l in j["links"])')" = "['lo', 'vla']" ] &&
	ok "link table: lo, vla" || bad "link table: $out"
out=$("$NP" -n "$A" -j -c softnet)
[ "$(echo "$out" | json 'len(j["cpus"]) >= 1 and "dropped" in j["total"]')" = True ] &&
	ok "softnet JSON" || bad "softnet: $out"

echo "$fails failed"
[ "$fails" -eq 0 ]
