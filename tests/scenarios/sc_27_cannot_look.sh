#!/usr/bin/env bash
# Scenario 27: a check that could not look never says OK.  A healthy
# client -- router -- server, asked on the client and on the server:
#   typo     dev= names an interface that is not there: unknown, exit 3, ONE
#            error line (not one per check), the error in the JSON too
#   unpriv   run without CAP_BPF/CAP_PERFMON (uid 65534): the drop probes
#            cannot load, the layers they watch are blind: unknown, exit 3
#            (nothing else is wrong, so nothing may be called ok)
. "$(dirname "$0")/lib.sh"
VARIANT=${2:-typo}
sc_init "sc_27_cannot_look_$VARIANT" "${1:-4}" none
W=1
P=5012
sc_topo_router
sc_bg "$S" tcp-listen --bind "$ANY" --port $P --deadline 90
sc_wait_port "$S" tcp $P
sc_bg "$C" tcp-connect --dst "$SADDR" --port $P --count 120 --duration 30 --deadline 35
sleep 0.5
case $VARIANT in
typo)
	sc_expect "$C" "diagnose dst=$SADDR port=$P dev=nosuchdev0 window=$W" status=unknown \
		exit=3 errors=1 summary="no such interface"
	sc_expect "$S" "diagnose port=$P dev=nosuchdev0 window=$W" status=unknown exit=3 errors=1
	sc_expect "$S" "run rx port=$P dev=nosuchdev0 window=$W" status=unknown exit=3 errors=1
	sc_expect "$C" "run tx dst=$SADDR dev=nosuchdev0 window=$W" status=unknown exit=3 errors=1
	;;
unpriv)
	command -v setpriv >/dev/null || sc_skip "setpriv not installed (util-linux)"
	# The binary and the playbooks must be readable by uid 65534.
	cp "$NETPATH" "$SC_TMP/netpath"
	cp -r "$NETPATH_PLAYBOOKS" "$SC_TMP/playbooks"
	chmod -R a+rX "$SC_TMP"
	chmod 755 "$SC_TMP"
	unpriv() { # NS CMD expectations: netpath as nobody inside NS
		local ns=$1 cmd=$2 out err rc
		shift 2
		out="$SC_TMP/unpriv.$SC_CHECKS.json"
		err="$SC_TMP/unpriv.$SC_CHECKS.err"
		SC_CHECKS=$((SC_CHECKS + 1))
		sc_log "as uid 65534 in ${ns#"$SC_PFX"}: netpath -j -c '$cmd'"
		ip netns exec "$ns" setpriv --reuid=65534 --regid=65534 --clear-groups \
			--inh-caps=-all --bounding-set=-all env NETPATH_PLAYBOOKS="$SC_TMP/playbooks" \
			timeout 30 "$SC_TMP/netpath" -j -c "$cmd" >"$out" 2>"$err"
		rc=$?
		python3 "$CHECK" --json "$out" --stderr "$err" --rc "$rc" --scenario "$SC_NAME" \
			--command "$cmd (uid 65534)" --results "$NP_SC_RESULTS/$SC_NAME.tsv" "$@" ||
			SC_FAILED=$((SC_FAILED + 1))
	}
	unpriv "$C" "diagnose dst=$SADDR port=$P window=$W" status=unknown exit=3 \
		summary="could not observe"
	unpriv "$S" "diagnose port=$P window=$W" status=unknown exit=3 summary="could not observe"
	unpriv "$S" "run rx port=$P window=$W" status=unknown exit=3
	;;
*)
	sc_skip "unknown variant $VARIANT"
	;;
esac
sc_finish
