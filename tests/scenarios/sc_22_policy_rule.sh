#!/usr/bin/env bash
# Variation: a policy routing rule sends the destination to a table whose
# only route is unreachable (reference section 3, pattern 7): the main table
# would route it, the rule does not -> `run tx` says routing.
. "$(dirname "$0")/lib.sh"
sc_init sc_22_policy_rule "${1:-4}" routing
sc_topo_router
DST=$SADDR ip6=
[ "$SC_FAMILY" = 6 ] && ip6=-6
ip -n "$C" $ip6 route add unreachable default table 100
ip -n "$C" $ip6 rule add to "$DST" table 100 pref 100
sc_bg "$C" udp-send --dst "$DST" --port 5001 --rate 25 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$C" "run tx dst=$DST window=$SC_WINDOW" layer=routing \
	reason='unreachable|EHOSTUNREACH|NOROUTE' exit=2 names="$DST,in table 100,chosen by rule 100"
sc_witness "the rule answers unreachable" sh -c "! ip -n $C $ip6 route get $DST >/dev/null 2>&1"
sc_finish
