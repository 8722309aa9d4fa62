#!/usr/bin/env bash
# Scenario 13: a cls_bpf direct-action program (tests/bpf/tc_drop_port.bpf.c)
# shoots the port -> tc.  Variant ingress (the issue's case, on the
# receiver's s0: tcpdump still sees the packets, taps run before tc
# ingress); variant egress (the other direction, on the sender's c0: tcpdump
# does not see them, the tap comes after tc egress).
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-ingress}
sc_init "sc_13_tc_$VARIANT" "${1:-4}" tc
sc_need tc
OBJ=$NP_BPF_DIR/tc_drop_port.bpf.o
[ -f "$OBJ" ] || sc_skip "BPF object $OBJ not built"
sc_topo_pair
PORT=$SC_BPF_PORT
case $VARIANT in
ingress) NS=$S DEV=s0 ;;
egress) NS=$C DEV=c0 ;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
tc -n "$NS" qdisc add dev $DEV clsact
tc -n "$NS" filter add dev $DEV "$VARIANT" bpf da obj "$OBJ" sec tc ||
	sc_skip "kernel refused the cls_bpf program"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 45 --duration $SC_TRAFFIC
sleep 0.5
if [ $VARIANT = ingress ]; then
	sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=tc reason='TC_INGRESS' exit=2 \
		names=s0 tcpdump=seen
	sc_expect "$S" "run tcpdump dev=s0 port=$PORT window=$SC_WINDOW" layer=tc exit=2 \
		names=s0 tcpdump=seen finding='1 tc ingress filter.* after the taps'
else
	sc_expect "$C" "run tx dst=$SADDR window=$SC_WINDOW" layer=tc reason='TC_EGRESS' exit=2 \
		names=c0 tcpdump=unseen
	sc_expect "$C" "run tcpdump dev=c0 port=$PORT window=$SC_WINDOW" layer=tc exit=2 \
		names=c0 tcpdump=unseen finding='1 tc egress filter.* before the taps'
fi
sc_witness "clsact on $DEV dropped" sh -c "tc -n $NS -s qdisc show dev $DEV | grep -q 'dropped [1-9]'"
sc_finish
