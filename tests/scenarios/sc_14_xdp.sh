#!/usr/bin/env bash
# Scenario 14: an XDP program (tests/bpf/xdp_drop_port.bpf.c, generic mode
# on the veth) drops the port -> xdp, and tcpdump does not see the packets
# (XDP runs before the taps).  The kernel reports NOT_SPECIFIED for them.
. "$(dirname "$0")/lib.sh"
sc_init sc_14_xdp "${1:-4}" xdp
OBJ=$NP_BPF_DIR/xdp_drop_port.bpf.o
[ -f "$OBJ" ] || sc_skip "BPF object $OBJ not built"
sc_topo_pair
PORT=$SC_BPF_PORT
ip -n "$S" link set dev s0 xdpgeneric obj "$OBJ" sec xdp || sc_skip "kernel refused generic XDP"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 45 --duration $SC_TRAFFIC
sleep 0.5
sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=xdp exit=2 names=s0 tcpdump=unseen
# The walk names the program (taps[s0].xdp_prog) and its mode.
sc_expect "$S" "run tcpdump dev=s0 port=$PORT window=$SC_WINDOW" layer=xdp exit=2 names=s0 \
	tcpdump=unseen finding="XDP program 'xdp_drop_port' \\(id [1-9][0-9]*, generic mode\\)"
grp=Udp
[ "$SC_FAMILY" = 6 ] && grp=Udp6
sc_witness "generic XDP attached to s0" sh -c "ip -n $S link show s0 | grep -q xdpgeneric"
sc_witness "s0 received the flow" sh -c \
	"[ \$(ip netns exec $S cat /sys/class/net/s0/statistics/rx_packets) -gt 50 ]"
sc_witness "$grp.InDatagrams stayed 0 (XDP dropped the flow)" sc_counter_zero "$S" $grp InDatagrams
sc_finish
