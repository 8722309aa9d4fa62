#!/usr/bin/env bash
# Scale benchmark for the libmnl commands, side by side with ss/conntrack
# in the same run: one namespace, the big host, with 100,000 TCP sockets
# (sock_fill.py), 1,000,000 conntrack entries (ct_fill.py: batched
# ctnetlink) and 1,000,000 routes (rt_fill.py), and an empty one.
#   sockets tcp port 8080       vs ss -tan sport = :8080  (target <= 0.5)
#   sockets tcp state listen    vs ss -tln                (target <= 0.5)
#   sockets port 8080 (tcp+udp) vs ss -tuan sport = :8080 (target <= 0.5)
#   sockets tcp (all, JSON)     vs ss -tanmi (same fields) (reference)
#   conntrack counters, 0 vs 1,000,000 entries (constant time: <= 1.2),
#       beside conntrack -S (target <= 0.5)
#   conntrack entries (tally)   vs conntrack -L           (target <= 0.5)
#   diagnose port=8080 window=1 on the big host vs sleep 1 (target <= 1.10)
#   peak RSS of every netpath command < 16 MB, whatever the size.
# nf_conntrack_max is host-wide (only the initial namespace may set it):
# when it is below the entries asked for, it is raised for the run and put
# back on exit.
# Usage: tests/bench/scale_mnl.sh [NETPATH] [--check] (--check: exit 1 on a
# miss).  Needs root, hyperfine, conntrack.  SOCKS=, CT_ENTRIES=, ROUTES= resize,
# RUNS= sets hyperfine's runs, VERBOSE=1 prints hyperfine's own reports.
set -euo pipefail
NP=./build/netpath
CHECK=0
for a in "$@"; do
	case $a in
	--check) CHECK=1 ;;
	*) NP=$a ;;
	esac
done
[ "$(id -u)" -eq 0 ] || { echo "needs root"; exit 77; }
for t in hyperfine conntrack ss python3 /usr/bin/time; do
	command -v $t >/dev/null || { echo "$t missing"; exit 77; }
done
[ -x "$NP" ] || { echo "no netpath binary at $NP"; exit 77; }
NP=$(realpath "$NP")
HERE=$(cd "$(dirname "$0")" && pwd)

NS=np-mnl-bench-$$
NSCT0=np-mnl-bct0-$$
NSCT=$NS # the big host: conntrack entries beside the sockets
SOCKS=${SOCKS:-100000}
CT_ENTRIES=${CT_ENTRIES:-1000000}
ROUTES=${ROUTES:-1000000}
RUNS=${RUNS:-10}
CTMAX=/proc/sys/net/netfilter/nf_conntrack_max
tmp=$(mktemp -d /tmp/np-mnl-bench.XXXXXX)
holder=
ctmax_orig=
cleanup() {
	set +e # a killed holder's status must not abort the cleanup (set -e)
	for p in $holder; do kill "$p" 2>/dev/null; done
	for p in $holder; do wait "$p" 2>/dev/null; done
	ip netns del "$NS" 2>/dev/null || true
	ip netns del "$NSCT0" 2>/dev/null || true
	[ -n "$ctmax_orig" ] && echo "$ctmax_orig" >"$CTMAX"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# ---- SOCKS TCP sockets: SOCKS/2 loopback connections, held 15 minutes at most ----
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
ip netns exec "$NS" timeout 900 python3 "$HERE/sock_fill.py" "$SOCKS" "$tmp/ready" 900 >/dev/null &
holder=$!
for _ in $(seq 1200); do [ -f "$tmp/ready" ] && break; sleep 0.1; done
[ -f "$tmp/ready" ] || { echo "socket holder did not get ready"; exit 1; }
echo "namespace $NS: $(ip netns exec "$NS" ss -Htan | wc -l) TCP sockets"

# ---- conntrack: an empty namespace and one with CT_ENTRIES entries ----
ip netns add "$NSCT0"
ip netns exec "$NSCT0" true # conntrack loaded for both (ct_fill loads it)
if [ -w "$CTMAX" ] && [ "$(cat "$CTMAX")" -lt $((CT_ENTRIES + CT_ENTRIES / 10)) ]; then
	ctmax_orig=$(cat "$CTMAX")
	echo $((CT_ENTRIES + CT_ENTRIES / 10)) >"$CTMAX"
fi
# conntrack(8) -I needs a process per entry (hours for a million):
# ct_fill.py sends the same IPCTNL_MSG_CT_NEW messages batched.
ip netns exec "$NSCT" timeout 600 python3 "$HERE/ct_fill.py" "$CT_ENTRIES" 3600
echo "namespace $NSCT: $(ip netns exec "$NSCT" cat /proc/sys/net/netfilter/nf_conntrack_count) conntrack entries; $NSCT0: $(ip netns exec "$NSCT0" cat /proc/sys/net/netfilter/nf_conntrack_count)"
# ---- ROUTES /32 routes via a veth of the big host ----
ip -n "$NS" link add big0 type veth peer name big1 # (no dummy module here)
ip -n "$NS" link set big1 up
ip -n "$NS" addr add 10.200.0.1/16 dev big0
ip -n "$NS" link set big0 up
ip netns exec "$NS" python3 "$HERE/rt_fill.py" "$ROUTES" 10.200.0.2 big0 0 10.200.0.0
echo "namespace $NS: $(ip -n "$NS" route show | wc -l) routes in main"

bench() { # NAME CMD...
	local name=$1
	shift
	hyperfine -N -i --warmup 2 --runs "${BRUNS:-$RUNS}" --export-json "$tmp/$name.json" "$@" >"$tmp/$name.txt" 2>&1 ||
		{ cat "$tmp/$name.txt"; exit 1; }
}
# The median: on a shared machine the mean follows other tenants' load
# (the full hyperfine output, min and max included, is in $tmp/*.txt and
# printed at the end with VERBOSE=1).
med_ms() { # FILE INDEX
	python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"] * 1000))' "$1" "$2"
}
# Peak RSS over 3 runs, KB.
rss_kb() {
	local max=0 v
	for _ in 1 2 3; do
		/usr/bin/time -o "$tmp/rss" -f %M "$@" >/dev/null 2>&1 || true
		v=$(tail -1 "$tmp/rss")
		[ "$v" -gt "$max" ] && max=$v
	done
	echo "$max"
}

# Millisecond-scale commands: three times the runs, for a stable median.
BRUNS=$((RUNS * 3)) bench port "$NP -n $NS -c 'sockets tcp port 8080'" \
	"ip netns exec $NS ss -tan sport = :8080" \
	"$NP -n $NS -c 'sockets port 8080'" "ip netns exec $NS ss -tuan sport = :8080"
BRUNS=$((RUNS * 3)) bench listen "$NP -n $NS -c 'sockets tcp state listen'" "ip netns exec $NS ss -tln"
bench all "$NP -n $NS -j -c 'sockets tcp'" "ip netns exec $NS ss -tanmi" "ip netns exec $NS ss -tan"
BRUNS=$((RUNS * 3)) bench ct "$NP -n $NSCT0 -c conntrack" "$NP -n $NSCT -c conntrack" \
	"ip netns exec $NSCT0 conntrack -S" "ip netns exec $NSCT conntrack -S"
bench ctall "$NP -n $NSCT -c 'conntrack entries'" "ip netns exec $NSCT conntrack -L"
# A walk on the big host, paired with the window alone.
bench diag "sleep 1" "$NP -n $NS -c 'diagnose port=8080 window=1'"

misses=0
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
# Sets V (ok or MISS) and counts a miss (not in a subshell: misses stays).
verdict() { # RATIO TARGET [RSS_KB]
	V=ok
	python3 -c "import sys; sys.exit(0 if $1 <= $2 and ${3:-0} < 16384 else 1)" && return
	V=MISS
	misses=$((misses + 1))
}
# LABEL FILE I_NETPATH I_PEER PEER TARGET NETPATH_ARGS...
row() {
	local label=$1 f=$2 i=$3 j=$4 peer=$5 target=$6 a b r rss
	shift 6
	a=$(med_ms "$f" "$i")
	b=$(med_ms "$f" "$j")
	r=$(ratio "$a" "$b")
	rss=$(rss_kb "$NP" "$@")
	if [ "$target" = - ]; then
		verdict 0 1 "$rss"
		printf '%-28s netpath %9s ms   %-24s %9s ms   ratio %5s (reference)   peak RSS %6s KB   %s\n' \
			"$label" "$a" "$peer" "$b" "$r" "$rss" "$V"
	else
		verdict "$r" "$target" "$rss"
		printf '%-28s netpath %9s ms   %-24s %9s ms   ratio %5s (target <= %s)   peak RSS %6s KB   %s\n' \
			"$label" "$a" "$peer" "$b" "$r" "$target" "$rss" "$V"
	fi
}
echo
row "sockets tcp port 8080" "$tmp/port.json" 0 1 "ss -tan sport = :8080" 0.5 -n "$NS" -c 'sockets tcp port 8080'
row "sockets tcp state listen" "$tmp/listen.json" 0 1 "ss -tln" 0.5 -n "$NS" -c 'sockets tcp state listen'
row "sockets port 8080 (tcp+udp)" "$tmp/port.json" 2 3 "ss -tuan sport = :8080" 0.5 -n "$NS" -c 'sockets port 8080'
row "sockets tcp ($SOCKS, JSON)" "$tmp/all.json" 0 1 "ss -tanmi" - -n "$NS" -j -c 'sockets tcp'
b=$(med_ms "$tmp/all.json" 2)
echo "                             (ss -tan, without tcp_info and meminfo: $b ms)"
e=$(med_ms "$tmp/ct.json" 0) f=$(med_ms "$tmp/ct.json" 1) r=$(ratio "$f" "$e")
verdict "$r" 1.2
printf '%-28s empty %9s ms   %s entries %9s ms   ratio %5s (target <= 1.2)   %s\n' \
	"conntrack counters" "$e" "$CT_ENTRIES" "$f" "$r" "$V"
row "conntrack counters (full)" "$tmp/ct.json" 1 3 "conntrack -S" 0.5 -n "$NSCT" -c conntrack
row "conntrack entries (tally)" "$tmp/ctall.json" 0 1 "conntrack -L" 0.5 -n "$NSCT" -c 'conntrack entries'
row "diagnose window=1 (big)" "$tmp/diag.json" 1 0 "sleep 1" 1.10 -n "$NS" -c 'diagnose port=8080 window=1'
echo "(medians of $RUNS runs, $((RUNS * 3)) for the millisecond ones; load average $(cut -d' ' -f1-3 /proc/loadavg))"
if [ "${VERBOSE:-0}" = 1 ]; then cat "$tmp"/*.txt; fi
[ "$CHECK" -eq 0 ] || [ "$misses" -eq 0 ]
