#!/usr/bin/env bash
# Scenario 29: name the firewall rule that drops the flow, among decoys.
# Every variant asserts that the handle netpath reports is the handle
# `nft -a list` prints for the dropping rule (the test may run nft;
# netpath may not), through `firewall watch` (JSON culprit) and through the
# verdict of the path's playbook (JSON verdict.rule, and the text line).
#   iptables   iptables-nft DROP for 5001 among an ACCEPT with traffic (5002),
#              a DROP and a REJECT without traffic, a catch-all ACCEPT after
#   nft        nft inet rule with a counter, decoys with counters
#   nocounter  nft rule without a counter: a candidate, exact false, and its
#              advice is a valid nft command (checked and applied in a
#              throwaway namespace staged the same way: same handles)
#   policy     iptables -P INPUT DROP: the chain policy, named by its handle
#   output     iptables OUTPUT DROP on the sender
#   forward    iptables FORWARD DROP on a router
# FAMILY 6 uses ip6tables for the iptables variants and IPv6 traffic for
# the inet (family-agnostic) ones.
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-iptables}
sc_init "sc_29_firewall_$VARIANT" "${1:-4}" netfilter
sc_need nft
ipt=iptables fam=ip
[ "$SC_FAMILY" = 6 ] && ipt=ip6tables fam=ip6
case $VARIANT in iptables | policy | output | forward) sc_need "$ipt" ;; esac
PORT=5001 DECOY=5002

# The handle `nft -a list` prints on the line matching REGEX (extended).
nft_handle() { # NS LIST-ARGS REGEX
	# shellcheck disable=SC2086
	sc_x "$1" nft -a list $2 2>/dev/null | grep -E -- "$3" | head -1 |
		sed -n 's/.*# handle \([0-9]*\)$/\1/p'
}

# The same ruleset in any namespace gets the same handles (fresh table).
stage_nft() { # NS WITH_COUNTER(yes|no)
	local c=
	[ "$2" = yes ] && c=counter
	sc_x "$1" nft -f - <<EOF
table inet nptest {
	chain in {
		type filter hook input priority filter; policy accept;
		udp dport $DECOY counter accept
		udp dport 5003 counter drop
		udp dport $PORT $c drop comment "np culprit"
		udp dport 5004 counter reject
	}
	chain out {
		type filter hook output priority filter; policy accept;
		udp dport 5005 drop
	}
}
EOF
}

stage_iptables() { # NS CHAIN
	sc_x "$1" "$ipt" -A "$2" -p udp --dport $DECOY -j ACCEPT &&
		sc_x "$1" "$ipt" -A "$2" -p udp --dport 5003 -j DROP &&
		sc_x "$1" "$ipt" -A "$2" -p tcp --dport 80 -j REJECT &&
		sc_x "$1" "$ipt" -A "$2" -p udp --dport $PORT -m comment --comment "np culprit" \
			-j DROP &&
		sc_x "$1" "$ipt" -A "$2" -p udp -j ACCEPT
}

where=S
if [ "$VARIANT" = forward ]; then
	sc_topo_router
	where=R
else
	sc_topo_pair
	[ "$VARIANT" = output ] && where=C
fi
NS=${!where}
case $VARIANT in
iptables)
	stage_iptables "$S" INPUT || sc_skip "$ipt cannot add rules here"
	list="chain $fam filter INPUT" re="dport $PORT .*drop"
	;;
nft | nocounter)
	c=yes
	[ "$VARIANT" = nocounter ] && c=no
	stage_nft "$S" $c || sc_skip "nft cannot load a ruleset here"
	list="table inet nptest" re="dport $PORT .*drop"
	;;
policy)
	# NDP must pass, or IPv6 traffic never reaches the policy
	{ [ "$SC_FAMILY" = 4 ] || sc_x "$S" ip6tables -A INPUT -p icmpv6 -j ACCEPT; } &&
		sc_x "$S" "$ipt" -A INPUT -p udp --dport $DECOY -j ACCEPT &&
		sc_x "$S" "$ipt" -P INPUT DROP || sc_skip "$ipt cannot set a policy here"
	list="chain $fam filter INPUT" re="chain INPUT \{"
	;;
output)
	stage_iptables "$C" OUTPUT || sc_skip "$ipt cannot add rules here"
	list="chain $fam filter OUTPUT" re="dport $PORT .*drop"
	;;
forward)
	stage_iptables "$R" FORWARD || sc_skip "$ipt cannot add rules here"
	list="chain $fam filter FORWARD" re="dport $PORT .*drop"
	;;
*) sc_skip "unknown variant $VARIANT" ;;
esac
H=$(nft_handle "$NS" "$list" "$re")
[ -n "$H" ] || sc_skip "nft -a list $list shows no line matching '$re'"
sc_log "the dropping rule: nft -a list $list: handle $H"

for p in $PORT $DECOY; do
	sc_bg "$S" udp-recv --bind "$ANY" --port $p
	sc_wait_port "$S" udp $p
	sc_bg "$C" udp-send --dst "$SADDR" --port $p --rate 75 --duration $SC_TRAFFIC
done
sleep 0.5

case $VARIANT in
output) chain=OUTPUT ;;
forward) chain=FORWARD ;;
nft | nocounter) chain=in ;;
*) chain=INPUT ;;
esac
case $VARIANT in
iptables | output | forward)
	sc_expect "$NS" "firewall watch $SC_WINDOW" json:culprit.handle="$H" \
		json:culprit.exact=true json:culprit.family=$fam json:culprit.chain=$chain \
		json:culprit.comment="np culprit" exit=0
	;;
policy)
	sc_expect "$NS" "firewall watch $SC_WINDOW" json:culprit.handle="$H" \
		json:culprit.exact=true json:culprit.chain=INPUT json:culprit.text="policy drop" exit=0
	;;
nft)
	sc_expect "$NS" "firewall watch $SC_WINDOW" json:culprit.handle="$H" \
		json:culprit.exact=true json:culprit.family=inet json:culprit.chain=$chain \
		json:culprit.comment="np culprit" exit=0
	;;
nocounter)
	# Nothing counted the loss: the counterless drop rules are candidates
	# (this one and the output chain's), each with its advice.
	sc_expect "$NS" "firewall watch $SC_WINDOW" json:culprit.exact=false \
		contains="\"rule\":\"inet nptest in handle $H: udp dport $PORT drop"
	out="$SC_TMP/np.$((SC_CHECKS - 1)).json"
	advice=$(python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
print(next(c["advice"] for c in o.get("candidates", [])
           if c["rule"].startswith("inet nptest in handle %s:" % sys.argv[2])))' "$out" "$H")
	sc_log "advice: $advice"
	sc_ns T t
	stage_nft "$T" no
	sc_witness "the advice passes nft --check in a namespace staged the same way" \
		sc_x "$T" sh -c "${advice/#nft /nft --check }"
	sc_witness "applied there, it puts a counter on handle $H" sh -c \
		"ip netns exec $T sh -c \"\$1\" && ip netns exec $T nft -a list table inet nptest |
		 grep -qE 'dport $PORT counter packets 0 bytes 0 drop .*# handle $H\$'" _ "$advice"
	;;
esac
# The same rule under the playbook's verdict: run rx / tx / forward.
case $VARIANT in
output) run="run tx dst=$SADDR port=$PORT" ;;
forward) run="run forward dst=$SADDR port=$PORT" ;;
*) run="run rx port=$PORT" ;;
esac
if [ "$VARIANT" = nocounter ]; then
	# Only the input chain's counterless drop is on the receive path.
	sc_expect "$NS" "$run window=$SC_WINDOW" layer=netfilter exit=2 \
		json:verdict.rule.handle="$H" json:verdict.rule.exact=false \
		json:verdict.rule.candidates=1 json:verdict.rule.advice="$advice" \
		finding="no rule counter moved: 1 drop rule.* handle $H: "
else
	sc_expect "$NS" "$run window=$SC_WINDOW" layer=netfilter reason=NETFILTER_DROP exit=2 \
		json:verdict.rule.handle="$H" json:verdict.rule.exact=true json:verdict.rule.chain=$chain \
		finding="^firewall rule .* handle $H: "
fi
# The text verdict says it in one line under the verdict.
want="rule: $fam filter $chain handle $H: "
case $VARIANT in nft | nocounter) want="rule: inet nptest in handle $H: " ;; esac
SC_CHECKS=$((SC_CHECKS + 1))
sc_log "netpath -n ${NS#"$SC_PFX"} -c '$run window=1' | grep '$want'"
if timeout 40 "$NETPATH" -n "$NS" -c "$run window=1" 2>&1 | tee "$SC_TMP/text.out" | grep -qF "$want"; then
	echo "  ok: the text verdict names the rule"
	sc_record pass netfilter netfilter "$run (text)" ""
else
	echo "  FAIL: no line '$want' in the text verdict:"
	sed 's/^/      /' "$SC_TMP/text.out"
	sc_record fail netfilter - "$run (text)" "no rule line"
	SC_FAILED=$((SC_FAILED + 1))
fi

case $VARIANT in
iptables | output | forward)
	sc_witness "$ipt $chain rule for $PORT counted drops" sc_x "$NS" sh -c \
		"$ipt -vnxL $chain | awk '/DROP/ && /dpt:$PORT/ && \$1 > 0 {f=1} END {exit !f}'"
	;;
policy)
	sc_witness "$ipt INPUT policy counted drops" sc_x "$S" sh -c \
		"$ipt -vnxL INPUT | head -1 | grep -q 'policy DROP [1-9]'"
	;;
nft)
	sc_witness "the nft rule for $PORT counted drops" sc_x "$S" sh -c \
		"nft list table inet nptest | grep -q 'dport $PORT counter packets [1-9]'"
	;;
nocounter)
	sc_witness "traffic reaches the input hook (the decoy counted)" sc_x "$S" sh -c \
		"nft list table inet nptest | grep -q 'dport $DECOY counter packets [1-9]'"
	;;
esac
sc_finish
