#!/usr/bin/env bash
# Record -> replay: scenario 1's fault (iptables DROP in INPUT for the
# service port) diagnosed live with NETPATH_FACTS_RECORD, then the capture
# replayed (NETPATH_FACTS_REPLAY) after the namespaces are gone, as uid
# 65534: the same verdict from the recorded probe window and counters,
# without root, BPF or the kernel state.  This is the forensics use (record
# an incident, replay it elsewhere) and how golden cases in tests/verdicts
# are made from real runs.
. "$(dirname "$0")/lib.sh"
sc_init sc_record_replay "${1:-4}" netfilter
sc_need iptables setpriv
sc_topo_pair
PORT=5001
CAP="$SC_TMP/capture.facts"
sc_x "$S" iptables -A INPUT -p udp --dport $PORT -j DROP || sc_skip "iptables cannot add rules here"
sc_bg "$S" udp-recv --bind "$ANY" --port $PORT
sc_wait_port "$S" udp $PORT
sc_bg "$C" udp-send --dst "$SADDR" --port $PORT --rate 75 --duration $SC_TRAFFIC
sleep 0.5
NETPATH_FACTS_RECORD="$CAP" sc_expect "$S" "run rx port=$PORT window=$SC_WINDOW" \
	layer=netfilter reason=NETFILTER_DROP exit=2 names=$PORT
grep -q '^drops.layer\[netfilter\] = [1-9]' "$CAP" || {
	echo "FAIL [$SC_NAME]: the capture lacks the probe's netfilter drops"
	SC_FAILED=$((SC_FAILED + 1))
}
# Namespaces and traffic go now (nothing of the fault is left); SC_TMP
# stays for the replay and goes at exit.
SC_KEEP=1 sc_cleanup
SC_PIDS=()
SC_NS=()
chmod 755 "$SC_TMP"
chmod 644 "$CAP"
out="$SC_TMP/replay.json"
SC_CHECKS=$((SC_CHECKS + 1))
NETPATH_FACTS_REPLAY="$CAP" setpriv --reuid 65534 --regid 65534 --clear-groups \
	"$NETPATH" -j -c "run rx port=$PORT" >"$out" 2>"$SC_TMP/replay.err"
rc=$?
python3 "$CHECK" --json "$out" --stderr "$SC_TMP/replay.err" --rc "$rc" \
	--scenario "$SC_NAME" --command "replay: run rx port=$PORT" \
	--results "$NP_SC_RESULTS/$SC_NAME.tsv" layer=netfilter reason=NETFILTER_DROP exit=2 \
	names=$PORT || SC_FAILED=$((SC_FAILED + 1))
sc_finish
