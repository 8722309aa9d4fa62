#!/usr/bin/env bash
# Scenario: the eBPF probes catch known faults with exact counts, never
# blind other observers, skip cleanly without privilege, and leave nothing
# in the kernel however netpath ends.  Usage: test_probes.sh NETPATH.
# Needs root.  Exit 0 pass, 1 fail, 77 skip.  Self-contained: namespaces
# np-probes-$$-*, trap cleanup on every exit path, bounded traffic.
set -u
NP=${1:?usage: test_probes.sh NETPATH}
NP=$(readlink -f "$NP")
HERE=$(dirname "$(readlink -f "$0")")
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
for c in ip iptables python3 bpftool; do
	command -v $c >/dev/null || { echo "SKIP: $c missing"; exit 77; }
done

A=np-probes-$$-a
B=np-probes-$$-b
C=np-probes-$$-c
PIDS=()
TMP=$(mktemp -d)
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	ip netns del "$C" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

fails=0
ok() { echo "ok   - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }

# json EXPR < output: a python expression over the last JSON line (j).
json() {
	python3 -c '
import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip().startswith("{")]
j = json.loads(lines[-1])
print(eval(sys.argv[1]))' "$1"
}

ip netns add "$A" && ip netns add "$B" || { echo "SKIP: cannot create namespaces"; exit 77; }
ip -n "$A" link add pa type veth peer name pb netns "$B" || exit 1
ip -n "$A" addr add 10.214.0.1/24 dev pa
ip -n "$B" addr add 10.214.0.2/24 dev pb
ip -n "$A" link set pa up
ip -n "$B" link set pb up
ip -n "$A" link set lo up
ip -n "$B" link set lo up
# Resolve ARP once so no neighbour queue skews the first counts.
ip netns exec "$A" timeout 5 python3 -c '
import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b"x", ("10.214.0.2", 9))'
sleep 0.3

# send_udp COUNT PORT: COUNT datagrams A -> B:PORT, bounded in time.
send_udp() {
	ip netns exec "$A" timeout 10 python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[1])):
    s.sendto(b"np-probes", ("10.214.0.2", int(sys.argv[2])))
    if i % 50 == 49:
        time.sleep(0.01)' "$1" "$2"
}

# probe_bg OUT ARGS...: start `netpath -j -c "probe ..."` in the background.
probe_bg() {
	local out=$1
	shift
	"$NP" -j -c "$*" >"$out" 2>"$out.err" &
	PIDS+=($!)
	PROBE_PID=$!
	sleep 0.7 # attach takes ~50 ms; leave margin on a loaded CI box
}

# 1. DROP rule: exactly N NETFILTER_DROP in layer netfilter.
N=200
ip netns exec "$B" iptables -A INPUT -p udp --dport 5555 -j DROP || { echo "SKIP: iptables"; exit 77; }
probe_bg "$TMP/drop.json" "probe drops 3 netns $B and proto udp and dst 10.214.0.2 and dport 5555"
send_udp $N 5555
wait "$PROBE_PID"
rc=$?
nf=$(json 'sum(r["count"] for r in j.get("drops", []) if r["reason"] == "NETFILTER_DROP" and r["layer"] == "netfilter")' <"$TMP/drop.json")
[ "$nf" = "$N" ] && ok "DROP rule: $nf NETFILTER_DROP in netfilter (sent $N)" ||
	bad "DROP rule: counted $nf of $N: $(cat "$TMP/drop.json" "$TMP/drop.json.err")"
[ "$rc" -eq 2 ] && ok "loss found: exit 2" || bad "DROP rule exit $rc (want 2)"
top=$(json 'j["explain"][0]["reason"] + " " + j["explain"][0]["tcpdump"]' <"$TMP/drop.json")
case "$top" in NETFILTER_DROP*yes*) ok "explained: $top" ;; *) bad "explain: $top" ;; esac
# The device is named inside B (netns_ifname.c), not looked up by index in
# netpath's own namespace (where index 2 is another device, or none).
dev=$(json '",".join(sorted(set(r["dev"] for r in j["drops"] if r["reason"] == "NETFILTER_DROP")))' <"$TMP/drop.json")
[ "$dev" = pb ] && ok "DEV named inside namespace B: $dev" || bad "DEV of the drops in B: '$dev' (want pb)"
# The whole host: a row of B is named through B's /run/netns name.
probe_bg "$TMP/dropall.json" "probe drops 3 netns all and proto udp and dport 5555"
send_udp 20 5555
wait "$PROBE_PID"
dev=$(json '",".join(sorted(set(r["netns"] + "/" + r["dev"] for r in j["drops"] if r["reason"] == "NETFILTER_DROP")))' <"$TMP/dropall.json")
[ "$dev" = "$B/pb" ] && ok "netns all: NETNS/DEV $dev" || bad "netns all: NETNS/DEV '$dev' (want $B/pb)"

# 1b. probe trace follows those packets from receive to the drop.
probe_bg "$TMP/trace.json" "probe trace netns $B and host 10.214.0.1 and dport 5555 3"
send_udp 3 5555
wait "$PROBE_PID"
ev=$(json '" ".join(e["event"] + ("=" + e.get("reason", "") if e["event"] == "kfree_skb" else "") for e in j["events"])' <"$TMP/trace.json")
case "$ev" in
*netif_receive_skb*kfree_skb=NETFILTER_DROP*) ok "trace: netif_receive_skb ... kfree_skb NETFILTER_DROP" ;;
*) bad "trace events: $ev $(cat "$TMP/trace.json.err")" ;;
esac
[ "$(json 'j["shown"]' <"$TMP/trace.json")" -le 12 ] && ok "trace: only the matching packets" ||
	bad "trace shown $(json 'j["shown"]' <"$TMP/trace.json")"

# 1b'. Filtered on the sender's namespace, a packet stays followed across
# the veth: its receive and its drop in the other namespace are shown (a
# followed skb skips the filter; the namespace check comes after it).
probe_bg "$TMP/follow.json" "probe trace netns $A and dport 5555 3"
send_udp 2 5555
wait "$PROBE_PID"
ev=$(json '" ".join(e["event"] + "@" + e["netns"] for e in j["events"])' <"$TMP/follow.json")
case "$ev" in
*"net_dev_queue@$A"*"netif_receive_skb@$B"*"kfree_skb@$B"*)
	ok "trace: followed from $A into $B (queue, receive, drop)" ;;
*) bad "trace across the veth: $ev $(cat "$TMP/follow.json.err")" ;;
esac

# 1c. The trace is bounded: a burst over 2000 events/s is cut and counted.
probe_bg "$TMP/burst.json" "probe trace netns $B and dport 5555 2"
send_udp 3000 5555
wait "$PROBE_PID"
shown=$(json 'j["shown"]' <"$TMP/burst.json")
over=$(json 'j["rate_dropped"]' <"$TMP/burst.json")
if [ "${over:-0}" -gt 0 ] && [ "${shown:-99999}" -le 6000 ]; then
	ok "trace bounded: $shown shown, $over over the rate limit (counted)"
else
	bad "trace burst: shown $shown, over $over"
fi
grep -q "dropped and counted" "$TMP/burst.json.err" && ok "trace says it dropped events" ||
	bad "no warning about dropped events: $(cat "$TMP/burst.json.err")"

# 1d. Text at 80 columns: an event's parts wrap onto lines indented under
# the CPU column, never past the width, an address never cut in two.
COLUMNS=80 "$NP" -c "probe trace netns $B and dport 5555 3" >"$TMP/t80.txt" 2>&1 &
PIDS+=($!)
PROBE_PID=$!
sleep 0.7
send_udp 2 5555
wait "$PROBE_PID"
long=$(awk 'length > 80' "$TMP/t80.txt" | head -1)
[ -z "$long" ] && ok "trace text fits 80 columns" || bad "trace line over 80 columns: $long"
grep -qE '^ {10,}udp 10\.214\.0\.1:[0-9]+ > 10\.214\.0\.2:5555  len [0-9]+$' "$TMP/t80.txt" &&
	grep -qE '^ {10,}reason NETFILTER_DROP at [a-z_0-9]+ \[netfilter\]$' "$TMP/t80.txt" &&
	ok "trace text at 80 columns: flow and reason on their own indented lines" ||
	bad "trace text at 80 columns: $(head -c 600 "$TMP/t80.txt")"
# The drops and resets headers carry the filter, with the namespace's name
# (np-probes-PID-b): at 80 columns they break between words.
COLUMNS=80 "$NP" -c "probe drops 3 netns $B and proto udp and dst 10.214.0.2 and dport 5555" \
	>"$TMP/d80.txt" 2>&1 &
PIDS+=($!)
PROBE_PID=$!
sleep 0.7
send_udp 2 5555
wait "$PROBE_PID"
COLUMNS=80 "$NP" -c "probe resets 1 netns $B and host 10.214.0.1 and port 5555" >>"$TMP/d80.txt" 2>&1
long=$(awk 'length > 80' "$TMP/d80.txt" | head -1)
[ -z "$long" ] && grep -qE '^  .*via (tp_btf|raw_tp|tracepoint)' "$TMP/d80.txt" &&
	grep -q '^crit probe drops: ' "$TMP/d80.txt" && grep -q '^ok probe 1\.[0-9] s tcp:' "$TMP/d80.txt" &&
	ok "drops and resets headers at 80 columns: broken between words, indented" ||
	bad "probe headers at 80 columns: $(head -c 600 "$TMP/d80.txt")"

# 2. Closed UDP port: NO_SOCKET in transport, exact.
N2=50
probe_bg "$TMP/nosock.json" "probe drops 3 netns $B and dport 6666"
send_udp $N2 6666
wait "$PROBE_PID"
ns=$(json 'sum(r["count"] for r in j.get("drops", []) if r["reason"] == "NO_SOCKET" and r["layer"] == "transport")' <"$TMP/nosock.json")
[ "$ns" = "$N2" ] && ok "closed UDP port: $ns NO_SOCKET (sent $N2)" ||
	bad "closed UDP port: $ns of $N2: $(cat "$TMP/nosock.json")"

# 2b. IPv6: the same closed port over v6, filtered on the v6 address.
ip -n "$A" addr add fd00:214::1/64 dev pa nodad
ip -n "$B" addr add fd00:214::2/64 dev pb nodad
ip netns exec "$A" timeout 5 python3 -c '
import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.sendto(b"x", ("fd00:214::2", 9))'
sleep 0.3
probe_bg "$TMP/v6.json" "probe drops 3 netns $B and src fd00:214::1 and dport 6667"
ip netns exec "$A" timeout 10 python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for _ in range(20):
    s.sendto(b"np-probes", ("fd00:214::2", 6667))'
wait "$PROBE_PID"
v6=$(json 'sum(r["count"] for r in j.get("drops", []) if r["reason"] == "NO_SOCKET" and r["proto"] == "udp6")' <"$TMP/v6.json")
[ "$v6" = 20 ] && ok "IPv6 closed port: $v6 NO_SOCKET udp6 (sent 20)" || bad "IPv6: $v6 of 20: $(cat "$TMP/v6.json")"

# 2c. Port filters reject most packets on the two port words alone, read
# behind the IPv4 header length the packet states (filter.bpf.h,
# np_ports_reject).  Datagrams with IP options (header length 24, not 20)
# from source port 46000 (four probes at once, each window long enough to
# cover the others' start): filters on their sport or dport count every one,
# filters on the ports next to them none, and trace follows them.
send_opts() {
	ip netns exec "$A" timeout 10 python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.214.0.1", 46000))
s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, b"\x01\x01\x01\x00")  # NOP NOP NOP EOL
for _ in range(int(sys.argv[1])):
    s.sendto(b"np-probes", ("10.214.0.2", 6668))' "$1"
}
probe_bg "$TMP/o_dport.json" "probe drops 6 netns $B and dport 6668"
O_DPORT=$PROBE_PID
probe_bg "$TMP/o_sport.json" "probe drops 6 netns $B and sport 46000 and proto udp"
O_SPORT=$PROBE_PID
probe_bg "$TMP/o_other.json" "probe drops 6 netns $B and port 6669"
O_OTHER=$PROBE_PID
probe_bg "$TMP/o_trace.json" "probe trace netns $B and dport 6668 6"
send_opts 25
wait "$O_DPORT" "$O_SPORT" "$O_OTHER" "$PROBE_PID"
nosock() { json 'sum(r["count"] for r in j.get("drops", []) if r["reason"] == "NO_SOCKET")' <"$1"; }
for f in o_dport:25 o_sport:25 o_other:0; do
	n=$(nosock "$TMP/${f%%:*}.json")
	[ "$n" = "${f##*:}" ] && ok "IP options, ${f%%:*}: $n NO_SOCKET (want ${f##*:})" ||
		bad "IP options, ${f%%:*}: $n NO_SOCKET, want ${f##*:}: $(cat "$TMP/${f%%:*}.json.err")"
done
ev=$(json '" ".join(e["event"] for e in j["events"])' <"$TMP/o_trace.json")
case "$ev" in
*netif_receive_skb*kfree_skb*) ok "IP options, trace: netif_receive_skb ... kfree_skb" ;;
*) bad "IP options, trace events: $ev $(cat "$TMP/o_trace.json.err")" ;;
esac

# 2d. A probe filtering on a namespace compares namespaces by address
# (np_filter_pin): it holds the namespace open while it runs, even when
# the name goes away, and lets go when it ends (the same process goes on
# with a second probe).
ip netns add "$C"
cino=$(stat -L -c %i /run/netns/"$C")
"$NP" -c "probe trace netns $C and port 9 1.5" -c "probe drops 2" >/dev/null 2>&1 &
P=$!
PIDS+=($P)
# holds PID: how many of PID's open files are namespace $C.
holds() { for f in /proc/"$1"/fd/*; do stat -L -c %i "$f" 2>/dev/null; done | grep -c "^$cino\$"; }
sleep 0.8
ip netns del "$C"
during=$(holds "$P")
sleep 1.7
after=$(holds "$P")
wait "$P"
rc=$?
[ "$during" -ge 1 ] && [ "$after" = 0 ] && [ "$rc" = 0 ] &&
	ok "namespace pin: held while the probe runs ($during), released after ($after)" ||
	bad "namespace pin: during $during, after $after, exit $rc"

# 3. RST from a closed TCP port: probe resets sees exactly K sent, reason NO_SOCKET.
K=5
probe_bg "$TMP/rst.json" "probe resets 3 netns $B"
ip netns exec "$A" timeout 10 python3 -c '
import socket, sys
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("10.214.0.2", 7777))
    except OSError:
        pass
    s.close()' $K
wait "$PROBE_PID"
sent=$(json 'j["sent"]' <"$TMP/rst.json")
why=$(json 'sorted(set(r["reason"] for r in j.get("resets", []) if r["direction"] == "sent"))' <"$TMP/rst.json")
stack=$(json 'j["resets"][0]["stack"]' <"$TMP/rst.json")
[ "$sent" = "$K" ] && ok "closed TCP port: $sent RSTs sent" || bad "resets: $sent of $K: $(cat "$TMP/rst.json")"
[ "$why" = "['NO_SOCKET']" ] && ok "reset reason $why" || bad "reset reason $why"
case "$stack" in *tcp_v4*) ok "stack symbolised: ${stack:0:60}..." ;; *) bad "stack: $stack" ;; esac

# 4. Retransmission forced by a DROP rule inserted mid-connection.
ip netns exec "$B" timeout 20 python3 -c '
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.214.0.2", 8888)); l.listen(1); l.settimeout(10)
c, _ = l.accept(); c.settimeout(10)
try:
    while c.recv(65536):
        pass
except OSError:
    pass' &
PIDS+=($!)
sleep 0.3
ip netns exec "$A" timeout 20 python3 -c '
import socket, time, subprocess, sys
s = socket.socket(); s.connect(("10.214.0.2", 8888))
s.sendall(b"a" * 1000)
time.sleep(0.2)
open(sys.argv[1], "w").write("connected\n")
time.sleep(1.5)          # the DROP rule goes in now
s.sendall(b"b" * 1000)   # never acknowledged: retransmitted
time.sleep(4)
s.close()' "$TMP/retrans.ready" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$TMP/retrans.ready" ] && break; sleep 0.1; done
probe_bg "$TMP/retrans.json" "probe retrans 3 netns $A and dport 8888"
ip netns exec "$B" iptables -I INPUT -p tcp --dport 8888 -j DROP
wait "$PROBE_PID"
rt=$(json 'j["count"]' <"$TMP/retrans.json")
st=$(json 'j["flows"][0]["state"] if j.get("flows") else "-"' <"$TMP/retrans.json")
[ "${rt:-0}" -ge 1 ] 2>/dev/null && ok "retransmissions seen: $rt (state $st)" ||
	bad "retrans: $(cat "$TMP/retrans.json")"
[ "$st" = ESTABLISHED ] && ok "flow state ESTABLISHED" || bad "flow state $st"

# 5. perf stat on skb:kfree_skb still counts while netpath probes (tracefs
# mounted only inside a private mount namespace, never on the host).  Both
# the default attach and the classic tracepoint (whose return value decides
# whether perf sees the event) are checked.
if command -v perf >/dev/null; then
	for mode in default tracepoint; do
		env=""
		[ "$mode" = tracepoint ] && env="NETPATH_PROBE_ATTACH=tracepoint"
		unshare -m sh -c "mount -t tracefs nodev /sys/kernel/tracing &&
			(env $env '$NP' -j -c 'probe drops 3 netns $B and dport 6666' >'$TMP/perf.np' 2>&1 &
			 perf stat -x, -e skb:kfree_skb -a -o '$TMP/perf.out' sleep 3)" &
		PIDS+=($!)
		PP=$!
		sleep 1
		send_udp $N 6666
		wait "$PP"
		sleep 0.5
		pc=$(awk -F, '/kfree_skb/{print $1}' "$TMP/perf.out" 2>/dev/null)
		npc=$(json 'j["total"]' <"$TMP/perf.np" 2>/dev/null)
		att=$(json 'j["attach"]' <"$TMP/perf.np" 2>/dev/null)
		if [ -z "$pc" ] || ! [ "$pc" -eq "$pc" ] 2>/dev/null; then
			bad "perf stat ($mode): no count: $(cat "$TMP/perf.out" 2>/dev/null)"
		elif [ "$pc" -ge "$N" ] && [ "$npc" = "$N" ]; then
			ok "perf stat beside netpath ($att): perf $pc >= $N, netpath $npc"
		else
			bad "perf stat ($mode): perf $pc, netpath $npc (want >= $N and $N)"
		fi
	done
else
	echo "skip - perf not installed (package linux-perf)"
fi

# 5b. Every probe loads through each fallback (the verifier sees different
# code for tp_btf and raw_tp programs).
for mode in tp_btf raw_tp; do
	out=$(NETPATH_PROBE_ATTACH=$mode "$NP" -j -c 'probe drops 0' -c 'probe trace port 9 0' \
		-c 'probe resets 0' -c 'probe retrans 0' 2>&1)
	n=$(echo "$out" | grep -c "\"attach\":\"$mode\"")
	[ "$n" = 4 ] && ok "all 4 probes load via $mode" || bad "via $mode: $out"
done
# 5b, once more with CO-RE against the whole kernel BTF (NETPATH_BTF_FULL=1, no cut-down
# copy) loads the same programs the same way: the copy changes no result.
out=$(NETPATH_BTF_FULL=1 "$NP" -j -c 'probe drops 0' -c 'probe trace port 9 0' \
	-c 'probe resets 0' -c 'probe retrans 0' 2>&1)
n=$(echo "$out" | grep -c '"attach":"tp_btf"')
[ "$n" = 4 ] && ok "all 4 probes load via tp_btf against the whole kernel BTF" ||
	bad "NETPATH_BTF_FULL=1: $out"

# 5c. probe trace loads only the programs that can emit under its filter:
# a port filter shows no neighbour event (no neigh programs), an IPv6
# address no IPv4 route lookup (no fib program); a namespace alone all 12.
# trace_progs FILTER: sorted names of the programs a running trace holds.
trace_progs() {
	"$NP" -c "probe trace $1 3" >/dev/null 2>&1 &
	local p=$!
	PIDS+=($p)
	sleep 1
	for id in $(grep -h '^prog_id:' /proc/"$p"/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -un); do
		bpftool prog show id "$id" | sed -n 's/.* name \([^ ]*\).*/\1/p'
	done | sort | tr '\n' ' '
	kill -INT "$p"
	wait "$p" 2>/dev/null
}
progs=$(trace_progs "netns $B and port 9")
case "$progs" in
*ncreate*) bad "port filter loads the neigh programs: $progs" ;;
*fib_btf*rx_btf*) ok "trace port filter: no neigh programs ($progs)" ;;
*) bad "port filter programs: $progs" ;;
esac
progs=$(trace_progs "netns $B and host fd00::1")
case "$progs" in
*fib_*) bad "IPv6 host filter loads the fib program: $progs" ;;
*ncreate_btf*rx_btf*) ok "trace IPv6 filter: no fib program ($progs)" ;;
*) bad "IPv6 filter programs: $progs" ;;
esac
n=$(trace_progs "netns $B" | wc -w)
[ "$n" = 12 ] && ok "trace netns filter: all 12 programs" || bad "netns filter loads $n programs"

# 6. Without CAP_BPF/CAP_PERFMON: skip naming the capability, exit 3.
if command -v setpriv >/dev/null; then
	out=$(setpriv --inh-caps=-all --bounding-set=-bpf,-perfmon,-sys_admin \
		"$NP" -c 'probe drops 1' 2>&1)
	rc=$?
	[ "$rc" -eq 3 ] && ok "unprivileged: exit 3" || bad "unprivileged exit $rc: $out"
	case "$out" in *skip*CAP_BPF*) ok "unprivileged: skip names CAP_BPF" ;; *) bad "unprivileged: $out" ;; esac
fi

# 7. Cleanup: the programs netpath held are gone after normal exit,
# Ctrl-C (SIGINT through a pty), SIGTERM and SIGKILL.
# held_progs PID / held_links PID: ids of the BPF programs / links PID
# holds, from /proc/PID/fdinfo (works without bpftool's pid iterator;
# exact even while other helpers load programs of their own).
held_progs() {
	grep -h '^prog_id:' /proc/"$1"/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -un | tr '\n' ' '
}
held_links() {
	grep -h '^link_id:' /proc/"$1"/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -un | tr '\n' ' '
}
# gone IDS...: none of these program ids still exists (poll: freeing
# waits for an RCU grace period after the last fd closes).
gone() {
	local left
	for _ in $(seq 40); do
		left=$(python3 "$HERE/bpfids.py" prog "$@") || { echo "bpfids.py failed"; return 1; }
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	echo "still loaded: $left"
	return 1
}
bpftool prog show | awk '/^[0-9]+:/{print $1}' | sort >"$TMP/progs.before"
bpftool link show | awk '/^[0-9]+:/{print $1}' | sort >"$TMP/links.before"
for how in exit sigint sigterm sigkill; do
	if [ "$how" = sigint ]; then
		python3 - "$NP" "$TMP/pty.out" "$TMP/pty.pid" <<'PY' &
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1]])
open(sys.argv[3], "w").write(str(pid))
out = b""
def rd(t):
    global out
    end = time.time() + t
    while time.time() < end:
        try:
            import select
            if select.select([fd], [], [], 0.05)[0]:
                out += os.read(fd, 65536)
        except OSError:
            return
rd(1.0)
os.write(fd, b"probe drops 20\n")
rd(1.5)
os.write(fd, b"\x03")          # Ctrl-C: the probe stops, the shell stays
rd(1.5)
os.write(fd, b"exit\n")
rd(1.0)
open(sys.argv[2], "wb").write(out)
try:
    os.kill(pid, 9)
except OSError:
    pass
os.waitpid(pid, 0)
PY
		PIDS+=($!)
		PYPID=$!
		for _ in $(seq 30); do [ -s "$TMP/pty.pid" ] && break; sleep 0.1; done
		sleep 1.8
		P=$(cat "$TMP/pty.pid")
	else
		secs=20
		[ "$how" = exit ] && secs=1.5
		"$NP" -c "probe drops $secs" -c "probe resets 0" >/dev/null 2>&1 &
		P=$!
		PIDS+=($P)
		sleep 0.8
	fi
	progs=$(held_progs "$P")
	links=$(held_links "$P")
	case "$how" in
	exit) wait "$P" ;;
	sigint) wait "$PYPID" ;;
	sigterm) kill -TERM "$P"; wait "$P" 2>/dev/null ;;
	sigkill) kill -KILL "$P"; wait "$P" 2>/dev/null ;;
	esac
	if [ -z "$progs" ]; then
		bad "cleanup $how: no program seen held by netpath (pid $P)"
	elif gone $progs; then
		ok "cleanup $how: programs [$progs] links [$links] released"
	else
		bad "cleanup $how: programs [$progs] left in the kernel"
	fi
	if [ "$how" = sigint ]; then
		grep -q "interrupted" "$TMP/pty.out" && ok "Ctrl-C: probe stopped with what it gathered" ||
			bad "Ctrl-C output: $(tr -d '\r' <"$TMP/pty.out" | tail -5)"
	fi
done
# Lists before and after: nothing new may remain except what other
# processes (concurrent tests) loaded; every id netpath held is gone (above).
bpftool prog show | awk '/^[0-9]+:/{print $1}' | sort >"$TMP/progs.after"
bpftool link show | awk '/^[0-9]+:/{print $1}' | sort >"$TMP/links.after"
new_progs=$(comm -13 "$TMP/progs.before" "$TMP/progs.after" | tr -d : | tr '\n' ' ')
# Programs other processes (concurrent netpath runs) still hold are theirs;
# a netpath program nobody holds would be a leak.
all_held=" $(grep -h '^prog_id:' /proc/[0-9]*/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -u | tr '\n' ' ') "
leaked=""
for id in $new_progs; do
	case "$all_held" in *" $id "*) continue ;; esac
	name=$(bpftool prog show id "$id" 2>/dev/null | sed -n 's/.* name \([^ ]*\).*/\1/p')
	case "$name" in drops_*|send_*|recv_*|retrans_*|trace_*|np_feat) leaked="$leaked $id($name)" ;; esac
done
[ -z "$leaked" ] && ok "bpftool prog/link lists: no netpath program left (new ids from others: [${new_progs}])" ||
	bad "netpath programs left:$leaked"

[ "$fails" -eq 0 ] && { echo "PASS"; exit 0; }
echo "$fails failed"
exit 1
