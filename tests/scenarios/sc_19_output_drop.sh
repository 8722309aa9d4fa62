#!/usr/bin/env bash
# Variation: the other direction - netfilter OUTPUT on the sender drops the
# flow (send() fails with EPERM; tcpdump never sees it) -> `run tx` says
# netfilter.
. "$(dirname "$0")/lib.sh"
sc_init sc_19_output_drop "${1:-4}" netfilter
ipt=iptables
[ "$SC_FAMILY" = 6 ] && ipt=ip6tables
sc_need "$ipt"
sc_topo_pair
PORT=5001
sc_x "$C" "$ipt" -A OUTPUT -p udp --dport $PORT -j DROP || sc_skip "$ipt cannot add rules here"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 75 --duration $SC_TRAFFIC
sleep 0.5
# The next step names the family's own tool (ip6tables for an IPv6 flow).
sc_expect "$C" "run tx dst=$SADDR window=$SC_WINDOW" layer=netfilter reason=NETFILTER_DROP \
	exit=2 tcpdump=unseen names="$ipt -vnxL OUTPUT"
sc_witness "$ipt OUTPUT rule counted drops" sc_x "$C" sh -c \
	"$ipt -vnxL OUTPUT | awk '/DROP/ && \$1 > 0 {f=1} END {exit !f}'"
sc_finish
