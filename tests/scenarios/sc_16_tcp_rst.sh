#!/usr/bin/env bash
# Scenario 16: TCP connects to a closed port -> the server answers with RSTs
# (NO_SOCKET): `run tcp-connect` says transport, and `probe resets` shows
# the resets with their reason.  The verdict counts the RSTs (the resets
# probe runs in the playbook's window).
. "$(dirname "$0")/lib.sh"
sc_init sc_16_tcp_rst "${1:-4}" transport
sc_topo_pair
PORT=5007
sc_bg "$C" tcp-connect --dst "$SADDR" --port $PORT --rate 9 --duration $SC_TRAFFIC --timeout 0.3
sleep 0.5
sc_expect "$S" "run tcp-connect port=$PORT window=$SC_WINDOW" layer=transport \
	reason='NO_SOCKET|RST|reset' exit=2 names=$PORT \
	evidence='resets.reason[NO_SOCKET]' summary="refused [1-9][0-9]* connection attempt.*nothing listens on port $PORT"
sc_expect "$S" "probe resets $SC_WINDOW port $PORT" contains='NO_SOCKET'
sc_witness_counter "$S" Tcp OutRsts
sc_finish
