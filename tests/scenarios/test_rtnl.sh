#!/usr/bin/env bash
# Scenario: route get / routes / rules / neigh / qdisc against real faults
# staged in three network namespaces (A - R(outer) - B).  Usage:
# test_rtnl.sh NETPATH.  Needs root.  Exit 0 pass, 1 fail, 77 skip.
# Self-contained: namespaces np-rtnl-$$-*, trap cleanup on every exit path,
# every traffic loop bounded in count and time.
set -u
NP=${1:?usage: test_rtnl.sh NETPATH}
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
command -v ip >/dev/null && command -v tc >/dev/null || { echo "SKIP: iproute2 missing"; exit 77; }

A=np-rtnl-$$-a
R=np-rtnl-$$-r
B=np-rtnl-$$-b
TMP=$(mktemp -d /tmp/np-rtnl-$$.XXXXXX)
CHURN=
cleanup() {
	[ -n "$CHURN" ] && kill "$CHURN" 2>/dev/null
	ip netns del "$A" 2>/dev/null
	ip netns del "$R" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

fails=0
ok() { echo "ok   - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }
# expect NAME ACTUAL WANTED
expect() { [ "$2" = "$3" ] && ok "$1" || bad "$1: got '$2', want '$3'"; }

# json EXPR < output: a python expression over the last JSON line (j).
json() {
	python3 -c '
import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
j = json.loads(lines[-1])
print(eval(sys.argv[1]))' "$1"
}

# udp NS DST PORT COUNT SIZE: bounded UDP burst (python: no ping needed).
udp() {
	ip netns exec "$1" timeout 10 python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
for _ in range(int(sys.argv[3])):
    try:
        s.sendto(b"x" * int(sys.argv[4]), (sys.argv[1], int(sys.argv[2])))
    except OSError:
        pass' "$2" "$3" "$4" "$5"
}

for n in "$A" "$R" "$B"; do ip netns add "$n" || { echo "SKIP: cannot create namespaces"; exit 77; }; done
ip -n "$A" link add va type veth peer name vr netns "$R" || exit 1
ip -n "$R" link add vrb type veth peer name vb netns "$B" || exit 1
ip -n "$A" addr add 10.214.1.1/24 dev va
ip -n "$A" addr add fd00:214::1/64 dev va nodad
ip -n "$R" addr add 10.214.1.254/24 dev vr
ip -n "$R" addr add 10.214.2.254/24 dev vrb
ip -n "$B" addr add 10.214.2.1/24 dev vb
for l in "$A va" "$R vr" "$R vrb" "$B vb"; do set -- $l; ip -n "$1" link set "$2" up; ip -n "$1" link set lo up; done
ip -n "$A" route add 10.214.2.0/24 via 10.214.1.254
ip -n "$A" route add blackhole 10.99.1.0/24
ip -n "$A" route add prohibit 10.99.2.0/24
ip -n "$A" route add unreachable 10.99.3.0/24
ip -n "$A" -6 route add blackhole fd00:99::/64
ip -n "$A" route add 10.98.0.0/16 dev va table 100
ip -n "$A" rule add to 10.98.0.0/16 lookup 100 prio 100
ip -n "$A" route add throw 10.96.0.0/16 table 100
ip -n "$A" rule add to 10.96.0.0/16 lookup 100 prio 101
ip -n "$A" rule add to 10.95.0.0/16 prohibit prio 50
ip -n "$B" route add default via 10.214.2.254

# ---- 1. route get: types, table, rule, exit status ----
out=$("$NP" -n "$A" -j -c 'route get 10.214.2.1'); rc=$?
expect "unicast via gateway exits 0" "$rc" 0
expect "unicast type" "$(echo "$out" | json 'j["type"]')" unicast
expect "unicast gateway" "$(echo "$out" | json 'j["gateway"]')" 10.214.1.254
expect "unicast dev" "$(echo "$out" | json 'j["dev"]')" va
expect "unicast table main" "$(echo "$out" | json 'j["table"]')" 254
expect "unicast rule 32766" "$(echo "$out" | json 'j["rule"]["priority"]')" 32766
expect "unicast matched prefix" "$(echo "$out" | json 'j["prefix"]')" 10.214.2.0/24
expect "unicast prefsrc" "$(echo "$out" | json 'j["prefsrc"]')" 10.214.1.1

for t in "10.99.1.5 blackhole EINVAL" "10.99.2.5 prohibit EACCES" "10.99.3.5 unreachable EHOSTUNREACH" \
	"10.97.0.1 noroute ENETUNREACH"; do
	set -- $t
	out=$("$NP" -n "$A" -j -c "route get $1"); rc=$?
	expect "$2 route: exit 2 (blocking fault, not a failure)" "$rc" 2
	expect "$2 route: type" "$(echo "$out" | json 'j["type"]')" "$2"
	expect "$2 route: lookup_error" "$(echo "$out" | json 'j["lookup_error"]')" "$3"
	expect "$2 route: no error member" "$(echo "$out" | json '"error" in j')" False
done
expect "fact route[10.99.1.5].type" "$("$NP" -n "$A" -c 'get route[10.99.1.5].type')" blackhole
expect "fact route[10.97.0.1].error" "$("$NP" -n "$A" -c 'get route[10.97.0.1].error')" ENETUNREACH

out=$("$NP" -n "$A" -j -c 'route get 10.99.1.5')
expect "blackhole: table unknown without locate" "$(echo "$out" | json 'j["table"]')" None
out=$("$NP" -n "$A" -j -c 'route get 10.99.1.5 locate')
expect "blackhole: table and prefix found" "$(echo "$out" | json 'str(j["table"]) + " " + j["prefix"]')" "254 10.99.1.0/24"
out=$("$NP" -n "$A" -j -c 'route get 10.96.1.1 locate')
expect "throw route: type, table, rule" \
	"$(echo "$out" | json 'j["type"] + " " + str(j["table"]) + " " + str(j["rule"]["priority"])')" "throw 100 101"
out=$("$NP" -n "$A" -j -c 'route get 10.95.1.1')
expect "prohibit rule: reason, rule" "$(echo "$out" | json 'j["reason"] + " " + str(j["rule"]["priority"])')" "prohibit-rule 50"
out=$("$NP" -n "$A" -j -c 'route get 10.98.3.4')
expect "policy rule: table 100" "$(echo "$out" | json 'j["table"]')" 100
expect "policy rule: rule 100 chose it" "$(echo "$out" | json 'j["rule"]["priority"]')" 100

out=$("$NP" -n "$A" -j -c 'route get fd00:214::5')
expect "IPv6 unicast dev" "$(echo "$out" | json 'j["type"] + " " + j["dev"]')" "unicast va"
out=$("$NP" -n "$A" -j -c 'route get fd00:99::1')
expect "IPv6 blackhole" "$(echo "$out" | json 'j["type"]')" blackhole

# ---- 2. input path on the router: forwarding off, rp_filter, martian ----
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=0
out=$("$NP" -n "$R" -j -c 'route get 10.214.2.1 from 10.214.1.1 iif vr'); rc=$?
expect "forwarding off: exit 2" "$rc" 2
expect "forwarding off: type" "$(echo "$out" | json 'j["type"]')" unreachable
expect "forwarding off: lookup_error" "$(echo "$out" | json 'j["lookup_error"]')" EHOSTUNREACH
expect "forwarding off: reason" "$(echo "$out" | json 'j["reason"]')" forwarding-disabled
expect "forwarding off: fact" \
	"$("$NP" -n "$R" -c 'get route[10.214.2.1,from=10.214.1.1,iif=vr].reason')" forwarding-disabled
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
out=$("$NP" -n "$R" -j -c 'route get 10.214.2.1 from 10.214.1.1 iif vr'); rc=$?
expect "forwarding on: exit 0" "$rc" 0
expect "forwarding on: forwarded out of vrb" "$(echo "$out" | json 'j["reason"] + " " + j["dev"]')" "forward vrb"
ip netns exec "$R" sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.vr.rp_filter=1
out=$("$NP" -n "$R" -j -c 'route get 10.214.2.1 from 10.77.0.1 iif vr')
expect "rp_filter: reason" "$(echo "$out" | json 'j["reason"]')" rp_filter
expect "rp_filter: lookup_error EINVAL" "$(echo "$out" | json 'j["lookup_error"]')" EINVAL
# strict mode: the route back to B's network leaves via vrb, not vr
out=$("$NP" -n "$R" -j -c 'route get 10.214.1.1 from 10.214.2.1 iif vr')
expect "strict rp_filter, asymmetric: reason" "$(echo "$out" | json 'j["reason"]')" rp_filter
out=$("$NP" -n "$R" -j -c 'route get 10.214.2.1 from 127.0.0.1 iif vr')
expect "martian source" "$(echo "$out" | json 'j["reason"]')" martian-source
out=$("$NP" -n "$R" -j -c 'route get 10.214.2.1 from 10.214.1.1 iif vr')
expect "rp_filter passes the symmetric source" "$(echo "$out" | json 'j["type"]')" unicast

# ---- 3. a next hop that never answers ARP: FAILED + unresolved_discards ----
ip netns exec "$A" sysctl -qw net.ipv4.neigh.va.unres_qlen_bytes=2048 \
	net.ipv4.neigh.va.mcast_solicit=1 net.ipv4.neigh.va.ucast_solicit=0 \
	net.ipv4.neigh.va.retrans_time_ms=200
before=$("$NP" -n "$A" -c 'get neightbl[arp_cache].unresolved_discards')
udp "$A" 10.214.1.77 9 40 500
sleep 1.5
out=$("$NP" -n "$A" -j -c 'neigh 10.214.1.77'); rc=$?
expect "neigh FAILED entry" "$(echo "$out" | json 'j["neighbours"][0]["state"]')" FAILED
expect "neigh with FAILED: exit 1 (warning)" "$rc" 1
expect "fact neigh[10.214.1.77].state" "$("$NP" -n "$A" -c 'get neigh[10.214.1.77].state')" FAILED
after=$(echo "$out" | json '[t for t in j["tables"] if t["name"] == "arp_cache"][0]["unresolved_discards"]')
[ "$after" -gt "$before" ] && ok "unresolved_discards rose ($before -> $after)" ||
	bad "unresolved_discards did not rise: $before -> $after"
expect "neigh.failed fact" "$("$NP" -n "$A" -c 'get neigh.failed')" 1
expect "neigh of an absent address" "$("$NP" -n "$A" -c 'get neigh[10.214.1.99].state')" none
out=$("$NP" -n "$A" -j -c 'neigh va')
[ "$(echo "$out" | json 'len(j["neighbours"])')" -ge 1 ] && ok "neigh DEV lists entries" || bad "neigh va: $out"

# ---- 4. tbf with a tiny limit under a UDP burst: qdisc drops ----
tc -n "$A" qdisc add dev va root handle 1: tbf rate 1mbit burst 1600 limit 3000
ip -n "$A" neigh replace 10.214.1.254 lladdr "$(ip -n "$R" -br link show vr | awk '{print $3}')" dev va nud permanent
udp "$A" 10.214.1.254 9 300 1000
out=$("$NP" -n "$A" -j -c 'qdisc va'); rc=$?
expect "qdisc exits 0" "$rc" 0
expect "qdisc root kind" "$(echo "$out" | json 'j["qdiscs"][0]["kind"]')" tbf
drops=$(echo "$out" | json 'j["qdiscs"][0]["drops"]')
[ "$drops" -gt 0 ] && ok "tbf drops $drops" || bad "tbf drops: $out"
d=$("$NP" -n "$A" -c 'get qdisc[va].drops')
[ "$d" -gt 0 ] && ok "fact qdisc[va].drops = $d" || bad "qdisc[va].drops = $d"
d=$("$NP" -n "$A" -c 'get qdisc[va@1:].drops')
[ "$d" -gt 0 ] && ok "fact qdisc[va@1:].drops = $d" || bad "qdisc[va@1:].drops = $d"
expect "no ingress qdisc: ingress_drops 0" "$("$NP" -n "$A" -c 'get qdisc[va].ingress_drops')" 0

# clsact ingress drop (cls_bpf direct action; needs clang for the object)
if command -v clang >/dev/null; then
	printf '%s\n' '__attribute__((section("tc"), used)) int drop_all(void *skb) { return 2; }' \
		'char _license[] __attribute__((section("license"), used)) = "GPL";' >"$TMP/drop.c"
	if clang -O2 -target bpf -c "$TMP/drop.c" -o "$TMP/drop.o" 2>/dev/null &&
		tc -n "$B" qdisc add dev vb clsact &&
		tc -n "$B" filter add dev vb ingress bpf da obj "$TMP/drop.o" sec tc; then
		ip -n "$R" neigh replace 10.214.2.1 lladdr "$(ip -n "$B" -br link show vb | awk '{print $3}')" dev vrb nud permanent
		udp "$R" 10.214.2.1 7 10 100
		d=$("$NP" -n "$B" -c 'get qdisc[vb].ingress_drops')
		[ "$d" -ge 10 ] && ok "clsact ingress drops $d" || bad "clsact ingress drops: $d"
		out=$("$NP" -n "$B" -j -c 'qdisc vb')
		expect "clsact listed" "$(echo "$out" | json '[q["parent"] for q in j["qdiscs"] if q["kind"] == "clsact"][0]')" clsact
	else
		echo "skip - clsact bpf filter could not be attached"
	fi
fi

# htb: classes drawn between the qdisc and its leaf qdisc
tc -n "$R" qdisc add dev vr root handle 1: htb default 10 &&
	tc -n "$R" class add dev vr parent 1: classid 1:1 htb rate 10mbit &&
	tc -n "$R" class add dev vr parent 1:1 classid 1:10 htb rate 1mbit &&
	tc -n "$R" qdisc add dev vr parent 1:10 handle 10: pfifo limit 5
out=$("$NP" -n "$R" -j -c 'qdisc vr')
expect "htb tree: handles, objects and depths in order" \
	"$(echo "$out" | json '" ".join("%s/%s/%d" % (q["tc_handle"], q["object"], q["depth"]) for q in j["qdiscs"])')" \
	"1:/qdisc/0 1:1/class/1 1:10/class/2 10:/qdisc/3"
expect "htb class fact" "$("$NP" -n "$R" -c 'get qdisc[vr@1:10].kind')" htb

# ---- 5. routes / rules ----
out=$("$NP" -n "$A" -j -c 'routes summary')
expect "routes summary: blackhole count" "$(echo "$out" | json '[t["routes"] for t in j["by_type"] if t["name"] == "blackhole"][0]')" 2
expect "routes summary: table 100 count" "$(echo "$out" | json '[t["routes"] for t in j["by_table"] if t["table"] == 100][0]')" 2
out=$("$NP" -n "$A" -j -c 'routes 100')
expect "routes 100 lists its routes" "$(echo "$out" | json '" ".join(sorted(r["dst"] for r in j["routes"]))')" "10.96.0.0/16 10.98.0.0/16"
out=$("$NP" -n "$A" -j -c 'routes')
expect "routes main: 4 IPv4 + IPv6 routes" "$(echo "$out" | json 'len([r for r in j["routes"] if r["family"] == "inet"])')" 5
out=$("$NP" -n "$A" -j -c 'rules inet')
expect "rules: prio 100 -> table 100" "$(echo "$out" | json '[r["table"] for r in j["rules"] if r["priority"] == 100][0]')" 100

# ---- 6. devices vanishing during dumps: every run is either an answer or
# one clear error (exit 3), and the JSON always parses ----
churn() { # bounded: 150 add/delete cycles or 20 s
	local i end=$((SECONDS + 20))
	for i in $(seq 150); do
		ip -n "$A" link add "vx$i" type veth peer name "vy$i" 2>/dev/null
		ip -n "$A" link set "vx$i" up 2>/dev/null
		ip -n "$A" addr add 10.250.$((i % 250)).1/24 dev "vx$i" 2>/dev/null
		ip -n "$A" link del "vx$i" 2>/dev/null
		[ "$SECONDS" -lt "$end" ] || break
	done
}
churn &
CHURN=$!
PIDS_OK=1
for i in $(seq 20); do
	for c in qdisc neigh 'routes all' rules; do
		out=$("$NP" -n "$A" -j -c "$c" 2>/dev/null); rc=$?
		if ! echo "$out" | python3 -c 'import json,sys; json.loads(sys.stdin.read())' 2>/dev/null ||
			{ [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; }; then
			PIDS_OK=0
			bad "churn: '$c' gave exit $rc / invalid JSON: $out"
		fi
	done
done
kill "$CHURN" 2>/dev/null
wait "$CHURN" 2>/dev/null
[ "$PIDS_OK" -eq 1 ] && ok "80 dumps under device churn: valid JSON, exit 0/1/3"

# ---- 7. bad input: one line, exit 3 or 64, JSON keeps an error member ----
badcase() { # NAME WANT_RC COMMAND
	local out err rc
	out=$("$NP" -n "$A" -j -c "$3" 2>"$TMP/err"); rc=$?
	err=$(wc -l <"$TMP/err")
	expect "$1: exit" "$rc" "$2"
	expect "$1: JSON error member" "$(echo "$out" | json '"message" in j["error"]')" True
	[ "$err" -le 2 ] && ok "$1: short stderr" || bad "$1: stderr has $err lines"
}
badcase "malformed address" 64 "route get 10.1.1"
badcase "mixed families" 64 "route get 10.1.1.1 from fd00::1"
badcase "unknown iif" 3 "route get 10.1.1.1 from 10.214.1.9 iif nosuch0"
badcase "unknown table" 64 "routes nosuchtable"
badcase "empty table" 3 "routes 4242"
badcase "neigh unknown device" 3 "neigh nosuch0"
badcase "neigh bad word" 64 "neigh bad/name"
badcase "neigh malformed address" 64 "neigh 10.214.1.300"
badcase "qdisc unknown device" 3 "qdisc nosuch0"

echo
[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
