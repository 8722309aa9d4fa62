#!/usr/bin/env bash
# Scenario 30: diagnosed from inside a container.  Namespaces: host H with a
# bridge br0 (10.88.0.1/24) and an uplink to a server X (10.99.0.0/24,
# MASQUERADE on the way out, like docker's default bridge); containers A and
# B behind veths hA/hB on br0.  The engineer runs netpath in A only
# (`-n A`): the walk goes container -> veth -> bridge -> host routing,
# FORWARD/NAT -> egress, and the verdict names the host's namespace and the
# device where the packets die.  netpath is started on the host (inside H,
# `-n A`), as the engineer on a docker host runs `netpath -n docker:web`:
# the container's veth peer is where netpath started, so the walk crosses.
#   bridgeport  the bridge port hA does not forward (state disabled)
#   brnf        A -> B on the same bridge, br_netfilter on and an iptables
#               FORWARD rule dropping the bridged flow
#   hostfwd     A -> X: the host's FORWARD chain drops the routed flow
#   healthy     A -> X and A -> B with nothing wrong: none, exit 0
# Both families: v6 is routed (no NAT66, X routes fd00:88::/64 back via H),
# ip6tables and bridge-nf-call-ip6tables stand in for their v4 twins.
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-bridgeport}
sc_init "sc_30_container_$VARIANT" "${1:-4}" bridge
sc_need iptables
IPT=iptables
[ "$SC_FAMILY" = 6 ] && IPT=ip6tables
sc_need $IPT
P=5030
W=2
RUN=40
sc_ns H h
sc_ns A a
sc_ns B b
sc_ns X x
ip -n "$H" link add br0 type bridge stp_state 0 || sc_skip "no bridge support"
ip -n "$H" link set br0 up
ip link add vA netns "$A" type veth peer name hA netns "$H"
ip link add vB netns "$B" type veth peer name hB netns "$H"
for p in hA hB; do
	ip -n "$H" link set "$p" master br0
	ip -n "$H" link set "$p" up
done
sc_addr "$H" br0 10.88.0.1/24 fd00:88::1/64
sc_addr "$A" vA 10.88.0.2/24 fd00:88::2/64
sc_addr "$B" vB 10.88.0.3/24 fd00:88::3/64
for n in "$A" "$B"; do
	ip -n "$n" route add default via 10.88.0.1
	ip -n "$n" -6 route add default via fd00:88::1
done
ip link add hup netns "$H" type veth peer name x0 netns "$X"
sc_addr "$H" hup 10.99.0.1/24 fd00:99::1/64
sc_addr "$X" x0 10.99.0.2/24 fd00:99::2/64
ip -n "$X" -6 route add fd00:88::/64 via fd00:99::1
sc_x "$H" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
sc_x "$H" iptables -t nat -A POSTROUTING -s 10.88.0.0/24 -o hup -j MASQUERADE
sc_family_addrs 10.88.0.2 10.99.0.2 fd00:88::2 fd00:99::2
XADDR=$SADDR      # the server behind the host
BADDR=10.88.0.3   # the other container on the bridge
[ "$SC_FAMILY" = 6 ] && BADDR=fd00:88::3
NET=10.88.0.0/24
[ "$SC_FAMILY" = 6 ] && NET=fd00:88::/64
sc_settle
HNS=$H # the label netpath gives the host side: its /run/netns name
export SC_FROM=$H

sc_bg "$X" tcp-listen --bind "$ANY" --port $P --deadline 120
sc_bg "$B" tcp-listen --bind "$ANY" --port $P --deadline 120
sc_wait_port "$X" tcp $P
sc_wait_port "$B" tcp $P
connects() { # DST: steady connection attempts from the container
	sc_bg "$A" tcp-connect --dst "$1" --port $P --count $((RUN * 2)) --duration $((RUN - 2)) \
		--timeout 1.5 --deadline $RUN
}

case $VARIANT in
bridgeport)
	command -v bridge >/dev/null || sc_skip "bridge (iproute2) not installed"
	bridge -n "$H" link set dev hA state 0
	connects "$XADDR"
	sleep 1.5
	sc_expect "$A" "diagnose dst=$XADDR port=$P window=$W" layer=bridge status=crit \
		exit=2 netns="$HNS" names=hA reason=BRIDGE_INGRESS_STP_STATE
	;;
brnf)
	[ -e /proc/sys/net/bridge ] || modprobe br_netfilter 2>/dev/null
	[ -e /proc/sys/net/bridge ] || sc_skip "br_netfilter cannot be loaded here"
	sc_x "$H" sysctl -qw net.bridge.bridge-nf-call-$IPT=1
	sc_x "$H" $IPT -A FORWARD -s "$CADDR" -d "$BADDR" -p tcp --dport $P -j DROP
	connects "$BADDR"
	sleep 1.5
	sc_expect "$A" "diagnose dst=$BADDR port=$P window=$W" layer=netfilter status=crit \
		exit=2 netns="$HNS" names=hA,br_netfilter reason=NETFILTER_DROP \
		json:verdict.rule.chain=FORWARD
	;;
hostfwd)
	sc_x "$H" $IPT -A FORWARD -s "$NET" -d "$XADDR" -p tcp --dport $P -j DROP
	connects "$XADDR"
	sleep 1.5
	sc_expect "$A" "diagnose dst=$XADDR port=$P window=$W" layer=netfilter status=crit \
		exit=2 netns="$HNS" names=hA,FORWARD reason=NETFILTER_DROP \
		json:verdict.rule.chain=FORWARD json:verdict.rule.hook=forward
	;;
healthy)
	connects "$XADDR"
	sleep 1
	sc_expect "$A" "diagnose dst=$XADDR port=$P window=$W" layer=none status=ok exit=0
	sc_expect "$A" "diagnose dst=$BADDR port=$P window=$W" layer=none status=ok exit=0
	;;
*)
	sc_skip "unknown variant $VARIANT"
	;;
esac
sc_finish
