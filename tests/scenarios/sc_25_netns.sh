#!/usr/bin/env bash
# Scenario 25: a namespace the way containers have them: no /run/netns name,
# only a process in it (`unshare -n sleep`), joined by a veth to a named
# namespace that sends UDP to a port nobody listens on.  netpath must reach
# it by pid:PID, a bare pid, /proc/PID/ns/net, docker:/crictl: (stand-in
# CLIs that check their argv), list it with its pid and interface, diagnose
# it (transport, NO_SOCKET), probe it by pid, say the truth under nsenter,
# and refuse malformed (64) or vanished (3) namespaces in one line.
. "$(dirname "$0")/lib.sh"
sc_init sc_25_netns "${1:-4}" transport
sc_need unshare nsenter
PORT=5025

sc_ns C c
# The unnamed namespace: unshare execs sleep, so $UPID is the process in it
# (300 s at most: a loaded machine stretches the run; the trap kills it).
unshare -n sleep 300 &
UPID=$!
SC_PIDS+=("$UPID")
HOME_INO=$(stat -L -c %i /proc/self/ns/net)
for _ in $(seq 50); do
	UINO=$(stat -L -c %i "/proc/$UPID/ns/net" 2>/dev/null)
	[ -n "$UINO" ] && [ "$UINO" != "$HOME_INO" ] && break
	sleep 0.02
done
[ -n "$UINO" ] && [ "$UINO" != "$HOME_INO" ] || sc_skip "unshare -n did not make a namespace"
ux() { nsenter -t "$UPID" -n "$@"; }
ip link add c0 netns "$C" type veth peer name u0 netns "$UPID" || sc_skip "no veth into pid $UPID"
sc_addr "$C" c0 10.201.1.1/24 fd00:201:1::1/64
ux ip link set lo up
ux ip addr add 10.201.1.2/24 dev u0
ux ip link set u0 up
sc_settle
UIDX=$(ux ip -o link show u0 | cut -d: -f1)
export UPID UINO HOME_INO C UIDX

# nx "what" EXPR -- CMD...: run CMD (bounded), then check the Python
# expression EXPR over j (last JSON object), rc, err (stderr), errlines
# (its "netpath:" lines) and secs (how long it took).  Exit 2 from EXPR's
# evaluation (a probe that could not attach here) records a skip.
nx() {
	local what=$1 expr=$2 out err t0 rc
	shift 3
	out="$SC_TMP/nx.$SC_CHECKS.json"
	err="$SC_TMP/nx.$SC_CHECKS.err"
	SC_CHECKS=$((SC_CHECKS + 1))
	t0=$(date +%s.%N)
	timeout -k 2 30 "$@" >"$out" 2>"$err"
	rc=$?
	python3 - "$out" "$err" "$rc" "$t0" "$expr" <<'EOF'
import json, os, sys, time
out, errf, rc, t0, expr = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
secs = time.time() - t0
err = open(errf).read()
errlines = [l for l in err.splitlines() if l.startswith("netpath:")]
objs = []
for l in open(out):
    if l.strip():
        objs.append(json.loads(l))
j = objs[-1] if objs else {}
UPID, UINO, HOME_INO = int(os.environ["UPID"]), int(os.environ["UINO"]), int(os.environ["HOME_INO"])
C, UIDX = os.environ["C"], int(os.environ["UIDX"])
if j.get("skip"):
    sys.exit(2)
# Parenthesised: the expression may span indented lines.
sys.exit(0 if eval("(\n" + expr + "\n)") else 1)
EOF
	case $? in
	0)
		sc_log "ok: $what"
		sc_record pass - - "$what" "$*"
		;;
	2)
		sc_log "skip: $what (the probe could not attach here)"
		sc_record skip - - "$what" "$*"
		;;
	*)
		echo "  FAIL: $what (exit $rc)"
		head -c 1500 "$out" "$err"
		sc_record fail - - "$what" "$*"
		SC_FAILED=$((SC_FAILED + 1))
		;;
	esac
}

# Reached by pid:PID, by a bare pid, by its /proc file.
nx "-n pid:PID: there, named pid:PID" \
	'rc == 0 and j["netns"] == "pid:%d" % UPID and j["inode"] == UINO and j["initial"] is False
	 and [n["inode"] for n in j["namespaces"] if n["current"]] == [UINO]' \
	-- "$NETPATH" -n "pid:$UPID" -j -c netns
nx "-n PID (bare): link shows its veth" \
	'rc == 0 and j["links"][0]["name"] == "u0" and j["links"][0]["kind"] == "veth"' \
	-- "$NETPATH" -n "$UPID" -j -c 'link u0'
nx "-n /proc/PID/ns/net: its interfaces, not the host's" \
	'rc == 0 and sorted(l["name"] for l in j["links"]) == ["lo", "u0"]' \
	-- "$NETPATH" -n "/proc/$UPID/ns/net" -j -c link

# Listed from the host: inode, no name, its process, its interface.
nx "netns lists the unnamed namespace with its pid and interface" \
	'rc == 0 and [(n["name"], n["netns"], [(p["pid"], p["comm"]) for p in n["processes"]],
	   n["interfaces"]) for n in j["namespaces"] if n["inode"] == UINO]
	 == [(None, "pid:%d" % UPID, [(UPID, "sleep")], ["lo", "u0"])]
	 and [n["interfaces"] for n in j["namespaces"] if n["name"] == C] == [["lo", "c0"]]' \
	-- "$NETPATH" -j -c netns

# The text list fits 80 columns, and shows the namespace by its pid.
NX_TEXT="$SC_TMP/netns.txt"
SC_CHECKS=$((SC_CHECKS + 1))
if NO_COLOR=1 "$NETPATH" -c netns >"$NX_TEXT" 2>&1 && [ "$(wc -L <"$NX_TEXT")" -le 80 ] &&
	grep -Eq "^  $UINO  pid:$UPID +$UPID sleep +lo, u0$" "$NX_TEXT"; then
	sc_log "ok: netns text: 80 columns, pid:$UPID row"
	sc_record pass - - "netns text fits 80 columns" "netns"
else
	echo "  FAIL: netns text (widest line $(wc -L <"$NX_TEXT"))"
	cat "$NX_TEXT"
	sc_record fail - - "netns text fits 80 columns" "netns"
	SC_FAILED=$((SC_FAILED + 1))
fi

# Something to diagnose in it: UDP to a port without a socket.
sc_bg "$C" udp-send --dst 10.201.1.2 --port $PORT --rate 30 --duration "$SC_TRAFFIC"
sleep 0.5
sc_expect "pid:$UPID" "run udp port=$PORT window=$SC_WINDOW" layer=transport \
	reason=NO_SOCKET exit=2 names=$PORT

# Probe filters take the same forms; the kernel-side filter is its inode.
nx "probe drops netns pid:PID watches that namespace" \
	'rc in (0, 1, 2) and j["filter"] == "netns pid:%d" % UPID and j["drops"]
	 and all(d["netns_inode"] == UINO for d in j["drops"])
	 and any("NO_SOCKET" in d["reason"] for d in j["drops"])' \
	-- "$NETPATH" -j -c "probe drops 1 netns pid:$UPID"
nx "probe drops netns /proc/PID/ns/net and dev u0: ifindex from inside it" \
	'rc in (0, 1, 2) and j["drops"] and all(d["netns_inode"] == UINO and d["ifindex"] == UIDX
	 for d in j["drops"])' \
	-- "$NETPATH" -j -c "probe drops 1 netns /proc/$UPID/ns/net and dev u0"

# The truth without -n: under nsenter (no name) and ip netns exec (a name).
nx "under nsenter: inode:N, not (initial)" \
	'rc == 0 and j["netns"] == "inode:%d" % UINO and j["initial"] is False' \
	-- nsenter -t "$UPID" -n "$NETPATH" -j -c netns
nx "under ip netns exec: its name" \
	'rc == 0 and j["netns"] == C' \
	-- ip netns exec "$C" "$NETPATH" -j -c netns
nx "netns - returns to the starting namespace" \
	'rc == 0 and j["inode"] == HOME_INO' \
	-- "$NETPATH" -n "pid:$UPID" -j -c 'netns -'

# Container CLIs: stand-ins that insist on netpath's exact argv.
BIN="$SC_TMP/bin"
mkdir -p "$BIN"
cat >"$BIN/docker" <<EOF
#!/bin/sh
[ "\$1 \$2 \$3 \$4 \$5 \$#" = "inspect --type container -f {{.State.Pid}} 6" ] ||
	{ echo "unexpected argv: \$*" >&2; exit 2; }
case "\$6" in
web) echo $UPID ;;
stopped) echo 0 ;;
hang) exec sleep 30 ;;
*) echo "Error: No such container: \$6" >&2; exit 1 ;;
esac
EOF
cat >"$BIN/crictl" <<EOF
#!/bin/sh
[ "\$1 \$#" = "inspect 2" ] || { echo "unexpected argv: \$*" >&2; exit 2; }
[ "\$2" = 3f2a1b4c5d6e ] || { echo "container \$2 not found" >&2; exit 1; }
printf '{"status": {"pid": 1, "state": "CONTAINER_RUNNING"},\n "info": {"sandboxID": "x", "pid": %d}}\n' $UPID
EOF
chmod +x "$BIN/docker" "$BIN/crictl"
nx "docker:NAME through docker inspect" \
	'rc == 0 and j["netns"] == "docker:web" and j["inode"] == UINO' \
	-- env PATH="$BIN:$PATH" "$NETPATH" -n docker:web -j -c netns
nx "crictl:ID through crictl inspect (info.pid)" \
	'rc == 0 and j["netns"] == "crictl:3f2a1b4c5d6e" and j["inode"] == UINO' \
	-- env PATH="$BIN:$PATH" "$NETPATH" -n crictl:3f2a1b4c5d6e -j -c netns
nx "docker: a stopped container -> 3, one line" \
	'rc == 3 and len(errlines) == 1 and "not running" in err and "error" in j' \
	-- env PATH="$BIN:$PATH" "$NETPATH" -n docker:stopped -j -c netns
nx "docker: an unknown container -> 3 with the CLI's message" \
	'rc == 3 and len(errlines) == 1 and "No such container: nosuch" in err' \
	-- env PATH="$BIN:$PATH" "$NETPATH" -n docker:nosuch -c netns
nx "docker: a CLI that hangs is killed at the bound -> 3" \
	'rc == 3 and len(errlines) == 1 and "no answer" in err and secs < 12' \
	-- env PATH="$BIN:$PATH" "$NETPATH" -n docker:hang -c netns
if ! command -v podman >/dev/null; then
	nx "podman: CLI absent -> 3, one line" \
		'rc == 3 and len(errlines) == 1 and "not installed" in err' \
		-- "$NETPATH" -n podman:web -c netns
fi

# Malformed specs: 64; namespaces that do not exist here: 3; one line each.
nx "malformed -n pid:abc -> 64, one error line" \
	'rc == 64 and len(errlines) == 1 and "pid:PID" in err and j["error"]' \
	-- "$NETPATH" -n pid:abc -j -c netns
nx "malformed netns docker:-x in a session -> 64" \
	'rc == 64 and len(errlines) == 1' \
	-- "$NETPATH" -c 'netns docker:-x'
sleep 0 &
DEAD=$!
wait "$DEAD"
nx "vanished pid:PID -> 3, one error line" \
	'rc == 3 and len(errlines) == 1 and "no process" in err and j["error"]' \
	-- "$NETPATH" -n "pid:$DEAD" -j -c netns
nx "vanished bare pid -> 3" \
	'rc == 3 and len(errlines) == 1' \
	-- "$NETPATH" -n "$DEAD" -c netns
nx "a file that is another namespace type -> 3" \
	'rc == 3 and len(errlines) == 1 and "not a network namespace" in err' \
	-- "$NETPATH" -n "/proc/$UPID/ns/mnt" -c netns
nx "probe filter with a vanished pid -> 3" \
	'rc == 3 and len(errlines) == 1 and "no process" in err' \
	-- "$NETPATH" -c "probe drops 1 netns pid:$DEAD"

# A bare number that /run/netns has as a name is that name, not the pid.
ip netns add "$UPID" && SC_NS+=("$UPID") # the trap deletes it
nx "bare number: a /run/netns name wins over the pid" \
	'rc == 0 and j["netns"] == str(UPID) and j["inode"] != UINO' \
	-- "$NETPATH" -n "$UPID" -j -c netns

# The fault was staged: the unnamed namespace counted the datagrams.
ux_noports() { [ "$(ux awk '$1 == "Udp:" && ++n == 2 { print $3 }' /proc/net/snmp)" -gt 0 ]; }
sc_witness "Udp NoPorts > 0 in the unnamed namespace" ux_noports
sc_finish
