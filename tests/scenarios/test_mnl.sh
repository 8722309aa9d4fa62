#!/usr/bin/env bash
# Scenarios for ethtool, sockets, conntrack and taps (the libmnl paths),
# each checked against the kernel's own view (ethtool -S, ss, /proc,
# conntrack -L, ip link, tc):
#   1. veth with native XDP drop: exactly 10 UDP packets -> ethtool
#      rx_queue_0_xdp_drops 10, taps lists the XDP program (drv, name, id);
#   2. a cls_bpf direct-action drop filter on clsact ingress and a packet
#      socket on the device -> taps lists both, tcpdump visibility rows;
#   3. a listener with backlog 1 that never accepts + bounded connects ->
#      accept queue above backlog, sock[tcp:8080] facts, WARNING exit;
#   4. conntrack entries from real flows -> count and counters equal to
#      /proc/net/stat/nf_conntrack, tally equal to conntrack -L;
#  4b. IPv6 on ::1: a full accept queue and UDP receive-buffer drops,
#      equal to ss -uam;
#   5. bad input: exit 64 / 3 with a JSON error member.
# Usage: test_mnl.sh NETPATH.  Exit 0 pass, 1 fail, 77 skip.  Root.
set -uo pipefail

NETPATH=${1:-${NP_BUILD_NETPATH:-build/netpath}}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BPF_DIR=${NP_BPF_DIR:-$SRC/build/tests/bpf}
PFX="np-mnl-$$-"
A="${PFX}a"
B="${PFX}b"
C="${PFX}c"
TMP=$(mktemp -d "/tmp/np-mnl-$$.XXXX")
PIDS=()
FAILS=0
CHECKS=0

cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	ip netns del "$C" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"
[ -x "$NETPATH" ] || skip "netpath binary not found at $NETPATH"
for t in ip tc ethtool ss python3 conntrack nft; do
	command -v "$t" >/dev/null || skip "$t not installed"
done

ok() { CHECKS=$((CHECKS + 1)); echo "ok   $*"; }
bad() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL $*"; }
# check "what" VALUE EXPECTED
check() { if [ "$2" = "$3" ]; then ok "$1 = $2"; else bad "$1: got '$2', expected '$3'"; fi; }
# check_ge "what" VALUE MIN
check_ge() { if [ "$2" -ge "$3" ] 2>/dev/null; then ok "$1 = $2 (>= $3)"; else bad "$1: got '$2', expected >= $3"; fi; }

# np NS OUTFILE CMD...: netpath -j in NS; prints the exit status.
np() {
	local ns=$1 out=$2
	shift 2
	local args=()
	for c in "$@"; do args+=(-c "$c"); done
	timeout 30 "$NETPATH" -n "$ns" -j "${args[@]}" >"$out" 2>"$out.err"
	echo $?
}
# jq-like: jget FILE N PYEXPR (object N of the file's JSON lines is `o`).
jget() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
o = objs[int(sys.argv[2])]
try:
    v = eval(sys.argv[3], {}, {"o": o})
except Exception as e:
    v = "ERR:%s" % e
print(v if not isinstance(v, bool) else int(v))
PY
}
# Every line of every output must be valid JSON with no partial garbage.
json_valid() {
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    if l.strip(): json.loads(l)' "$1" && ok "$2: valid JSON" || bad "$2: invalid JSON: $(head -c 300 "$1")"
}

# ---- topology: A (va 10.203.0.1) -- B (vb 10.203.0.2) ----
ip netns add "$A" && ip netns add "$B" || skip "cannot create namespaces"
ip -n "$A" link add va type veth peer name vb netns "$B"
ip -n "$A" addr add 10.203.0.1/24 dev va
ip -n "$B" addr add 10.203.0.2/24 dev vb
for ns in "$A" "$B"; do
	ip -n "$ns" link set lo up
	# No IPv6 on the veth: router solicitations and MLD would reach XDP
	# and spoil the exact drop count.
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip netns exec "$B" sysctl -qw net.ipv6.conf.vb.disable_ipv6=1
ip -n "$A" link set va up
ip -n "$B" link set vb up
MAC_B=$(ip -n "$B" -br link show vb | awk '{print $3}')
# A static neighbour: ARP would be dropped by XDP too and spoil the count.
ip -n "$A" neigh replace 10.203.0.2 lladdr "$MAC_B" dev va nud permanent

# ---- 1. ethtool stats and XDP: exactly 10 UDP packets dropped by XDP ----
echo "== 1. veth ethtool statistics with a native XDP drop"
[ -f "$BPF_DIR/xdp_drop.bpf.o" ] || skip "BPF fixtures not built ($BPF_DIR)"
if ip -n "$B" link set dev vb xdpdrv obj "$BPF_DIR/xdp_drop.bpf.o" sec xdp 2>"$TMP/xdp.err"; then
	timeout 10 ip netns exec "$A" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(10):
    s.sendto(b"netpath", ("10.203.0.2", 5999))'
	sleep 0.3
	rc=$(np "$B" "$TMP/eth.json" "ethtool vb" "get ethtool[vb].rx_queue_0_xdp_drops")
	check "ethtool vb exit" "$rc" 0
	json_valid "$TMP/eth.json" "ethtool"
	want=$(ip netns exec "$B" ethtool -S vb | awk '$1 == "rx_queue_0_xdp_drops:" {print $2}')
	check "ethtool -S rx_queue_0_xdp_drops (witness)" "$want" 10
	check "netpath rx_queue_0_xdp_drops" \
		"$(jget "$TMP/eth.json" 0 '[s["value"] for s in o["stats"] if s["name"]=="rx_queue_0_xdp_drops"][0]')" "$want"
	check "netpath xdp_drops_sum" "$(jget "$TMP/eth.json" 0 'o["xdp_drops_sum"]')" 10
	check "netpath driver" "$(jget "$TMP/eth.json" 0 'o["driver"]')" veth
	check "get ethtool[vb].rx_queue_0_xdp_drops" "$(jget "$TMP/eth.json" 1 'o["value"]')" 10
	# taps sees the XDP program.
	XDP_ID=$(ip -n "$B" -d link show vb | sed -n 's/.*prog\/xdp id \([0-9]*\).*/\1/p' | head -1)
	rc=$(np "$B" "$TMP/taps1.json" "taps vb")
	check "taps vb exit" "$rc" 0
	check "taps xdp mode" "$(jget "$TMP/taps1.json" 0 'o["interfaces"][0]["xdp"]')" drv
	check "taps xdp prog id (ip link: $XDP_ID)" \
		"$(jget "$TMP/taps1.json" 0 'o["interfaces"][0]["xdp_prog_id"]')" "$XDP_ID"
	check "taps xdp prog name" "$(jget "$TMP/taps1.json" 0 'o["interfaces"][0]["xdp_prog"]')" xdp_drop
	check "tcpdump sees XDP drops" \
		"$(jget "$TMP/taps1.json" 0 '[s["seen"] for s in o["tcpdump"] if s["stage"]=="xdp"][0] is False')" 1
	ip -n "$B" link set dev vb xdpdrv off
else
	echo "note: native XDP refused on veth ($(cat "$TMP/xdp.err")): XDP part not run"
fi

# ---- 2. cls_bpf drop filter and a packet socket ----
echo "== 2. taps: cls_bpf direct-action filter and an AF_PACKET listener"
tc -n "$B" qdisc add dev vb clsact
tc -n "$B" filter add dev vb ingress bpf da obj "$BPF_DIR/tc_drop.bpf.o" sec classifier ||
	bad "tc filter add (staging)"
TC_ID=$(tc -n "$B" filter show dev vb ingress | sed -n 's/.* id \([0-9]*\) .*/\1/p' | head -1)
timeout 15 ip netns exec "$B" python3 -c '
import socket, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind(("vb", 0))
open("'"$TMP"'/psock.ready", "w").close()
time.sleep(8)' &
PIDS+=($!)
for _ in $(seq 50); do [ -f "$TMP/psock.ready" ] && break; sleep 0.1; done
rc=$(np "$B" "$TMP/taps2.json" "taps vb" "get taps[vb].tc_ingress" "get taps[vb].packet_sockets")
check "taps vb exit" "$rc" 0
json_valid "$TMP/taps2.json" "taps"
check "tc ingress filters" "$(jget "$TMP/taps2.json" 0 'o["interfaces"][0]["tc_ingress"]')" 1
check "filter kind" "$(jget "$TMP/taps2.json" 0 'o["filters"][0]["kind"]')" bpf
check "filter direct-action" "$(jget "$TMP/taps2.json" 0 'o["filters"][0]["direct_action"]')" yes
check "filter prog id (tc: $TC_ID)" "$(jget "$TMP/taps2.json" 0 'o["filters"][0]["prog_id"]')" "$TC_ID"
check "filter prog name" "$(jget "$TMP/taps2.json" 0 'o["filters"][0]["prog"]')" tc_drop
check "packet socket process" \
	"$(jget "$TMP/taps2.json" 0 'o["packet_sockets"][0]["process"].split("/")[1]')" python3
check "packet socket proto" "$(jget "$TMP/taps2.json" 0 'o["packet_sockets"][0]["protocol"]')" all
check "get taps[vb].tc_ingress" "$(jget "$TMP/taps2.json" 1 'o["value"]')" 1
check_ge "get taps[vb].packet_sockets" "$(jget "$TMP/taps2.json" 2 'o["value"]')" 1
check "tcpdump sees tc ingress drops" \
	"$(jget "$TMP/taps2.json" 0 '[s["seen"] for s in o["tcpdump"] if s["stage"]=="tc ingress"][0] is True')" 1
tc -n "$B" qdisc del dev vb clsact

# ---- 3. full accept queue ----
echo "== 3. sockets: a listener with backlog 1 that never accepts"
timeout 20 ip netns exec "$B" python3 -c '
import socket, time
l = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.203.0.2", 8080))
l.listen(1)
open("'"$TMP"'/listen.ready", "w").close()
time.sleep(12)' &
PIDS+=($!)
for _ in $(seq 50); do [ -f "$TMP/listen.ready" ] && break; sleep 0.1; done
timeout 15 ip netns exec "$A" python3 -c '
import socket, time
cs = []
for i in range(6):
    c = socket.socket()
    c.setblocking(False)
    try:
        c.connect(("10.203.0.2", 8080))
    except BlockingIOError:
        pass
    cs.append(c)
    time.sleep(0.05)
time.sleep(10)' &
PIDS+=($!)
sleep 1.5
ss_q=$(ip netns exec "$B" ss -Hltn 'sport = :8080' | awk '{print $2"/"$3}')
rc=$(np "$B" "$TMP/sock.json" "sockets tcp port 8080 listen")
check "sockets exit (full accept queue is a WARNING)" "$rc" 1
json_valid "$TMP/sock.json" "sockets"
np_q=$(jget "$TMP/sock.json" 0 '"%d/%d" % (o["sockets"][0]["recv_q"], o["sockets"][0]["send_q"])')
check "listener Recv-Q/Send-Q (ss: $ss_q)" "$np_q" "$ss_q"
check "accept_queue_full" "$(jget "$TMP/sock.json" 0 'o["accept_queue_full"]')" 1
# `processes` (-p): the listener's owner as ss -p names it.
ss_pid=$(ip netns exec "$B" ss -Hltnp 'sport = :8080' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
rc=$(np "$B" "$TMP/sockp.json" "sockets tcp port 8080 listen -p")
check "sockets -p: pid (ss -p: $ss_pid)" "$(jget "$TMP/sockp.json" 0 'o["sockets"][0]["pid"]')" "$ss_pid"
check "sockets -p: comm" "$(jget "$TMP/sockp.json" 0 'o["sockets"][0]["comm"]')" python3
check "sockets without -p: no pid member" \
	"$(jget "$TMP/sock.json" 0 '"pid" in o["sockets"][0]')" 0
ptext=$(ip netns exec "$B" env COLUMNS=200 "$NETPATH" -c "sockets tcp port 8080 listen processes")
check "sockets processes: PROCESS column pid/comm" \
	"$(echo "$ptext" | grep -c " $ss_pid/python3\$")" 1
rc=$(np "$B" "$TMP/sockf.json" "get sock[tcp:8080].accept_queue" "get sock[tcp:8080].backlog" \
	"get sock[tcp:8080].full" "get sock[tcp:8080].listen" "get sock[udp:8080].count")
check "get sock facts exit" "$rc" 0
aq=$(jget "$TMP/sockf.json" 0 'o["value"]')
bl=$(jget "$TMP/sockf.json" 1 'o["value"]')
if [ "$aq" -gt "$bl" ] 2>/dev/null; then ok "sock[tcp:8080].accept_queue $aq > backlog $bl"; else bad "accept_queue $aq not > backlog $bl"; fi
check "sock[tcp:8080].full" "$(jget "$TMP/sockf.json" 2 'o["value"]')" 1
check "sock[tcp:8080].listen" "$(jget "$TMP/sockf.json" 3 'o["value"]')" 1
check "sock[udp:8080].count" "$(jget "$TMP/sockf.json" 4 'o["value"]')" 0
# Established sockets on the port are counted and listed with tcp_info.
rc=$(np "$B" "$TMP/sockall.json" "sockets tcp port 8080")
ss_n=$(ip netns exec "$B" ss -Htan 'sport = :8080' | wc -l)
check "sockets on port 8080 (ss: $ss_n)" "$(jget "$TMP/sockall.json" 0 'o["count"]')" "$ss_n"
rc=$(np "$B" "$TMP/est.json" "sockets tcp state established port 8080")
check "state filter: established only (ss)" "$(jget "$TMP/est.json" 0 'o["count"]')" \
	"$(ip netns exec "$B" ss -Htan state established 'sport = :8080' | wc -l)"
check "state filter rows are all established" \
	"$(jget "$TMP/est.json" 0 'all(s["state"] == "established" for s in o["sockets"])')" 1

# Stop section 3's peers: their SYN retransmits would otherwise create
# conntrack entries while section 4 counts.
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
PIDS=()
sleep 0.3

# ---- 4. conntrack entries from real flows ----
echo "== 4. conntrack: entries created by real flows"
# A ct rule makes the namespace track (conntrack hooks are per netns).
ip netns exec "$B" nft -f - <<'NFT'
table inet np_mnl {
	chain in { type filter hook input priority 0; ct state new,established counter accept; }
}
NFT
timeout 15 ip netns exec "$B" python3 -c '
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.203.0.2", 9090)); l.listen(64); l.settimeout(0.5)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("10.203.0.2", 9091))
open("'"$TMP"'/ct.ready", "w").close()
end = time.time() + 8
while time.time() < end:
    try:
        c, _ = l.accept(); c.close()
    except socket.timeout:
        pass' &
PIDS+=($!)
for _ in $(seq 50); do [ -f "$TMP/ct.ready" ] && break; sleep 0.1; done
timeout 10 ip netns exec "$A" python3 -c '
import socket
for i in range(5):
    c = socket.create_connection(("10.203.0.2", 9090), timeout=2); c.close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for p in range(3):
    u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u2.sendto(b"x", ("10.203.0.2", 9091))'
sleep 0.5
rc=$(np "$B" "$TMP/ct.json" "conntrack" "conntrack entries" "get conntrack.count" "get conntrack.loaded")
check "conntrack exit" "$rc" 0
json_valid "$TMP/ct.json" "conntrack"
proc_count=$(ip netns exec "$B" cat /proc/sys/net/netfilter/nf_conntrack_count)
proc_sum() { # FIELD: a /proc/net/stat/nf_conntrack column summed over CPUs
	ip netns exec "$B" python3 -c '
import sys
rows = [l.split() for l in open("/proc/net/stat/nf_conntrack")]
c = rows[0].index(sys.argv[1])
print(sum(int(r[c], 16) for r in rows[1:] if r))' "$1"
}
proc_found=$(proc_sum found)
proc_invalid=$(proc_sum invalid)
check_ge "conntrack entries staged (witness)" "$proc_count" 6
check "conntrack.count vs nf_conntrack_count" "$(jget "$TMP/ct.json" 0 'o["count"]')" "$proc_count"
check "stat.invalid vs /proc/net/stat/nf_conntrack" \
	"$(jget "$TMP/ct.json" 0 '[t["invalid"] for t in o["totals"] if t["source"]=="ctnetlink"][0]')" "$proc_invalid"
check "/proc row in netpath vs /proc (found)" \
	"$(jget "$TMP/ct.json" 0 '[t["found"] for t in o["totals"] if t["source"].startswith("/proc")][0]')" "$proc_found"
check "ctnetlink and /proc agree" "$(jget "$TMP/ct.json" 0 'o["sources_agree"]')" 1
check "conntrack status" "$(jget "$TMP/ct.json" 0 'o["status"]')" ok
ctl_total=$(ip netns exec "$B" conntrack -L 2>/dev/null | wc -l)
ctl_tcp=$(ip netns exec "$B" conntrack -L -p tcp 2>/dev/null | wc -l)
ctl_tw=$(ip netns exec "$B" conntrack -L -p tcp 2>/dev/null | grep -c TIME_WAIT)
check "entries total vs conntrack -L" "$(jget "$TMP/ct.json" 1 'o["total"]')" "$ctl_total"
check "tcp entries vs conntrack -L -p tcp" \
	"$(jget "$TMP/ct.json" 1 '[p["entries"] for p in o["protocols"] if p["proto"]=="tcp"][0]')" "$ctl_tcp"
check "TIME_WAIT entries vs conntrack -L" \
	"$(jget "$TMP/ct.json" 1 'sum(s["entries"] for s in o.get("tcp_states", []) if s["state"]=="TIME_WAIT")')" "$ctl_tw"
check "get conntrack.count" "$(jget "$TMP/ct.json" 2 'o["value"]')" "$proc_count"
check "get conntrack.loaded" "$(jget "$TMP/ct.json" 3 'o["value"]')" 1

# ---- 4b. IPv6: a full accept queue and UDP receive-buffer drops on ::1 ----
echo "== 4b. sockets over IPv6: accept queue and UDP drops"
ip netns add "$C"
ip -n "$C" link set lo up
timeout 20 ip netns exec "$C" python3 -c '
import socket, time
l = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
l.bind(("::1", 8443)); l.listen(1)
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
u.bind(("::1", 9000))
cs = []
for i in range(5):
    c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM); c.setblocking(False)
    try:
        c.connect(("::1", 8443))
    except BlockingIOError:
        pass
    cs.append(c)
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for i in range(300):  # never read: the 8 KiB buffer overflows
    s.sendto(b"x" * 200, ("::1", 9000))
open("'"$TMP"'/v6.ready", "w").close()
time.sleep(10)' &
PIDS+=($!)
for _ in $(seq 80); do [ -f "$TMP/v6.ready" ] && break; sleep 0.1; done
sleep 0.5
rc=$(np "$C" "$TMP/v6.json" "sockets tcp port 8443 listen" "get sock[tcp:8443].full" \
	"sockets udp port 9000" "get sock[udp:9000].drops")
check "v6 sockets exit (WARNING: full queue)" "$rc" 1
json_valid "$TMP/v6.json" "v6 sockets"
check "v6 listener address" "$(jget "$TMP/v6.json" 0 'o["sockets"][0]["local"]')" "[::1]:8443"
check "sock[tcp:8443].full (IPv6)" "$(jget "$TMP/v6.json" 1 'o["value"]')" 1
ss_d=$(ip netns exec "$C" ss -Huam 'sport = :9000' | sed -n 's/.*,d\([0-9]*\)).*/\1/p' | head -1)
check_ge "UDP drops staged (ss -uam d$ss_d)" "${ss_d:-0}" 1
check "sockets udp drops vs ss" "$(jget "$TMP/v6.json" 2 'o["sockets"][0]["drops"]')" "$ss_d"
check "sock[udp:9000].drops vs ss" "$(jget "$TMP/v6.json" 3 'o["value"]')" "$ss_d"

# ---- 5. bad input ----
echo "== 5. bad input"
rc=$(np "$B" "$TMP/bad1.json" "sockets port 70000")
check "sockets port 70000 exit" "$rc" 64
json_valid "$TMP/bad1.json" "usage error"
check "usage error member" "$(jget "$TMP/bad1.json" 0 '"error" in o')" 1
rc=$(np "$B" "$TMP/bad2.json" "ethtool nosuch0")
check "ethtool on a missing device exit" "$rc" 3
check "ethtool error member" "$(jget "$TMP/bad2.json" 0 '"no such interface" in o["error"]["message"]')" 1
check "no partial stats" "$(jget "$TMP/bad2.json" 0 '"stats" in o')" 0
rc=$(np "$B" "$TMP/bad3.json" "taps nosuch0")
check "taps on a missing device exit" "$rc" 3
rc=$(np "$B" "$TMP/bad4.json" "get sock[sctp:80].count")
check "bad sock fact exit" "$rc" 64
rc=$(np "$B" "$TMP/bad5.json" "sockets raw port 80")
check "raw with a port exit" "$rc" 64

echo "$CHECKS checks, $FAILS failed"
[ "$FAILS" -eq 0 ]
