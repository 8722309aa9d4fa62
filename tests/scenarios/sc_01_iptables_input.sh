#!/usr/bin/env bash
# Scenario 1: iptables DROP in INPUT for the service port -> netfilter.
# The server's socket exists and reads; the rule kills the datagrams after
# the taps, so tcpdump on s0 sees them.  FAMILY 6 uses ip6tables.
. "$(dirname "$0")/lib.sh"
sc_init sc_01_iptables_input "${1:-4}" netfilter
ipt=iptables
[ "$SC_FAMILY" = 6 ] && ipt=ip6tables
sc_need "$ipt"
sc_topo_pair
PORT=5001
sc_x "$S" "$ipt" -A INPUT -p udp --dport $PORT -j DROP || sc_skip "$ipt cannot add rules here"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 75 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=netfilter reason=NETFILTER_DROP \
	exit=2 names=$PORT tcpdump=seen
sc_witness "$ipt INPUT rule counted drops" sc_x "$S" sh -c \
	"$ipt -vnxL INPUT | awk '/DROP/ && \$1 > 0 {f=1} END {exit !f}'"
sc_finish
