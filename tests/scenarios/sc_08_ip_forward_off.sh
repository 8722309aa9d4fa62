#!/usr/bin/env bash
# Scenario 8: the router namespace has forwarding disabled -> routing
# (forwarding disabled; IP_INADDRERRORS, no ICMP back).
. "$(dirname "$0")/lib.sh"
sc_init sc_08_ip_forward_off "${1:-4}" routing
sc_topo_router
if [ "$SC_FAMILY" = 6 ]; then
	sc_x "$R" sysctl -qw net.ipv6.conf.all.forwarding=0
else
	sc_x "$R" sysctl -qw net.ipv4.ip_forward=0
fi
sc_bg "$S" udp-recv --bind "$ANY" --port 5001
sc_wait_port "$S" udp 5001
sc_bg "$C" udp-send --dst "$SADDR" --port 5001 --rate 75 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$R" "run forward window=$SC_WINDOW" layer=routing \
	reason='FORWARD|INADDRERRORS|EHOSTUNREACH|unreachable' exit=2 hint='forward'
if [ "$SC_FAMILY" = 6 ]; then sc_witness_counter "$R" Ip6 InAddrErrors; else sc_witness_counter "$R" Ip InAddrErrors; fi
sc_finish
