#!/usr/bin/env bash
# Scenario 24: loss beyond the sender.  An nft rule on the server drops the
# SYNs of port 5024, so the client's connects retransmit them (1 s initial
# RTO; the connect timeout of 1.5 s lets each attempt retransmit once).
# Seen from the client, nothing is dropped on this host: `run mtu` warns at
# transport with the retransmissions as evidence (the symptom of a black
# hole further along the path); `run tx` states them as context in the
# transport layer (info: on send the transport layer comes first and must
# not outrank a cause below) and finds the cause beyond this host: the
# network layer counts the connection attempts nobody answered (the SYN
# black hole of sc_28, seen here with retransmissions).
. "$(dirname "$0")/lib.sh"
sc_init sc_24_tcp_retrans "${1:-4}" transport
sc_need nft
sc_topo_pair
PORT=5024
sc_x "$S" nft add table inet np_retrans &&
	sc_x "$S" nft add chain inet np_retrans in '{ type filter hook input priority 0; }' &&
	sc_x "$S" nft add rule inet np_retrans in tcp dport $PORT drop ||
	sc_skip "nft cannot add rules here"
sc_bg "$S" tcp-listen --bind "$ANY" --port $PORT
sc_wait_port "$S" tcp $PORT
# Each connect blocks for its timeout: 4 clients make ~2.7 SYNs/s and as many
# retransmissions, well above the playbooks' threshold (2, and over 5% of
# the segments sent).
for _ in 1 2 3 4; do
	sc_bg "$C" tcp-connect --dst "$SADDR" --port $PORT --rate 4 --duration $SC_TRAFFIC \
		--timeout 1.5
done
sleep 1.5
sc_expect "$C" "run mtu dst=$SADDR window=$SC_WINDOW" layer=transport status=warn exit=1 \
	evidence='retrans.count' names="$SADDR"
sc_expect "$C" "run tx dst=$SADDR window=$SC_WINDOW" layer=network status=crit exit=2 \
	reason=ETIMEDOUT names="$SADDR" finding='TCP segment.* retransmitted during the window'
sc_witness_counter "$C" Tcp RetransSegs
sc_finish
