#!/usr/bin/env bash
# Scenario 15: conntrack classifies TCP segments far outside the window as
# INVALID and a `ct state invalid drop` rule drops them -> conntrack, and
# the hint names nf_conntrack_tcp_be_liberal.  The segments come from
# tests/tools/nptraffic.py ct-invalid: one real connection, then raw ACKs
# on its 4-tuple with sequence numbers 2^31 away.
# (Table-full cannot be staged in a namespace: nf_conntrack_max is writable
# only in the initial one.)
. "$(dirname "$0")/lib.sh"
sc_init sc_15_ct_invalid "${1:-4}" conntrack
sc_need nft
sc_topo_pair
PORT=5006
echo "table inet nptest {
	chain input { type filter hook input priority filter; policy accept;
		ct state invalid counter drop; }
}" | sc_x "$S" nft -f - || sc_skip "nft cannot load a conntrack rule here"
sc_bg "$S" tcp-listen --bind "$ANY" --port $PORT
sc_wait_port "$S" tcp $PORT
sc_bg "$C" ct-invalid --dst "$SADDR" --port $PORT --rate 50 --duration $SC_TRAFFIC
# The sender opens a real connection before its raw segments: wait until
# the rule has dropped some (a loaded machine can start it late) so the
# observation window sees the fault, not the set-up.
sc_witness "ct state invalid rule counted drops" sh -c \
	"ip netns exec $S nft list table inet nptest | grep -q 'counter packets [1-9]'"
sc_expect "$S" "run conntrack window=$SC_WINDOW" layer=conntrack reason='INVALID|NETFILTER_DROP' \
	exit=2 hint='nf_conntrack_tcp_be_liberal'
sc_finish
