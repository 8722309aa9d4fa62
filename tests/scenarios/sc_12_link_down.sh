#!/usr/bin/env bash
# Scenario 12: the link is down -> link.  Variants: peerdown (the far end of
# the veth is down, so c0 has no carrier; checked on the sender with tx) and
# admindown (the receiving interface is administratively down; checked on
# the receiver with rx dev=s0).
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-peerdown}
sc_init "sc_12_link_$VARIANT" "${1:-4}" link
sc_topo_pair
sc_bg "$S" udp-recv --bind "$ANY" --port 5001
sc_wait_port "$S" udp 5001
ip -n "$S" link set s0 down
sc_bg "$C" udp-send --dst "$SADDR" --port 5001 --rate 50 --duration $SC_TRAFFIC
sleep 0.5
case $VARIANT in
peerdown)
	sc_expect "$C" "run tx dst=$SADDR window=$SC_WINDOW" layer=link exit=2 names=c0
	sc_witness "c0 has no carrier" sh -c "ip -n $C link show c0 | grep -q NO-CARRIER"
	;;
admindown)
	sc_expect "$S" "run rx dev=s0 port=5001 window=$SC_WINDOW" layer=link exit=2 names=s0
	sc_witness "s0 is down" sh -c "ip -n $S link show s0 | grep -q 'state DOWN'"
	;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
sc_finish
