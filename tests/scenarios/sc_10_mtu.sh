#!/usr/bin/env bash
# Scenario 10: MTU mismatch on the path (router -> server link at 1200 /
# 1280 for IPv6), DF datagrams of 1400 bytes, and the sender filters the
# ICMP frag-needed / packet-too-big that would have told it -> ip
# (PKT_TOO_BIG) from the mtu playbook run on the router where they die.
. "$(dirname "$0")/lib.sh"
sc_init sc_10_mtu "${1:-4}" ip
sc_topo_router
MTU=1200
[ "$SC_FAMILY" = 6 ] && MTU=1280
ip -n "$R" link set r1 mtu $MTU
ip -n "$S" link set s0 mtu $MTU
if [ "$SC_FAMILY" = 6 ]; then
	sc_need ip6tables
	sc_x "$C" ip6tables -A INPUT -p icmpv6 --icmpv6-type packet-too-big -j DROP
else
	sc_need iptables
	sc_x "$C" iptables -A INPUT -p icmp --icmp-type fragmentation-needed -j DROP
fi
sc_bg "$S" udp-recv --bind "$ANY" --port 5001
sc_wait_port "$S" udp 5001
sc_bg "$C" udp-send --dst "$SADDR" --port 5001 --df --size 1400 --rate 50 \
	--duration $SC_TRAFFIC
sleep 0.5
sc_expect "$R" "run mtu dst=$SADDR window=$SC_WINDOW" layer=ip reason='PKT_TOO_BIG' exit=2 \
	names=r1
if [ "$SC_FAMILY" = 6 ]; then sc_witness_counter "$R" Ip6 InTooBigErrors; else sc_witness_counter "$R" Ip FragFails; fi
sc_finish
