#!/usr/bin/env bash
# Scenario 28: the verdict from where the engineer stands.  client -- router
# -- server; the fault is staged on one host and netpath is asked on the
# client AND on the server (each must answer about itself: the client names
# the downstream failure and its next hop, the server its own part, or none
# when it is innocent).
#
#   refused      nothing listens on the server's port; the CLIENT has a healthy
#                listener of its own on that port (a local check must not pass
#                by accident): client network/ECONNREFUSED, next hop the router;
#                server transport/NO_SOCKET
#   synhole      the server drops the SYNs silently: client network (SYNs never
#                answered); server netfilter
#   pmtu_local   the router's far link is 1400 bytes and the CLIENT's own
#                firewall drops the frag-needed/packet-too-big that would fix
#                it: client netfilter (the ICMP for this flow dropped here);
#                server none
#   pmtu_middle  the same link, and the router sends no frag-needed: client
#                network (active=yes measures the path: 1400); server none
#   wrongroute   the client's default route points at a host that does not
#                forward: client network, next hop that host; server none
#   deadgw       the client's gateway never answers ARP/NDP: client neighbor;
#                server none
#   active       refused and timed out active tests from the client
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-refused}
sc_init "sc_28_vantage_$VARIANT" "${1:-4}" network
W=2
P=5010
RUN=40
LISTEN=120
ipt=iptables
[ "$SC_FAMILY" = 6 ] && ipt=ip6tables
sc_need "$ipt"
sc_topo_router
RADDR=10.201.1.254
[ "$SC_FAMILY" = 6 ] && RADDR=fd00:201:1::fe

client() { # CMD expectations...: asked on the client, from its vantage
	local cmd=$1
	shift
	sc_expect "$C" "$cmd window=$W" "$@"
}
server() {
	local cmd=$1
	shift
	sc_expect "$S" "$cmd window=$W" "$@"
}
router() { # the same flow, asked on the router between them
	local cmd=$1
	shift
	sc_expect "$R" "$cmd window=$W" "$@"
}
connects() { # steady connection attempts from the client, all through the run
	sc_bg "$C" tcp-connect --dst "$SADDR" --port $P --count $((RUN * 4)) \
		--duration $((RUN - 2)) --timeout 0.5 --deadline $RUN
}
uploads() { # full-size segments from the client
	sc_bg "$C" tcp-send --dst "$SADDR" --port $P --size 20000 --count $((RUN / 2)) \
		--duration $((RUN - 2)) --timeout 1.5 --deadline $RUN
}
small_mtu() { # the router's far link carries 1400 bytes; the server keeps
	# 1500, so it advertises a full MSS and the client sends full-size
	# segments that the router cannot forward
	ip -n "$R" link set r1 mtu 1400
}
too_big_icmp() { # the ICMP that tells a sender its packets are too big
	if [ "$SC_FAMILY" = 6 ]; then
		echo "-p icmpv6 --icmpv6-type packet-too-big"
	else
		echo "-p icmp --icmp-type fragmentation-needed"
	fi
}

case $VARIANT in
refused)
	# The client's own healthy listener on the same port.
	sc_bg "$C" tcp-listen --bind "$ANY" --port $P --deadline $LISTEN
	sc_wait_port "$C" tcp $P
	connects
	sleep 1
	client "diagnose dst=$SADDR port=$P" layer=network status=crit exit=2 \
		reason=ECONNREFUSED nexthop="$RADDR" names="$SADDR"
	server "diagnose port=$P" layer=transport status=crit exit=2 reason=NO_SOCKET
	router "diagnose src=$CADDR dst=$SADDR port=$P" layer=none status=ok exit=0
	;;
synhole)
	sc_bg "$S" tcp-listen --bind "$ANY" --port $P --deadline $LISTEN
	sc_wait_port "$S" tcp $P
	sc_x "$S" "$ipt" -A INPUT -p tcp --dport $P -j DROP
	connects
	sleep 1.5
	client "diagnose dst=$SADDR port=$P" layer=network status=crit exit=2 nexthop="$RADDR"
	server "diagnose port=$P" layer=netfilter status=crit exit=2 reason=NETFILTER_DROP
	;;
pmtu_local)
	small_mtu
	# shellcheck disable=SC2046
	sc_x "$C" "$ipt" -A INPUT $(too_big_icmp) -j DROP
	sc_bg "$S" tcp-listen --bind "$ANY" --port $P --deadline $LISTEN
	sc_wait_port "$S" tcp $P
	uploads
	sleep 1.5
	client "diagnose dst=$SADDR port=$P" layer=netfilter status=crit exit=2
	server "diagnose port=$P" layer=none status=ok exit=0
	# The router does its part (frag-needed sent back) but the packets die
	# here: ip, PKT_TOO_BIG, seen by tcpdump on the ingress link.
	router "diagnose src=$CADDR dst=$SADDR port=$P" layer=ip status=crit exit=2 \
		reason=PKT_TOO_BIG finding='told .* too big' tcpdump=seen tcpdump_dev=r0
	sc_witness "the client dropped the router's too-big ICMP" sc_x "$C" sh -c \
		"$ipt -vnxL INPUT | awk '/DROP/ && \$1 > 0 {f=1} END {exit !f}'"
	;;
pmtu_middle)
	small_mtu
	# shellcheck disable=SC2046
	sc_x "$R" "$ipt" -A OUTPUT $(too_big_icmp) -j DROP
	sc_bg "$S" tcp-listen --bind "$ANY" --port $P --deadline $LISTEN
	sc_wait_port "$S" tcp $P
	uploads
	sleep 1.5
	client "diagnose dst=$SADDR port=$P" layer=network status=crit exit=2 nexthop="$RADDR"
	client "run mtu dst=$SADDR active=yes" layer=network status=crit exit=2 \
		reason=PKT_TOO_BIG summary=1400
	server "diagnose port=$P" layer=none status=ok exit=0
	# There: its own firewall drops the frag-needed it generates.
	router "diagnose src=$CADDR dst=$SADDR port=$P" layer=netfilter status=crit exit=2 \
		reason=NETFILTER_DROP names="$CADDR" summary='own ICMP'
	;;
wrongroute)
	# A third host on a second client link, forwarding off, made the
	# default gateway by mistake.
	sc_ns X x
	ip link add c1 netns "$C" type veth peer name x0 netns "$X"
	sc_addr "$C" c1 10.201.3.1/24 fd00:201:3::1/64
	sc_addr "$X" x0 10.201.3.254/24 fd00:201:3::fe/64
	sc_x "$X" sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.forwarding=0
	sc_settle
	XADDR=10.201.3.254
	[ "$SC_FAMILY" = 6 ] && XADDR=fd00:201:3::fe
	ip -n "$C" route replace default via 10.201.3.254
	ip -n "$C" -6 route replace default via fd00:201:3::fe
	sc_bg "$S" tcp-listen --bind "$ANY" --port $P --deadline $LISTEN
	sc_wait_port "$S" tcp $P
	connects
	sleep 1.5
	client "diagnose dst=$SADDR port=$P" layer=network status=crit exit=2 nexthop="$XADDR"
	server "diagnose port=$P" layer=none status=ok exit=0
	;;
deadgw)
	ip -n "$C" route replace default via 10.201.1.99
	ip -n "$C" -6 route replace default via fd00:201:1::99
	DEAD=10.201.1.99
	[ "$SC_FAMILY" = 6 ] && DEAD=fd00:201:1::99
	sc_bg "$S" tcp-listen --bind "$ANY" --port $P --deadline $LISTEN
	sc_wait_port "$S" tcp $P
	connects
	sleep 3.5 # ARP/NDP gives up after about 3 s
	client "diagnose dst=$SADDR port=$P" layer=neighbor status=crit exit=2 names="$DEAD"
	server "diagnose port=$P" layer=none status=ok exit=0
	;;
active)
	# Refused: nothing on P.  Timed out: Q is listened on, its SYNs dropped.
	Q=$((P + 1))
	sc_bg "$S" tcp-listen --bind "$ANY" --port $Q --deadline $LISTEN
	sc_wait_port "$S" tcp $Q
	sc_x "$S" "$ipt" -A INPUT -p tcp --dport $Q -j DROP
	client "run tx dst=$SADDR port=$P proto=tcp active=yes" layer=network status=crit \
		exit=2 reason=ECONNREFUSED nexthop="$RADDR"
	client "run tx dst=$SADDR port=$Q proto=tcp active=yes" layer=network status=crit \
		exit=2 reason=ETIMEDOUT nexthop="$RADDR"
	server "diagnose port=$P" layer=transport status=crit exit=2 reason=NO_SOCKET
	;;
*)
	sc_skip "unknown variant $VARIANT"
	;;
esac
sc_finish
