#!/usr/bin/env bash
# Scenario 2: nftables (nft itself, not the iptables front end) drops the
# service port in a custom chain reached by a jump from the input hook
# -> netfilter.  Variant "prerouting": an inet-family table dropping at the
# prerouting hook with raw priority (another hook, another family).
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-jump}
name=sc_02_nft_custom_chain
[ "$VARIANT" = prerouting ] && name=sc_02b_nft_inet_prerouting
sc_init $name "${1:-4}" netfilter
sc_need nft
sc_topo_pair
PORT=5001
if [ "$VARIANT" = prerouting ]; then
	rules="table inet nptest {
		chain pre { type filter hook prerouting priority raw; policy accept;
			udp dport $PORT counter drop; }
	}"
else
	fam=ip
	[ "$SC_FAMILY" = 6 ] && fam=ip6
	rules="table $fam nptest {
		chain service { counter drop; }
		chain input { type filter hook input priority filter; policy accept;
			udp dport $PORT jump service; }
	}"
fi
echo "$rules" | sc_x "$S" nft -f - || sc_skip "nft cannot load a ruleset here"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 75 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=netfilter reason=NETFILTER_DROP \
	exit=2 names=$PORT tcpdump=seen
sc_witness "nft counter moved" sc_x "$S" sh -c \
	"nft list table $( [ "$VARIANT" = prerouting ] && echo inet || echo "$fam") nptest | grep -q 'counter packets [1-9]'"
sc_finish
