#!/usr/bin/env bash
# Scenario 5: a TCP listener with backlog 1 that never accepts, many
# connects -> socket (accept-queue overflow, ListenOverflows).  The kernel
# emits no drop event for these SYNs: only counters and the listener's
# queue show it.
. "$(dirname "$0")/lib.sh"
sc_init sc_05_listen_overflow "${1:-4}" socket
sc_topo_pair
PORT=5005
sc_bg "$S" tcp-listen --bind "$ANY" --port $PORT --backlog 1 --noaccept
sc_wait_port "$S" tcp $PORT
sc_bg "$C" tcp-connect --dst "$SADDR" --port $PORT --rate 9 --duration $SC_TRAFFIC \
	--timeout 0.3 --hold
sleep 0.7
sc_expect "$S" "run tcp-connect port=$PORT window=$SC_WINDOW" layer=socket \
	reason='LISTEN|OVERFLOW|ACCEPT' exit=2 names=$PORT tcpdump=seen
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=socket \
	reason='LISTEN|OVERFLOW|ACCEPT' exit=2 names=$PORT
sc_witness_counter "$S" TcpExt ListenOverflows
sc_finish
