#!/usr/bin/env bash
# Scenario 9: asymmetric routing with strict rp_filter on the router ->
# routing (IP_RPFILTER).  The client sends from 10.201.3.1, which the router
# routes out of r1 (towards the server side), while the packets arrive on r0.
# IPv4 only: IPv6 has no rp_filter sysctl.
. "$(dirname "$0")/lib.sh"
sc_init sc_09_rp_filter "${1:-4}" routing
[ "$SC_FAMILY" = 6 ] && sc_skip "rp_filter exists only for IPv4"
sc_topo_router
ip -n "$C" addr add 10.201.3.1/32 dev c0
# ARP from the primary address: an ARP request from 10.201.3.1 would itself
# fail the router's reverse-path check and the data would never leave.
sc_x "$C" sysctl -qw net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.c0.arp_announce=2
ip -n "$R" route add 10.201.3.0/24 via 10.201.2.1
sc_x "$R" sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.r0.rp_filter=1
sc_bg "$S" udp-recv --bind 0.0.0.0 --port 5001
sc_wait_port "$S" udp 5001
sc_bg "$C" udp-send --src 10.201.3.1 --dst "$SADDR" --port 5001 --rate 75 \
	--duration $SC_TRAFFIC
sleep 0.5
sc_expect "$R" "run forward window=$SC_WINDOW" layer=routing \
	reason='RPFILTER|rp_filter|ReversePath' exit=2 names=r0,10.201.3.1 hint='rp_filter' \
	summary='route back to the source leaves by another interface \(r1\)' \
	contains='ip route get 10.201.3.1'
sc_witness_counter "$R" TcpExt IPReversePathFilter
sc_finish
