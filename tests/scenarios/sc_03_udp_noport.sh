#!/usr/bin/env bash
# Scenario 3: UDP to a port nobody listens on -> transport (NO_SOCKET).
# Checked with the udp playbook and with the generic rx walk.
. "$(dirname "$0")/lib.sh"
sc_init sc_03_udp_noport "${1:-4}" transport
sc_topo_pair
PORT=5003
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 30 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$S" "run udp port=$PORT window=$SC_WINDOW" layer=transport reason=NO_SOCKET \
	exit=2 names=$PORT tcpdump=seen
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=transport reason=NO_SOCKET exit=2 \
	names=$PORT
if [ "$SC_FAMILY" = 6 ]; then sc_witness_counter "$S" Udp6 NoPorts; else sc_witness_counter "$S" Udp NoPorts; fi
sc_finish
