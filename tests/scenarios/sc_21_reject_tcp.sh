#!/usr/bin/env bash
# Variation: another netfilter target and protocol - iptables REJECT (with
# tcp-reset) for a TCP service in INPUT: clients see "connection refused"
# like scenario 16, but the listener exists and netfilter is the cause ->
# `run tcp-connect` says netfilter, not transport.
. "$(dirname "$0")/lib.sh"
sc_init sc_21_reject_tcp "${1:-4}" netfilter
ipt=iptables
[ "$SC_FAMILY" = 6 ] && ipt=ip6tables
sc_need "$ipt"
sc_topo_pair
PORT=5008
sc_x "$S" "$ipt" -A INPUT -p tcp --dport $PORT -j REJECT --reject-with tcp-reset ||
	sc_skip "$ipt cannot add a REJECT rule here"
sc_bg "$S" tcp-listen --bind "$ANY" --port $PORT
sc_wait_port "$S" tcp $PORT
sc_bg "$C" tcp-connect --dst "$SADDR" --port $PORT --rate 9 --duration $SC_TRAFFIC --timeout 0.3
sleep 0.5
sc_expect "$S" "run tcp-connect port=$PORT window=$SC_WINDOW" layer=netfilter \
	reason='NETFILTER_DROP|REJECT' exit=2 names=$PORT
sc_witness "$ipt REJECT rule counted packets" sc_x "$S" sh -c \
	"$ipt -vnxL INPUT | awk '/REJECT/ && \$1 > 0 {f=1} END {exit !f}'"
sc_finish
