#!/usr/bin/env bash
# Scale benchmark for the libmnl commands, side by side with ss/conntrack
# in the same run:
#   sockets port 8080 in a namespace with 20,000 TCP sockets
#       vs ip netns exec NS ss -tan sport = :8080   (target: ratio <= 1.0)
#   sockets port 22 on the host vs ss -tan sport = :22 (reference)
#   conntrack counters with 0 vs 100,000 entries    (target: constant time,
#       ratio full/empty <= 1.2), conntrack -S alongside
#   conntrack entries (streamed tally) vs conntrack -L, with peak RSS
# Usage: tests/bench/scale_mnl.sh [NETPATH] [--check] (--check: exit 1 on a
# miss).  Needs root, hyperfine, conntrack.  SOCKS= and CT_ENTRIES= resize,
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

NS=np-mnl-bench-$$
NSCT0=np-mnl-bct0-$$
NSCT=np-mnl-bct-$$
SOCKS=${SOCKS:-20000}
CT_ENTRIES=${CT_ENTRIES:-100000}
RUNS=${RUNS:-30}
tmp=$(mktemp -d /tmp/np-mnl-bench.XXXXXX)
holder=
cleanup() {
	set +e # a killed holder's status must not abort the cleanup (set -e)
	for p in $holder; do kill "$p" 2>/dev/null; done
	for p in $holder; do wait "$p" 2>/dev/null; done
	ip netns del "$NS" 2>/dev/null || true
	ip netns del "$NSCT0" 2>/dev/null || true
	ip netns del "$NSCT" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# ---- 20,000 TCP sockets: SOCKS/2 loopback connections to port 9000 ----
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
# Two holders (the fd limit may be 20,000 per process): the server accepts
# SOCKS/2 connections on port 9000, the client makes them plus 5 to port
# 8080 (the port asked about).  Both hold them for at most 10 minutes.
ip netns exec "$NS" timeout 600 python3 - "$SOCKS" "$tmp/ready" <<'PY' &
import resource, socket, sys, time
n = int(sys.argv[1]) // 2
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", 9000)); l.listen(4096)
svc = socket.socket(); svc.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
svc.bind(("127.0.0.1", 8080)); svc.listen(128)
open(sys.argv[2] + ".listening", "w").close()
keep = [l.accept()[0] for i in range(n)]
open(sys.argv[2], "w").close()
time.sleep(600)
PY
holder=$!
for _ in $(seq 100); do [ -f "$tmp/ready.listening" ] && break; sleep 0.1; done
ip netns exec "$NS" timeout 600 python3 - "$SOCKS" <<'PY' &
import resource, socket, sys, time
n = int(sys.argv[1]) // 2
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
keep = [socket.create_connection(("127.0.0.1", 9000)) for i in range(n)]
keep += [socket.create_connection(("127.0.0.1", 8080)) for i in range(5)]
time.sleep(600)
PY
holder="$holder $!"
for _ in $(seq 600); do [ -f "$tmp/ready" ] && break; sleep 0.1; done
[ -f "$tmp/ready" ] || { echo "socket holder did not get ready"; exit 1; }
sleep 1 # the client's last connections, to port 8080
echo "namespace $NS: $(ip netns exec "$NS" ss -Htan | wc -l) TCP sockets"

# ---- conntrack: an empty namespace and one with CT_ENTRIES entries ----
ip netns add "$NSCT0"
ip netns add "$NSCT"
# conntrack(8) -I needs a process per entry (hours for 100,000): ct_fill.py
# sends the same IPCTNL_MSG_CT_NEW messages batched.
ip netns exec "$NSCT" timeout 300 python3 "$(dirname "$0")/ct_fill.py" "$CT_ENTRIES"
echo "namespace $NSCT: $(ip netns exec "$NSCT" cat /proc/sys/net/netfilter/nf_conntrack_count) conntrack entries; $NSCT0: $(ip netns exec "$NSCT0" cat /proc/sys/net/netfilter/nf_conntrack_count)"

bench() { # NAME CMD...
	local name=$1
	shift
	hyperfine -N -i --warmup 3 --runs "${BRUNS:-$RUNS}" --export-json "$tmp/$name.json" "$@" >"$tmp/$name.txt" 2>&1 ||
		{ cat "$tmp/$name.txt"; exit 1; }
}
# The median: on a shared machine the mean follows other tenants' load
# (the full hyperfine output, min and max included, is in $tmp/*.txt and
# printed at the end with -v).
mean_ms() { # FILE INDEX
	python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"] * 1000))' "$1" "$2"
}

bench port "$NP -n $NS -c 'sockets port 8080'" "$NP -n $NS -c 'sockets tcp port 8080'" \
	"ip netns exec $NS ss -tan sport = :8080" "ip netns exec $NS ss -tuan sport = :8080"
bench host22 "$NP -c 'sockets port 22'" "$NP -c 'sockets tcp port 22'" "ss -tan sport = :22"
bench all "$NP -n $NS -j -c 'sockets tcp'" "ip netns exec $NS ss -tan"
# Millisecond-scale commands: three times the runs, for a stable median.
BRUNS=$((RUNS * 3)) bench ct "$NP -n $NSCT0 -c conntrack" "$NP -n $NSCT -c conntrack" \
	"ip netns exec $NSCT0 conntrack -S" "ip netns exec $NSCT conntrack -S"

bench ctall "$NP -n $NSCT -c 'conntrack entries'" "ip netns exec $NSCT conntrack -L"

misses=0
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
verdict() { # RATIO TARGET
	if python3 -c "import sys; sys.exit(0 if $1 <= $2 else 1)"; then echo ok; else
		misses=$((misses + 1))
		echo MISS
	fi
}
echo
# `sockets port N` asks TCP and UDP (two protocols x two families); ss -tan
# only TCP.  Both pairs are printed; the target applies to like for like.
a=$(mean_ms "$tmp/port.json" 1) b=$(mean_ms "$tmp/port.json" 2) r=$(ratio "$a" "$b")
printf '%-28s netpath %8s ms   ss -tan  %8s ms   ratio %5s (target <= 1.0)   %s\n' \
	"sockets tcp port 8080" "$a" "$b" "$r" "$(verdict "$r" 1.0)"
a=$(mean_ms "$tmp/port.json" 0) b=$(mean_ms "$tmp/port.json" 3) r=$(ratio "$a" "$b")
printf '%-28s netpath %8s ms   ss -tuan %8s ms   ratio %5s (target <= 1.0)   %s\n' \
	"sockets port 8080 (tcp+udp)" "$a" "$b" "$r" "$(verdict "$r" 1.0)"
b=$(mean_ms "$tmp/port.json" 2) r=$(ratio "$a" "$b")
printf '%-28s netpath %8s ms   ss -tan  %8s ms   ratio %5s (tcp+udp against tcp only)\n' \
	"sockets port 8080 (tcp+udp)" "$a" "$b" "$r"
a=$(mean_ms "$tmp/host22.json" 1) b=$(mean_ms "$tmp/host22.json" 2) r=$(ratio "$a" "$b")
printf '%-28s netpath %8s ms   ss -tan  %8s ms   ratio %5s (reference)\n' "sockets tcp port 22 (host)" "$a" "$b" "$r"
a=$(mean_ms "$tmp/host22.json" 0) r=$(ratio "$a" "$b")
printf '%-28s netpath %8s ms   ss -tan  %8s ms   ratio %5s (reference, tcp+udp against tcp)\n' "sockets port 22 (host)" "$a" "$b" "$r"
a=$(mean_ms "$tmp/all.json" 0) b=$(mean_ms "$tmp/all.json" 1) r=$(ratio "$a" "$b")
printf '%-28s netpath %8s ms   ss %8s ms   ratio %5s (reference: full dump, JSON)\n' \
	"sockets tcp ($SOCKS, all)" "$a" "$b" "$r"
e=$(mean_ms "$tmp/ct.json" 0) f=$(mean_ms "$tmp/ct.json" 1) r=$(ratio "$f" "$e")
ce=$(mean_ms "$tmp/ct.json" 2) cf=$(mean_ms "$tmp/ct.json" 3)
printf '%-28s empty %8s ms   %s entries %8s ms   ratio %5s (target <= 1.2)   %s   (conntrack -S: %s / %s ms)\n' \
	"conntrack counters" "$e" "$CT_ENTRIES" "$f" "$r" "$(verdict "$r" 1.2)" "$ce" "$cf"
a=$(mean_ms "$tmp/ctall.json" 0) b=$(mean_ms "$tmp/ctall.json" 1) r=$(ratio "$a" "$b")
rss=$( (/usr/bin/time -f %M "$NP" -n "$NSCT" -c 'conntrack entries' >/dev/null) 2>&1 | tail -1)
printf '%-28s netpath %8s ms   conntrack -L %8s ms   ratio %5s (reference)   peak RSS %s KB (streamed)\n' \
	"conntrack entries ($CT_ENTRIES)" "$a" "$b" "$r" "$rss"
echo "(medians of $RUNS runs; load average $(cut -d' ' -f1-3 /proc/loadavg))"
if [ "${VERBOSE:-0}" = 1 ]; then cat "$tmp"/*.txt; fi
[ "$CHECK" -eq 0 ] || [ "$misses" -eq 0 ]
