#!/usr/bin/env bash
# Scenario 7: the next hop never answers ARP/NDP -> neighbor (FAILED or
# INCOMPLETE, unresolved discards).  Checked with the neighbor playbook and
# with the tx walk (the neighbour is the root cause of the tx loss), and
# over a window long enough for the next hop to fail twice: the verdict
# names its state history (neigh[GW].history).
. "$(dirname "$0")/lib.sh"
sc_init sc_07_neigh_failed "${1:-4}" neighbor
sc_topo_pair
DST=10.77.0.1 GW=10.201.1.99 NET=10.77.0.0/24 ip6=
if [ "$SC_FAMILY" = 6 ]; then
	DST=fd00:77::1 GW=fd00:201:1::99 NET=fd00:77::/64 ip6=-6
fi
ip -n "$C" $ip6 route add $NET via $GW
sc_bg "$C" udp-send --dst $DST --port 5001 --rate 50 --duration $SC_TRAFFIC
sleep 1
sc_expect "$C" "run neighbor dst=$DST window=$SC_WINDOW" layer=neighbor \
	reason='FAILED|INCOMPLETE|NEIGH|unresolved' exit=2 names=$GW tcpdump=unseen
sc_expect "$C" "run tx dst=$DST window=$SC_WINDOW" layer=neighbor \
	reason='FAILED|INCOMPLETE|NEIGH|unresolved' exit=2 names=$GW
# Over a longer window the neighbour watch sees the next hop fail (a
# resolution, INCOMPLETE, then FAILED, again while packets keep coming):
# the verdict names its history.
sc_expect "$C" "run neighbor dst=$DST window=5" layer=neighbor reason=NEIGH_FAILED exit=2 \
	names=$GW summary='kept failing to resolve.*INCOMPLETE>FAILED' \
	evidence="neigh[$GW].changes"
sc_witness "neighbour $GW unresolved" sh -c \
	"ip -n $C $ip6 neigh show $GW | grep -q 'FAILED\|INCOMPLETE'"
sc_finish
