#!/usr/bin/env bash
# Scenario 26: the host side of a container's path, a Linux bridge.  Host
# namespace H has bridge br0; "containers" A and B each have eth0, whose veth
# peer (vethA, vethB) is a port of br0; one subnet; traffic A -> B (UDP 5001).
# netpath runs in H:
#   egress   vethB (the port B sits behind) set to disabled by hand, STP off:
#            A cannot even resolve B; only the port state tells
#            -> run bridge: bridge, crit, names vethB
#   ingress  vethA disabled, A has B's MAC (a cached neighbour): its frames
#            enter the bridge and die there (BRIDGE_INGRESS_STP_STATE)
#            -> run bridge (br from link[vethA].master): bridge, names vethA
#   brnf     br_netfilter on (bridge-nf-call-iptables=1) and an
#            iptables/ip6tables FORWARD DROP for the port: bridged packets
#            meet iptables -> run bridge: netfilter, NETFILTER_DROP, the walk
#            notes br_netfilter
#   vlan     VLAN filtering on, vethB moved to VLAN 20: A's VLAN 1 reaches
#            no other port -> run bridge: bridge, names vethA
#            (skips on kernels without CONFIG_BRIDGE_VLAN_FILTERING)
#   healthy  nothing wrong -> none, exit 0; `bridge br0` exit 0
#   link     `link vethA` / `get link[vethA].peer_netns` name A's namespace
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-egress}
case $VARIANT in
egress | ingress | vlan) LAYER=bridge ;;
brnf) LAYER=netfilter ;;
*) LAYER=none ;;
esac
sc_init "sc_26_bridge_$VARIANT" "${1:-4}" "$LAYER"
sc_need bridge
PORT=5001

# H: br0 with ports vethA, vethB; A and B: eth0 10.201.3.1/.2 (fd00:201:3::1/::2).
sc_topo_bridge() {
	local brargs=()
	[ "$VARIANT" = vlan ] && brargs=(vlan_filtering 1)
	sc_ns H h
	sc_ns A a
	sc_ns B b
	ip -n "$H" link add br0 type bridge stp_state 0 "${brargs[@]}" ||
		sc_skip "this kernel cannot create the bridge (${brargs[*]:-plain}): no bridge VLAN filtering?"
	ip -n "$H" link add vethA type veth peer name eth0 netns "$A"
	ip -n "$H" link add vethB type veth peer name eth0 netns "$B"
	ip -n "$H" link set vethA master br0
	ip -n "$H" link set vethB master br0
	ip -n "$H" link set br0 up
	ip -n "$H" link set vethA up
	ip -n "$H" link set vethB up
	sc_addr "$A" eth0 10.201.3.1/24 fd00:201:3::1/64
	sc_addr "$B" eth0 10.201.3.2/24 fd00:201:3::2/64
	sc_family_addrs 10.201.3.1 10.201.3.2 fd00:201:3::1 fd00:201:3::2
	sc_settle
	# A port whose carrier comes up is (re)set to forwarding by the kernel:
	# stage port states only once the carriers have settled.
	sleep 0.3
}

port_state() { # PORT STATE: set by hand (STP is off), then prove it held
	sc_x "$H" bridge link set dev "$1" state "$2"
	sleep 0.2
	sc_witness "$1 is $3" sh -c "ip netns exec $H bridge link show dev $1 | grep -q 'state $3'"
}

traffic() {
	sc_bg "$B" udp-recv --bind "$ANY" --port $PORT
	sc_wait_port "$B" udp $PORT
	sc_bg "$A" udp-send --dst "$SADDR" --port $PORT --rate 75 --duration $SC_TRAFFIC
	sleep 0.5
}

sc_topo_bridge
RUN="run bridge br=br0 dev=vethA dst=$SADDR port=$PORT window=$SC_WINDOW"
case $VARIANT in
egress)
	port_state vethB 0 disabled
	traffic
	sc_expect "$H" "$RUN" layer=bridge status=crit exit=2 names=vethB
	;;
ingress)
	port_state vethA 0 disabled
	mac=$(ip -n "$B" link show eth0 | awk '/link\/ether/ {print $2}')
	ip -n "$A" neigh replace "$SADDR" lladdr "$mac" dev eth0 nud permanent
	traffic
	# br comes from link[vethA].master
	sc_expect "$H" "run bridge dev=vethA dst=$SADDR port=$PORT window=$SC_WINDOW" \
		layer=bridge status=crit exit=2 names=vethA reason=BRIDGE_INGRESS_STP_STATE \
		evidence=drops.layer[bridge]
	sc_witness "vethA received the frames it dropped" sh -c \
		"ip -n $H -s link show vethA | awk '/RX:/ {getline; exit !(\$2 > 10)}'"
	;;
brnf)
	[ -e /proc/sys/net/bridge ] || modprobe br_netfilter 2>/dev/null
	sc_x "$H" test -e /proc/sys/net/bridge/bridge-nf-call-iptables ||
		sc_skip "br_netfilter cannot be loaded here (no /proc/sys/net/bridge)"
	ipt=iptables
	[ "$SC_FAMILY" = 6 ] && ipt=ip6tables
	sc_need $ipt
	sc_x "$H" sysctl -qw net.bridge.bridge-nf-call-iptables=1 \
		net.bridge.bridge-nf-call-ip6tables=1
	sc_x "$H" $ipt -A FORWARD -p udp --dport $PORT -j DROP ||
		sc_skip "$ipt cannot add a FORWARD rule here"
	traffic
	sc_expect "$H" "$RUN" layer=netfilter reason=NETFILTER_DROP status=crit exit=2 \
		names=br_netfilter finding='br_netfilter is on'
	sc_witness "the FORWARD rule counted bridged packets" sh -c \
		"ip netns exec $H $ipt -vnxL FORWARD | awk '/DROP/ {exit !(\$1 > 0)}'"
	;;
vlan)
	sc_x "$H" bridge vlan del dev vethB vid 1
	sc_x "$H" bridge vlan add dev vethB vid 20 pvid untagged
	traffic
	sc_expect "$H" "$RUN" layer=bridge status=crit exit=2 names=vethA
	sc_witness "vethB carries only VLAN 20" sh -c \
		"ip netns exec $H bridge vlan show dev vethB | grep -q '20 PVID'"
	;;
healthy)
	traffic
	sc_expect "$H" "$RUN" layer=none status=ok exit=0 finding='br_netfilter is on'
	sc_expect "$H" "bridge br0" exit=0 contains='"name":"vethB","state":"forwarding"'
	if [ "$SC_FAMILY" = 6 ]; then
		sc_witness_counter "$B" Udp6 InDatagrams
	else
		sc_witness_counter "$B" Udp InDatagrams
	fi
	;;
link)
	sc_expect "$H" "link vethA" exit=0 \
		contains="\"peer_netnsid\":[0-9]+,\"peer\":\"eth0\",\"peer_netns\":\"$A\""
	sc_expect "$H" "get link[vethB].peer_netns" exit=0 contains="\"$B\""
	sc_expect "$A" "get link[eth0].peer_netns" exit=0 contains="\"$H\""
	;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
sc_finish
