#!/usr/bin/env bash
# Scenario 17: healthy - the same topologies, no fault, traffic flowing ->
# every built-in playbook answers layer none, exit 0.  A false alarm is as
# much a bug as a missed drop.
#   pair    client -- server: rx, udp, tcp-connect, conntrack, softirq,
#           tcpdump on the server; tx, mtu, neighbor on the client;
#           diagnose on both
#   router  client -- router -- server: forward (and diagnose) on the router
#   noise   pair plus unrelated trouble on the same host: datagrams to a
#           closed port and a DROP rule on another port, while the flow
#           under diagnosis (port 5001) is healthy -> still none
#   mcast   router plus the multicast chatter of any LAN (mDNS to
#           224.0.0.251 and ff02::fb, SSDP to 239.255.255.250) that the
#           router drops as not-for-me -> forward still none
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-pair}
sc_init "sc_17_healthy_$VARIANT" "${1:-4}" none
W=1
RUN=55
# Listeners outlive the traffic: on a loaded machine the checks can take
# longer than RUN, and a healthy service must still be there for the last
# one (the cleanup trap stops them; the bound is the test's own timeout).
LISTEN=170
case $VARIANT in
pair | noise) sc_topo_pair ;;
router | mcast) sc_topo_router ;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
sc_bg "$S" udp-recv --bind "$ANY" --port 5001 --deadline $LISTEN
sc_bg "$S" tcp-listen --bind "$ANY" --port 5002 --deadline $LISTEN
sc_wait_port "$S" udp 5001
sc_wait_port "$S" tcp 5002
sc_bg "$C" udp-send --dst "$SADDR" --port 5001 --count 3000 --duration $((RUN - 2)) \
	--deadline $RUN
sc_bg "$C" tcp-connect --dst "$SADDR" --port 5002 --count 150 --duration $((RUN - 2)) \
	--deadline $RUN
ok() {
	local ns=$1 cmd=$2
	shift 2
	sc_expect "$ns" "$cmd window=$W" layer=none exit=0 "$@"
}
case $VARIANT in
pair)
	sleep 0.5
	ok "$S" "run rx port=5001"
	ok "$S" "run udp port=5001"
	ok "$S" "run tcp-connect port=5002"
	ok "$S" "run conntrack"
	ok "$S" "run softirq"
	# Context (info), not loss: nobody captures on s0 during the test.
	ok "$S" "run tcpdump dev=s0 port=5001" finding='no packet socket captures on s0'
	ok "$C" "run tx dst=$SADDR"
	ok "$C" "run mtu dst=$SADDR"
	ok "$C" "run neighbor dst=$SADDR"
	ok "$S" "diagnose port=5001"
	ok "$C" "diagnose dst=$SADDR"
	# From the client, about its own flows (client vantage).
	ok "$C" "diagnose dst=$SADDR port=5002"
	ok "$C" "diagnose dst=$SADDR port=5001 proto=udp"
	ok "$S" "diagnose port=5002"
	;;
router)
	sleep 0.5
	ok "$R" "run forward"
	ok "$R" "run softirq"
	ok "$C" "run tx dst=$SADDR"
	ok "$C" "run mtu dst=$SADDR"
	ok "$R" "diagnose"
	# Every vantage of the same healthy flow: client, router, server.
	ok "$C" "diagnose dst=$SADDR port=5002"
	ok "$R" "diagnose src=$CADDR dst=$SADDR port=5002"
	ok "$S" "diagnose port=5002"
	;;
mcast)
	for g in 224.0.0.251:5353 'ff02::fb%c0':5353 239.255.255.250:1900; do
		sc_bg "$C" udp-send --dst "${g%:*}" --port "${g##*:}" --rate 20 --duration $((RUN - 2)) \
			--deadline $RUN
	done
	sleep 1
	ok "$R" "run forward"
	ok "$R" "diagnose"
	;;
noise)
	ipt=iptables
	[ "$SC_FAMILY" = 6 ] && ipt=ip6tables
	sc_need "$ipt"
	sc_x "$S" "$ipt" -A INPUT -p udp --dport 5098 -j DROP
	sc_bg "$C" udp-send --dst "$SADDR" --port 5098 --count 1000 --duration $((RUN - 2)) \
		--deadline $RUN
	sc_bg "$C" udp-send --dst "$SADDR" --port 5099 --count 1000 --duration $((RUN - 2)) \
		--deadline $RUN
	sleep 0.5
	ok "$S" "run rx port=5001"
	ok "$S" "run udp port=5001"
	ok "$S" "run tcp-connect port=5002"
	ok "$S" "diagnose port=5001"
	# The client's flow is healthy while its other flows hit the noise.
	ok "$C" "diagnose dst=$SADDR port=5002"
	sc_witness "background noise really dropped" sc_counter_positive "$S" Udp NoPorts
	;;
esac
if [ "$VARIANT" != noise ]; then
	grp=Udp
	[ "$SC_FAMILY" = 6 ] && grp=Udp6
	sc_witness "the healthy flow was delivered" sc_counter_positive "$S" $grp InDatagrams
	sc_witness "no UDP loss at the server" sc_counter_zero "$S" $grp InErrors
fi
sc_finish
