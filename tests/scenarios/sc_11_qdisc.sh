#!/usr/bin/env bash
# Scenario 11: a shaping qdisc on the sender's device drops under a burst
# -> qdisc (QDISC_DROP; tcpdump does not see them: taps come after the
# qdisc on transmit).  Variants: tbf with a tiny limit (the issue's case),
# htb shaping with a pfifo leaf of limit 5 (another qdisc, drops in the
# leaf: qdisc[c0].drops_total).
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-tbf}
sc_init "sc_11_qdisc_$VARIANT" "${1:-4}" qdisc
sc_topo_pair
case $VARIANT in
tbf) tc -n "$C" qdisc add dev c0 root tbf rate 1mbit burst 4k limit 3000 ;;
htb)
	tc -n "$C" qdisc add dev c0 root handle 1: htb default 10
	tc -n "$C" class add dev c0 parent 1: classid 1:10 htb rate 1mbit ceil 1mbit
	tc -n "$C" qdisc add dev c0 parent 1:10 handle 10: pfifo limit 5
	;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
sc_bg "$S" udp-recv --bind "$ANY" --port 5001
sc_wait_port "$S" udp 5001
sc_bg "$C" udp-send --dst "$SADDR" --port 5001 --size 1000 --rate 150 \
	--duration $SC_TRAFFIC
sleep 0.5
sc_expect "$C" "run tx dst=$SADDR window=$SC_WINDOW" layer=qdisc reason='QDISC' exit=2 \
	names=c0 tcpdump=unseen
sc_witness "$VARIANT on c0 dropped" sh -c "tc -n $C -s qdisc show dev c0 | grep -q 'dropped [1-9]'"
sc_finish
