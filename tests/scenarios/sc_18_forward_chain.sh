#!/usr/bin/env bash
# Variation: netfilter on another hook - the router's FORWARD chain drops the
# flow (nft, inet family) -> `run forward` says netfilter.
. "$(dirname "$0")/lib.sh"
sc_init sc_18_forward_chain "${1:-4}" netfilter
sc_need nft
sc_topo_router
PORT=5001
echo "table inet nptest {
	chain guard { type filter hook forward priority filter; policy accept;
		udp dport $PORT counter drop; }
}" | sc_x "$R" nft -f - || sc_skip "nft cannot load a ruleset here"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 75 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$R" "run forward window=$SC_WINDOW" layer=netfilter reason=NETFILTER_DROP exit=2
sc_witness "forward rule counted drops" sh -c \
	"ip netns exec $R nft list table inet nptest | grep -q 'counter packets [1-9]'"
sc_finish
