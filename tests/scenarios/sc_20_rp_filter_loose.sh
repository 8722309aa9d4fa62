#!/usr/bin/env bash
# Variation (no false alarm): the same asymmetric routing as scenario 9, but
# rp_filter=2 (loose): the source is routable, so nothing is dropped and
# `run forward` must answer none.  A verdict that matched "rp_filter set +
# asymmetric route" instead of the evidence would fail here.
. "$(dirname "$0")/lib.sh"
sc_init sc_20_rp_filter_loose "${1:-4}" none
sc_topo_router
ip -n "$C" addr add 10.201.3.1/32 dev c0
sc_x "$C" sysctl -qw net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.c0.arp_announce=2
ip -n "$R" route add 10.201.3.0/24 via 10.201.2.1
sc_x "$R" sysctl -qw net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.r0.rp_filter=2
sc_bg "$S" udp-recv --bind 0.0.0.0 --port 5001
sc_wait_port "$S" udp 5001
sc_bg "$C" udp-send --src 10.201.3.1 --dst "$SADDR" --port 5001 --rate 75 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$R" "run forward window=$SC_WINDOW" layer=none exit=0
sc_witness "the flow reached the server" sc_counter_positive "$S" Udp InDatagrams
sc_witness "rp_filter dropped nothing" sc_counter_zero "$R" TcpExt IPReversePathFilter
sc_finish
