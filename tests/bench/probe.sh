#!/usr/bin/env bash
# Probe benchmarks, side by side in one run (root):
#  1. `netpath -c 'probe drops 0'` (start, load, attach, read, detach, exit)
#     against the equivalent bpftrace one-liner; targets < 150 ms and
#     <= 0.2x bpftrace.  bpftrace 0.17 needs tracefs: both commands run in
#     a private mount namespace with tracefs mounted (never on the host).
#  2. Accuracy: N UDP datagrams into a DROP rule in a namespace pair;
#     netpath must count exactly N; bpftrace and perf stat figures beside.
#  3. Overhead: flood packets/s without probe, with `probe drops`, with
#     `probe trace` on a filter matching none of the flood (targets: within
#     3 % and 5 %; medians of ROUNDS runs).
# Usage: tests/bench/probe.sh [NETPATH] [--check]   (--check: exit 1 on a miss)
set -uo pipefail
NP=./build/netpath
CHECK=0
for a in "$@"; do
	case $a in
	--check) CHECK=1 ;;
	*) NP=$a ;;
	esac
done
NP=$(readlink -f "$NP")
[ "$(id -u)" -eq 0 ] || { echo "needs root"; exit 77; }
for c in hyperfine bpftrace perf iptables cc python3; do
	command -v $c >/dev/null || { echo "$c missing"; exit 77; }
done
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-30}
N=${N:-20000}
FLOOD_N=${FLOOD_N:-200000}
ROUNDS=${ROUNDS:-5}
A=np-probes-bench-$$-a
B=np-probes-bench-$$-b
tmp=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
misses=0
miss() { echo "MISS: $*"; misses=$((misses + 1)); }

cc -O2 -o "$tmp/flood" "$HERE/flood.c" || exit 1
# In a private mount namespace with tracefs (for bpftrace and perf).
tfs() { unshare -m sh -c "mount -t tracefs nodev /sys/kernel/tracing && $*"; }

echo "== 1. probe drops 0 vs bpftrace (whole process, $RUNS runs)"
BT="bpftrace -e 'tracepoint:skb:kfree_skb { @[args->reason] = count(); } BEGIN { exit(); }'"
cat >"$tmp/np.sh" <<EOS
mount -t tracefs nodev /sys/kernel/tracing && exec $NP -c 'probe drops 0'
EOS
cat >"$tmp/bt.sh" <<EOS
mount -t tracefs nodev /sys/kernel/tracing && exec $BT >/dev/null
EOS
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$tmp/h.json" \
	"$NP -c 'probe drops 0'" \
	"unshare -m sh $tmp/np.sh" \
	"unshare -m sh $tmp/bt.sh" >"$tmp/h.txt" 2>&1 || { cat "$tmp/h.txt"; exit 1; }
python3 - "$tmp/h.json" >"$tmp/h.res" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
bare, npw, bt = (x["mean"] * 1000 for x in r)
print(f"netpath probe drops 0        : {bare:7.1f} ms (mean, bare)")
print(f"netpath, private mount ns    : {npw:7.1f} ms")
print(f"bpftrace one-liner, same ns  : {bt:7.1f} ms")
print(f"ratio netpath/bpftrace       : {npw / bt:7.3f}")
print(f"RESULT {bare:.1f} {npw / bt:.3f}")
PY
grep -v RESULT "$tmp/h.res"
read -r _ bare ratio < <(grep RESULT "$tmp/h.res")
python3 -c "import sys; sys.exit(0 if $bare < 150 else 1)" || miss "probe drops 0 took $bare ms (target < 150)"
python3 -c "import sys; sys.exit(0 if $ratio <= 0.2 else 1)" || miss "ratio $ratio (target <= 0.2)"

# Namespace pair with a DROP rule for the flood port.
ip netns add "$A" && ip netns add "$B" || exit 1
ip -n "$A" link add fa type veth peer name fb netns "$B"
ip -n "$A" addr add 10.216.0.1/24 dev fa
ip -n "$B" addr add 10.216.0.2/24 dev fb
ip -n "$A" link set fa up
ip -n "$B" link set fb up
ip netns exec "$B" iptables -A INPUT -p udp --dport 5555 -j DROP
ip netns exec "$A" "$tmp/flood" 10.216.0.2 5555 10 >/dev/null # ARP

echo
echo "== 2. accuracy: $N datagrams into a DROP rule"
# This kernel's number for the reason (bpftrace filters on it; never hard-coded).
reason=$(bpftool btf dump file /sys/kernel/btf/vmlinux 2>/dev/null |
	grep -o "'SKB_DROP_REASON_NETFILTER_DROP' val=[0-9]*" | head -1 | sed 's/.*val=//')
"$NP" -j -c "probe drops 6 netns $B and dport 5555" >"$tmp/np.json" 2>&1 &
PIDS+=($!)
NPP=$!
tfs "bpftrace -e 'tracepoint:skb:kfree_skb /args->reason == $reason/ { @drops = count(); } interval:s:6 { exit(); }'" >"$tmp/bt.out" 2>&1 &
PIDS+=($!)
BTP=$!
tfs "perf stat -x, -e skb:kfree_skb -a -o $tmp/perf.out sleep 6" >/dev/null 2>&1 &
PIDS+=($!)
PFP=$!
sleep 2
ip netns exec "$A" "$tmp/flood" 10.216.0.2 5555 "$N" >"$tmp/flood.out"
wait "$NPP" "$BTP" "$PFP"
npc=$(python3 -c 'import json,sys; j=json.loads([l for l in open(sys.argv[1]) if l.startswith("{")][-1]); print(sum(r["count"] for r in j.get("drops",[]) if r["reason"]=="NETFILTER_DROP"))' "$tmp/np.json")
btc=$(awk '/^@drops:/{print $2}' "$tmp/bt.out")
pfc=$(awk -F, '/kfree_skb/{print $1}' "$tmp/perf.out")
echo "sent                          : $(cut -d' ' -f1 "$tmp/flood.out")"
echo "netpath NETFILTER_DROP (netns): $npc"
echo "bpftrace reason==NETFILTER_DROP (host-wide): ${btc:-?}"
echo "perf stat skb:kfree_skb (host-wide, all reasons): ${pfc:-?}"
[ "$npc" = "$N" ] || miss "netpath counted $npc of $N"

echo
echo "== 3. overhead: flood packets per CPU-second ($FLOOD_N datagrams, median of $ROUNDS)"
# Per-packet cost as packets per CPU-second of the sender (see flood.c:
# the receive path runs in its softirq context); wall-clock pps swings too
# much on a shared host to resolve a few percent.
one_flood() { ip netns exec "$A" "$tmp/flood" 10.216.0.2 5555 "$FLOOD_N" | cut -d' ' -f4; }
# with_probe CMD: one flood while CMD runs (started before, stopped after).
with_probe() {
	"$NP" -c "$1" >/dev/null 2>&1 &
	local p=$!
	PIDS+=($p)
	sleep 0.5
	one_flood
	kill -INT "$p"
	wait "$p" 2>/dev/null
}
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
# Interleaved rounds: the host is shared, so drift hits all three alike.
: >"$tmp/base" ; : >"$tmp/drops" ; : >"$tmp/trace" ; : >"$tmp/trace_other"
for _ in $(seq "$ROUNDS"); do
	one_flood >>"$tmp/base"
	with_probe "probe drops 60 netns $B" >>"$tmp/drops"
	with_probe "probe trace netns $B and port 9999 60" >>"$tmp/trace"
	with_probe "probe trace host 10.99.99.99 60" >>"$tmp/trace_other"
done
base=$(median <"$tmp/base")
base2=$base
drops_pps=$(median <"$tmp/drops")
trace_pps=$(median <"$tmp/trace")
other_pps=$(median <"$tmp/trace_other")
echo "runs (pps): base [$(tr '\n' ' ' <"$tmp/base")] drops [$(tr '\n' ' ' <"$tmp/drops")] trace [$(tr '\n' ' ' <"$tmp/trace")]"
python3 - "$base" "$drops_pps" "$trace_pps" "$base2" "$other_pps" >"$tmp/o.res" <<'PY'
import sys
b1, d, t, b2, o = (float(x) for x in sys.argv[1:])
b = (b1 + b2) / 2
print(f"no probe         : {b:10.0f} pps")
print(f"probe drops      : {d:10.0f} pps ({(d / b - 1) * 100:+.1f} %)")
print(f"probe trace, same netns, other port: {t:10.0f} pps ({(t / b - 1) * 100:+.1f} %)")
print(f"probe trace, other host (netpath's netns): {o:10.0f} pps ({(o / b - 1) * 100:+.1f} %)")
print(f"RESULT {(1 - d / b) * 100:.2f} {(1 - t / b) * 100:.2f}")
PY
grep -v RESULT "$tmp/o.res"
read -r _ dl tl < <(grep RESULT "$tmp/o.res")
python3 -c "import sys; sys.exit(0 if $dl <= 3 else 1)" || miss "probe drops costs $dl % (target <= 3 %)"
python3 -c "import sys; sys.exit(0 if $tl <= 5 else 1)" || miss "probe trace costs $tl % (target <= 5 %)"

echo
[ "$misses" -eq 0 ] && echo "all targets met" || echo "$misses target(s) missed (2 shared cores: rerun on a quiet host)"
[ "$CHECK" -eq 1 ] && [ "$misses" -ne 0 ] && exit 1
exit 0
