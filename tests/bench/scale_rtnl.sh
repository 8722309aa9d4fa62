#!/usr/bin/env bash
# Scale benchmark for the rtnetlink commands, side by side with iproute2 in
# the same run: a namespace with 100,000 routes and 10,000 neighbours.
#   routes summary  vs ip route show     (target: ratio <= 1.0, RSS < 32 MB)
#   routes          vs ip route show     (full listing, for reference)
#   neigh           vs ip neigh show     (target: ratio <= 1.0, RSS < 32 MB)
#   route get       alone                (target: < 10 ms whole process)
# Usage: tests/bench/scale_rtnl.sh [NETPATH] [--check]  (--check: exit 1 on
# a miss).  Needs root, hyperfine and /usr/bin/time (Debian package `time`).
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
command -v hyperfine >/dev/null || { echo "hyperfine missing"; exit 77; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (apt-get install time)"; exit 77; }
[ -x "$NP" ] || { echo "no netpath binary at $NP"; exit 77; }
NP=$(realpath "$NP")

NS=np-rtnl-bench-$$
ROUTES=${ROUTES:-100000}
NEIGHS=${NEIGHS:-10000}
RUNS=${RUNS:-30}
tmp=$(mktemp -d /tmp/np-rtnl-bench.XXXXXX)
cleanup() {
	ip netns del "$NS" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link add bva type veth peer name bvb
ip -n "$NS" addr add 10.200.0.1/16 dev bva
ip -n "$NS" link set bva up
ip -n "$NS" link set bvb up
ip -n "$NS" link set lo up
# /32 routes in 100.64.0.0/10 via one gateway; permanent neighbours in
# 10.200.0.0/16 (permanent entries do not count against gc_thresh3, so the
# host-wide table limits are left alone).
python3 - "$ROUTES" "$NEIGHS" >"$tmp/batch" <<'PY'
import sys
routes, neighs = int(sys.argv[1]), int(sys.argv[2])
base = (100 << 24) | (64 << 16)
for i in range(routes):
    a = base + i
    print(f"route add {a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}/32 via 10.200.0.2 proto static")
for i in range(neighs):
    h = i + 10
    print(f"neigh add 10.200.{h >> 8}.{h & 255} lladdr 02:00:00:00:{h >> 8:02x}:{h & 255:02x} dev bva nud permanent")
PY
echo "route add blackhole 198.18.0.0/15" >>"$tmp/batch"
ip -n "$NS" -batch "$tmp/batch"
echo "namespace $NS: $(ip -n "$NS" route show | wc -l) routes in main, $(ip -n "$NS" neigh show | wc -l) neighbours"

# One hyperfine run per pair so the two sides share warm caches and load.
bench() { # NAME CMD...
	local name=$1
	shift
	hyperfine -N -i --warmup 3 --runs "$RUNS" --export-json "$tmp/$name.json" "$@" >"$tmp/$name.txt" 2>&1 ||
		{ cat "$tmp/$name.txt"; exit 1; }
}
mean_ms() { # FILE INDEX
	python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"] * 1000))' "$1" "$2"
}
peak_mb() { # peak RSS over 5 runs, MB
	local max=0 v
	for _ in 1 2 3 4 5; do
		v=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
		[ "$v" -gt "$max" ] && max=$v
	done
	python3 -c "print('%.1f' % ($max / 1024))"
}

bench summary "$NP -n $NS -c 'routes summary'" "ip -n $NS route show"
bench listing "$NP -n $NS -c routes" "ip -n $NS route show"
bench neigh "$NP -n $NS -c neigh" "ip -n $NS neigh show"
bench get "$NP -n $NS -c 'route get 100.64.100.7'" "ip -n $NS route get 100.64.100.7"
# A rejecting answer stays constant time; `locate` adds a kernel-filtered
# dump to find the blackhole route's table (reported, no target).
bench getbh "$NP -n $NS -c 'route get 198.18.0.1'" "$NP -n $NS -c 'route get 198.18.0.1 locate'"

misses=0
row() { # LABEL FILE TARGET_RATIO RSS_CMD...
	local label=$1 f=$2 target=$3
	shift 3
	local a b ratio rss verdict=ok
	a=$(mean_ms "$f" 0)
	b=$(mean_ms "$f" 1)
	ratio=$(python3 -c "print('%.2f' % ($a / $b))")
	rss=$(peak_mb "$@")
	local ttext="target <= $target"
	if [ "$target" = - ]; then
		ttext="no target"
		python3 -c "import sys; sys.exit(0 if $rss < 32 else 1)" || { verdict=MISS; misses=$((misses + 1)); }
	elif python3 -c "import sys; sys.exit(0 if $ratio <= $target and $rss < 32 else 1)"; then :; else
		verdict=MISS
		misses=$((misses + 1))
	fi
	printf '%-16s netpath %8s ms   iproute2 %8s ms   ratio %5s (%s)   peak RSS %5s MB   %s\n' \
		"$label" "$a" "$b" "$ratio" "$ttext" "$rss" "$verdict"
}
echo
row "routes summary" "$tmp/summary.json" 1.0 "$NP" -n "$NS" -c 'routes summary'
row "routes (list)" "$tmp/listing.json" - "$NP" -n "$NS" -c routes
row "neigh" "$tmp/neigh.json" 1.0 "$NP" -n "$NS" -c neigh
get=$(mean_ms "$tmp/get.json" 0)
ipget=$(mean_ms "$tmp/get.json" 1)
getrss=$(peak_mb "$NP" -n "$NS" -c 'route get 100.64.100.7')
gv=ok
python3 -c "import sys; sys.exit(0 if $get < 10 else 1)" || { gv=MISS; misses=$((misses + 1)); }
printf '%-16s netpath %8s ms   (ip route get %s ms)   target < 10 ms   peak RSS %5s MB   %s\n' \
	"route get" "$get" "$ipget" "$getrss" "$gv"
bh=$(mean_ms "$tmp/getbh.json" 0)
bhl=$(mean_ms "$tmp/getbh.json" 1)
bv=ok
python3 -c "import sys; sys.exit(0 if $bh < 10 else 1)" || { bv=MISS; misses=$((misses + 1)); }
printf '%-16s netpath %8s ms   target < 10 ms   %s   (with locate: %s ms, O(routes))\n' \
	"get blackhole" "$bh" "$bv" "$bhl"
[ "$CHECK" -eq 0 ] || [ "$misses" -eq 0 ]
