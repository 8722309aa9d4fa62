#!/usr/bin/env bash
# Scenario 6: the sender has no usable route to the destination -> routing.
# Variants: noroute (no route at all: ENETUNREACH), blackhole (silent,
# counter-free: EINVAL) and prohibit (EACCES); the verdict names the type.
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-noroute}
sc_init "sc_06_routing_$VARIANT" "${1:-4}" routing
sc_topo_pair
DST=10.77.0.1 NET=10.77.0.0/24 ip6=
if [ "$SC_FAMILY" = 6 ]; then
	DST=fd00:77::1 NET=fd00:77::/64 ip6=-6
fi
case $VARIANT in
noroute) names="$DST,no entry for it in the tables" reason='NOROUTE|NO_ROUTE|ENETUNREACH|INNOROUTES|unreachable' ;;
blackhole)
	ip -n "$C" $ip6 route add blackhole $NET
	names="$DST,blackhole $NET in table main" reason='blackhole|EINVAL'
	;;
prohibit)
	ip -n "$C" $ip6 route add prohibit $NET
	names="$DST,prohibit $NET in table main" reason='prohibit|EACCES'
	;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
sc_bg "$C" udp-send --dst $DST --port 5001 --rate 25 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$C" "run tx dst=$DST window=$SC_WINDOW" layer=routing reason="$reason" exit=2 \
	names=$names tcpdump=unseen
if [ $VARIANT = noroute ]; then
	if [ "$SC_FAMILY" = 6 ]; then sc_witness_counter "$C" Ip6 OutNoRoutes; else sc_witness_counter "$C" Ip OutNoRoutes; fi
else
	sc_witness "route to $DST is $VARIANT" sh -c "ip -n $C $ip6 route show $NET | grep -q $VARIANT"
fi
sc_finish
