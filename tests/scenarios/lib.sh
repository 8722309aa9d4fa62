# Scenario harness: source from tests/scenarios/sc_NN_*.sh.
#
#   sc_init NAME FAMILY LAYER trap cleanup, per-run namespace prefix, results
#                             (LAYER: the expected verdict, for skip rows)
#   sc_topo_pair              namespaces $C (client) and $S (server): c0 -- s0
#   sc_topo_router            $C -- $R -- $S: c0 -- r0 | r1 -- s0, R forwards
#   sc_bg NS MODE ARGS...     bounded traffic (tests/tools/nptraffic.py) in NS
#   sc_expect NS "CMD" key=value...   run netpath, check the verdict, record
#   sc_finish                 exit 0 (all checks passed) or 1
#   sc_skip "why"             exit 77 (meson's skip code), recorded as skip
#
# Addresses (same in every run: each run has its own namespaces):
#   pair:   c0 10.201.1.1/24 fd00:201:1::1/64   s0 10.201.1.2/24 fd00:201:1::2/64
#   router: c0 10.201.1.1 / r0 10.201.1.254 ; r1 10.201.2.254 / s0 10.201.2.1
#           (IPv6 fd00:201:1::1 / ::fe ; fd00:201:2::fe / ::1)
# After sc_init, $CADDR/$SADDR hold the client/server address of the family
# under test (FAMILY 4 or 6), so one script covers both.

SC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SC_SRC=$(cd "$SC_DIR/../.." && pwd)
# NETPATH may be set by the caller (sanitizer builds); meson passes its own
# binary as NP_BUILD_NETPATH.
NETPATH=${NETPATH:-${NP_BUILD_NETPATH:-$SC_SRC/build/netpath}}
NP_BPF_DIR=${NP_BPF_DIR:-$SC_SRC/build/tests/bpf}
# The built-in playbooks of this checkout (not whatever is installed).
export NETPATH_PLAYBOOKS=${NETPATH_PLAYBOOKS:-$SC_SRC/playbooks}
NP_SC_RESULTS=${NP_SC_RESULTS:-$SC_SRC/build/scenario-results}
TRAFFIC="$SC_SRC/tests/tools/nptraffic.py"
CHECK="$SC_DIR/check_verdict.py"
# The port the BPF fault programs drop (tests/bpf/drop_port.h DROP_PORT).
SC_BPF_PORT=5001
SC_WINDOW=${SC_WINDOW:-2}
# How long background traffic lasts at most (seconds).
SC_TRAFFIC=${SC_TRAFFIC:-25}

SC_NS=()
SC_PIDS=()
SC_FAILED=0
SC_CHECKS=0

sc_log() { echo "[$SC_NAME] $*"; }

sc_cleanup() {
	local pid ns
	for pid in "${SC_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${SC_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	for ns in "${SC_NS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	[ -n "${SC_TMP:-}" ] && [ -z "${SC_KEEP:-}" ] && rm -rf "$SC_TMP"
}

# Record one row for the suite report (tests/scenarios/report.py).
sc_record() { # result expected got command detail
	mkdir -p "$NP_SC_RESULTS"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$SC_NAME" "$1" "$2" "$3" "$4" "$5" \
		>>"$NP_SC_RESULTS/$SC_NAME.tsv"
}

sc_skip() {
	echo "SKIP [$SC_NAME]: $*"
	sc_record skip "${SC_EXPECT_LAYER:--}" - - "$*"
	exit 77
}

sc_init() {
	SC_NAME=$1
	SC_FAMILY=${2:-4}
	SC_EXPECT_LAYER=${3:--}
	[ "$SC_FAMILY" = 6 ] && SC_NAME="${SC_NAME}_v6"
	# NP_SC_NS_PREFIX: a caller running beside others names its namespaces (np-pbf-).
	SC_PFX="${NP_SC_NS_PREFIX:-np-sc-}$$-"
	mkdir -p "$NP_SC_RESULTS"
	rm -f "$NP_SC_RESULTS/$SC_NAME.tsv"
	trap sc_cleanup EXIT
	trap 'exit 1' INT TERM
	SC_TMP=$(mktemp -d "/tmp/np-sc-$$.XXXX")
	[ "$(id -u)" -eq 0 ] || sc_skip "needs root (network namespaces)"
	[ -x "$NETPATH" ] || sc_skip "netpath binary not found at $NETPATH"
	command -v python3 >/dev/null || sc_skip "python3 not installed"
	if [ "$SC_FAMILY" = 6 ]; then
		[ -e /proc/sys/net/ipv6 ] || sc_skip "kernel without IPv6"
	fi
}

sc_need() { # command...
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null || sc_skip "$c not installed"
	done
}

sc_ns() { # VAR SHORT: create namespace ${SC_PFX}SHORT, store its name in VAR
	local ns="${SC_PFX}$2"
	ip netns add "$ns" || sc_skip "cannot create network namespace $ns"
	SC_NS+=("$ns")
	printf -v "$1" '%s' "$ns"
	ip -n "$ns" link set lo up
	# Deterministic neighbour/ICMP behaviour, no DAD delay for IPv6.
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 >/dev/null 2>&1
}

sc_x() { # NS cmd... : run inside a namespace
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

sc_addr() { # NS DEV V4/len V6/len
	ip -n "$1" addr add "$3" dev "$2"
	ip -n "$1" -6 addr add "$4" dev "$2" nodad 2>/dev/null
	ip -n "$1" link set "$2" up
}

sc_family_addrs() { # v4client v4server v6client v6server
	if [ "$SC_FAMILY" = 6 ]; then
		CADDR=$3 SADDR=$4 ANY="::"
	else
		CADDR=$1 SADDR=$2 ANY="0.0.0.0"
	fi
}

sc_topo_pair() {
	sc_ns C c
	sc_ns S s
	ip link add c0 netns "$C" type veth peer name s0 netns "$S"
	sc_addr "$C" c0 10.201.1.1/24 fd00:201:1::1/64
	sc_addr "$S" s0 10.201.1.2/24 fd00:201:1::2/64
	sc_family_addrs 10.201.1.1 10.201.1.2 fd00:201:1::1 fd00:201:1::2
	sc_settle
}

sc_topo_router() {
	sc_ns C c
	sc_ns R r
	sc_ns S s
	ip link add c0 netns "$C" type veth peer name r0 netns "$R"
	ip link add r1 netns "$R" type veth peer name s0 netns "$S"
	sc_addr "$C" c0 10.201.1.1/24 fd00:201:1::1/64
	sc_addr "$R" r0 10.201.1.254/24 fd00:201:1::fe/64
	sc_addr "$R" r1 10.201.2.254/24 fd00:201:2::fe/64
	sc_addr "$S" s0 10.201.2.1/24 fd00:201:2::1/64
	ip -n "$C" route add default via 10.201.1.254
	ip -n "$C" -6 route add default via fd00:201:1::fe
	ip -n "$S" route add default via 10.201.2.254
	ip -n "$S" -6 route add default via fd00:201:2::fe
	sc_x "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	sc_family_addrs 10.201.1.1 10.201.2.1 fd00:201:1::1 fd00:201:2::1
	sc_settle
}

# Wait until our links have carrier (veth carrier comes a few ms after up).
sc_settle() {
	local i ns down
	for i in $(seq 40); do
		down=0
		for ns in "${SC_NS[@]}"; do
			ip -n "$ns" -br link | grep -q 'LOWERLAYERDOWN' && down=1
		done
		[ "$down" -eq 0 ] && break
		sleep 0.05
	done
}

# Bounded background traffic: sc_bg NS MODE [nptraffic args...].  Every
# generator gets a deadline (default SC_TRAFFIC + 5 s) and a timeout(1)
# guard; the cleanup trap stops them when the scenario ends.  Senders use
# --rate over --duration $SC_TRAFFIC so traffic still flows during every
# window even when a loaded machine makes netpath start late.
sc_bg() {
	local ns=$1 mode=$2
	shift 2
	local dl=$((SC_TRAFFIC + 5)) a prev=
	# An explicit --deadline in the arguments wins (argparse takes the
	# last one); the timeout(1) guard must follow it.
	for a in "$@"; do
		[ "$prev" = --deadline ] && dl=${a%.*}
		prev=$a
	done
	ip netns exec "$ns" timeout -k 1 $((dl + 5)) python3 "$TRAFFIC" "$mode" \
		--deadline "$dl" "$@" >"$SC_TMP/bg.$mode.$RANDOM.log" 2>&1 &
	SC_PIDS+=($!)
}

# Foreground, bounded (for setup steps that must finish first).
sc_fg() {
	local ns=$1 mode=$2
	shift 2
	ip netns exec "$ns" timeout -k 1 20 python3 "$TRAFFIC" "$mode" --deadline 15 "$@"
}

# Wait until a background server printed "ready" (listeners must exist
# before the traffic starts, or the scenario measures a different fault).
sc_wait_port() { # NS PROTO PORT
	local i
	for i in $(seq 40); do
		if ip netns exec "$1" ss -Hln"${2:0:1}" "sport = :$3" 2>/dev/null | grep -q .; then
			return 0
		fi
		sleep 0.05
	done
	echo "[$SC_NAME] warning: nothing listening on $2/$3 in $1" >&2
}

# sc_expect NS "CMD" key=value...
#   layer=L          verdict.layer must equal L
#   reason=REGEX     verdict.reason (or the crit finding's reason) matches
#   exit=N           netpath exit status
#   names=A,B        summary + hints + titles name each of A, B
#   tcpdump=seen|unseen   what the verdict says tcpdump would show
#   status=S         verdict.status
#   json:PATH=VALUE  the member at a dotted path (culprit.handle) equals VALUE
# Runs `netpath -n NS -j -c CMD`, prints the JSON on failure, records a row.
sc_expect() {
	local ns=$1 cmd=$2
	shift 2
	local out err rc
	out="$SC_TMP/np.$SC_CHECKS.json"
	err="$SC_TMP/np.$SC_CHECKS.err"
	SC_CHECKS=$((SC_CHECKS + 1))
	sc_log "netpath -n ${ns#"$SC_PFX"} -j -c '$cmd'"
	# SC_FROM=NS: netpath started inside NS (the host of a container), as
	# the engineer on that host would run it.
	${SC_FROM:+ip netns exec "$SC_FROM"} timeout -k 2 $((SC_WINDOW + 30)) "$NETPATH" -n "$ns" \
		-j -c "$cmd" >"$out" 2>"$err"
	rc=$?
	if ! python3 "$CHECK" --json "$out" --stderr "$err" --rc "$rc" \
		--scenario "$SC_NAME" --command "$cmd" --results "$NP_SC_RESULTS/$SC_NAME.tsv" "$@"; then
		SC_FAILED=$((SC_FAILED + 1))
		# Keep the whole answer for the failure list (KNOWN_FAILURES.md).
		mkdir -p "$NP_SC_RESULTS/failed"
		cp "$out" "$NP_SC_RESULTS/failed/$SC_NAME.$SC_CHECKS.json"
		return 1
	fi
	return 0
}

# SNMP/netstat counter of a namespace (fresh namespaces start at 0):
# sc_counter NS GROUP FIELD, e.g. sc_counter $S Udp NoPorts, $S Udp6 NoPorts.
sc_counter() {
	ip netns exec "$1" awk -v g="$2" -v f="$3" '
		FILENAME ~ /snmp6/ { if ($1 == g f) v = $2; next }
		$1 == g ":" {
			if (!(g in seen)) { for (i = 2; i <= NF; i++) col[i] = $i; seen[g] = 1 }
			else for (i = 2; i <= NF; i++) if (col[i] == f) v = $i
		}
		END { print v + 0 }' /proc/net/snmp /proc/net/netstat /proc/net/snmp6 2>/dev/null
}

# Prove the fault was really staged, independently of netpath, so a broken
# staging is reported as such instead of as a wrong verdict.
#   sc_witness "what" CMD...   CMD must succeed
#   sc_witness_counter NS GROUP FIELD   the counter must be > 0
sc_witness() {
	local what=$1 i
	shift
	# Poll briefly: when netpath answered early the traffic may still be
	# on its way.
	for i in $(seq 30); do
		if "$@" >/dev/null 2>&1; then
			sc_log "staging verified: $what"
			return 0
		fi
		sleep 0.1
	done
	echo "  FAIL: fault not staged: $what"
	sc_record fail "$SC_EXPECT_LAYER" - "(staging)" "fault not staged: $what"
	SC_FAILED=$((SC_FAILED + 1))
	return 1
}

sc_witness_counter() {
	sc_witness "$2.$3 > 0 in ${1#"$SC_PFX"}" sc_counter_positive "$@"
}

sc_counter_zero() { # NS GROUP FIELD
	[ "$(sc_counter "$1" "$2" "$3")" = 0 ]
}

sc_counter_positive() { # NS GROUP FIELD
	local v
	v=$(sc_counter "$1" "$2" "$3")
	[ "${v:-0}" -gt 0 ]
}

sc_finish() {
	if [ "$SC_CHECKS" -eq 0 ]; then
		echo "FAIL [$SC_NAME]: no verdict was checked"
		exit 1
	fi
	if [ "$SC_FAILED" -gt 0 ]; then
		echo "FAIL [$SC_NAME]: $SC_FAILED of $SC_CHECKS verdict checks failed"
		exit 1
	fi
	echo "PASS [$SC_NAME]: $SC_CHECKS verdict checks"
	exit 0
}
