#!/usr/bin/env bash
# Scenario 16: TCP connects to a closed port -> the server answers with RSTs
# (NO_SOCKET): `run tcp-connect` says transport, and `probe resets` shows
# the resets with their reason.  The verdict counts the RSTs (the resets
# probe runs in the playbook's window).
# Variant wrongaddr: the service listens on loopback only while the clients
# connect to the server's address: the verdict names both addresses.
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-closed}
sc_init "sc_16_tcp_rst${VARIANT/closed/}" "${1:-4}" transport
[ "$VARIANT" = wrongaddr ] && SC_NAME=sc_16_tcp_rst_wrongaddr && [ "$SC_FAMILY" = 6 ] &&
	SC_NAME=sc_16_tcp_rst_wrongaddr_v6
sc_topo_pair
PORT=5007
if [ "$VARIANT" = wrongaddr ]; then
	LO=127.0.0.1
	[ "$SC_FAMILY" = 6 ] && LO=::1
	sc_bg "$S" tcp-listen --bind "$LO" --port $PORT --deadline 90
	sc_wait_port "$S" tcp $PORT
	sc_bg "$C" tcp-connect --dst "$SADDR" --port $PORT --rate 9 --duration $SC_TRAFFIC \
		--timeout 0.3
	sleep 0.5
	LOFMT=$LO:$PORT
	[ "$SC_FAMILY" = 6 ] && LOFMT="[::1]:$PORT"
	sc_expect "$S" "run tcp-connect port=$PORT window=$SC_WINDOW" layer=transport \
		reason=NO_SOCKET exit=2 status=crit names="$LOFMT,$SADDR" \
		finding="listener on $(printf '%s' "$LOFMT" | sed 's/[][]/\\&/g')"
	sc_finish
fi
sc_bg "$C" tcp-connect --dst "$SADDR" --port $PORT --rate 9 --duration $SC_TRAFFIC --timeout 0.3
sleep 0.5
sc_expect "$S" "run tcp-connect port=$PORT window=$SC_WINDOW" layer=transport \
	reason='NO_SOCKET|RST|reset' exit=2 names=$PORT \
	evidence='resets.reason[NO_SOCKET]' summary="refused [1-9][0-9]* connection attempt.*nothing listens on port $PORT"
sc_expect "$S" "probe resets $SC_WINDOW port $PORT" contains='NO_SOCKET'
sc_witness_counter "$S" Tcp OutRsts
sc_finish
