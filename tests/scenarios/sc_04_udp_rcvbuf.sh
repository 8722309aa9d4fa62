#!/usr/bin/env bash
# Scenario 4: a UDP receiver that never reads, SO_RCVBUF 4096, under a
# burst -> socket (SOCKET_RCVBUFF, Udp RcvbufErrors), from the udp playbook
# and from the generic rx walk.
. "$(dirname "$0")/lib.sh"
sc_init sc_04_udp_rcvbuf "${1:-4}" socket
sc_topo_pair
PORT=5004
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT --noread --rcvbuf 4096
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 60 --size 500 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$S" "run udp port=$PORT window=$SC_WINDOW" layer=socket \
	reason='SOCKET_RCVBUFF|RcvbufErrors' exit=2 names=$PORT tcpdump=seen
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=socket \
	reason='SOCKET_RCVBUFF|RcvbufErrors' exit=2 names=$PORT
if [ "$SC_FAMILY" = 6 ]; then sc_witness_counter "$S" Udp6 RcvbufErrors; else sc_witness_counter "$S" Udp RcvbufErrors; fi
sc_finish
