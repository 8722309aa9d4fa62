#!/usr/bin/env bash
# Scenario 23: per-CPU backlog overflow -> softirq (CPU_BACKLOG), which
# happens before the taps: tcpdump never sees these packets.
#
# Staging: a veth without XDP or GRO delivers through netif_rx(), i.e. a
# CPU's backlog.  RPS on the receiving veth steers every packet to CPU 1
# while a sender pinned to CPU 0 floods, so packets queue on a remote CPU
# faster than its softirq drains them.  net.core.netdev_max_backlog is
# host-global (it exists only in the initial namespace): the scenario lowers
# it for a few seconds and puts the old value back on exit, failure
# included.  The suite runs its tests one at a time, so nothing else runs
# while the limit is low.
. "$(dirname "$0")/lib.sh"
sc_init sc_23_softirq_backlog "${1:-4}" softirq
[ "$(nproc)" -ge 2 ] || sc_skip "needs two CPUs (RPS to a remote CPU)"
SYSCTL=/proc/sys/net/core/netdev_max_backlog
[ -w "$SYSCTL" ] || sc_skip "cannot change net.core.netdev_max_backlog here"
OLD_BACKLOG=$(cat "$SYSCTL")
restore_backlog() {
	echo "$OLD_BACKLOG" >"$SYSCTL"
	sc_cleanup
}
trap restore_backlog EXIT
sc_need taskset
# Sum of the per-CPU "dropped" column (hex) of /proc/net/softnet_stat.
softnet_dropped() {
	local sum=0 processed dropped rest
	while read -r processed dropped rest; do
		sum=$((sum + 16#$dropped))
	done </proc/net/softnet_stat
	echo "$sum"
}
softnet_dropped_moved() { [ "$(softnet_dropped)" -gt "$DROPPED_BEFORE" ]; }
DROPPED_BEFORE=$(softnet_dropped)

sc_topo_pair
PORT=5023
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_x "$S" sh -c 'echo 2 > /sys/class/net/s0/queues/rx-0/rps_cpus'
echo 2 >"$SYSCTL"
ip netns exec "$C" timeout -k 1 $((SC_TRAFFIC + 5)) taskset -c 0 python3 "$TRAFFIC" udp-send \
	--dst "$SADDR" --port $PORT --rate 40000 --duration "$SC_TRAFFIC" \
	--deadline "$SC_TRAFFIC" --size 64 >"$SC_TMP/flood.log" 2>&1 &
SC_PIDS+=($!)
sleep 0.5

sc_expect "$S" "run softirq dev=s0 window=$SC_WINDOW" layer=softirq reason=CPU_BACKLOG exit=2 \
	tcpdump=unseen
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=softirq reason=CPU_BACKLOG exit=2 \
	tcpdump=unseen
sc_witness "softnet dropped moved (backlog overflow)" softnet_dropped_moved
sc_finish
