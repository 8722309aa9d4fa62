#!/usr/bin/env bash
# Scenario 31: no dev= on a host with three interfaces.  The server S has
# s0 (to the client C), s1 (to P1) and s2 (to P2); a cls_bpf program on s2's
# tc ingress drops port 5001 (tests/bpf/tc_drop_port.bpf.c).  UDP to 5001
# comes from all three peers, so the loss is on one interface of three and
# the others carry healthy traffic (noise for the walk).
#   run rx port=5001              every up interface walked (each-interface):
#                                 the verdict is tc on s2, every device listed
#   run rx port=5001 src=P2       the route back to P2 picks s2 (header dev=s2)
#   run rx port=5001 src=C        ... picks s0: healthy, none, exit 0
#   diagnose port=5001            the server's walk, every interface: tc on s2
. "$(dirname "$0")/lib.sh"
sc_init sc_31_default_dev "${1:-4}" tc
sc_need tc
OBJ=$NP_BPF_DIR/tc_drop_port.bpf.o
[ -f "$OBJ" ] || sc_skip "BPF object $OBJ not built"
PORT=$SC_BPF_PORT
sc_topo_pair
sc_ns P1 p1
sc_ns P2 p2
ip link add p0 netns "$P1" type veth peer name s1 netns "$S"
ip link add p0 netns "$P2" type veth peer name s2 netns "$S"
sc_addr "$P1" p0 10.201.4.1/24 fd00:201:4::1/64
sc_addr "$S" s1 10.201.4.2/24 fd00:201:4::2/64
sc_addr "$P2" p0 10.201.5.1/24 fd00:201:5::1/64
sc_addr "$S" s2 10.201.5.2/24 fd00:201:5::2/64
sc_settle
P1ADDR=10.201.4.1 P1DST=10.201.4.2 P2ADDR=10.201.5.1 P2DST=10.201.5.2
if [ "$SC_FAMILY" = 6 ]; then
	P1ADDR=fd00:201:4::1 P1DST=fd00:201:4::2 P2ADDR=fd00:201:5::1 P2DST=fd00:201:5::2
fi
tc -n "$S" qdisc add dev s2 clsact
tc -n "$S" filter add dev s2 ingress bpf da obj "$OBJ" sec tc ||
	sc_skip "kernel refused the cls_bpf program"

sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 30 --duration $SC_TRAFFIC
sc_bg "$P1" udp-send --dst "$P1DST" --port $PORT --rate 30 --duration $SC_TRAFFIC
sc_bg "$P2" udp-send --dst "$P2DST" --port $PORT --rate 30 --duration $SC_TRAFFIC
sleep 0.5

sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" layer=tc status=crit exit=2 \
	reason=TC_INGRESS names=s2 tcpdump=seen tcpdump_dev=s2
sc_expect "$S" "run rx port=$PORT src=$P2ADDR window=$SC_WINDOW" layer=tc status=crit exit=2 \
	reason=TC_INGRESS names=s2 json:params.dev=s2
sc_expect "$S" "run rx port=$PORT src=$CADDR window=$SC_WINDOW" layer=none status=ok exit=0 \
	json:params.dev=s0
sc_expect "$S" "diagnose port=$PORT window=$SC_WINDOW" layer=tc status=crit exit=2 \
	reason=TC_INGRESS names=s2
# The walk without dev= lists each device at the link layer.
out=$(ip netns exec "$S" "$NETPATH" --no-color -c "run rx port=$PORT window=1" 2>&1)
SC_CHECKS=$((SC_CHECKS + 1))
for d in s0 s1 s2; do
	if ! grep -qE "^    $d +(ok|CRIT|WARN|skip)" <<<"$out"; then
		echo "  FAIL: the walk without dev= does not list $d under link"
		sc_record fail link - "run rx port=$PORT window=1" "no device line for $d"
		SC_FAILED=$((SC_FAILED + 1))
	fi
done
sc_finish
