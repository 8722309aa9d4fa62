#!/usr/bin/env bash
# Sanitizer pass: build build-asan with -Db_sanitize=address,undefined and run
# the unit and scenario suites with that binary (NETPATH points the scenario
# harness at it), then run a scripted session covering every command under
# valgrind memcheck with the normal build.  Prints one line per suite and
# "sanitize: N passed, N failed, N skipped".
#   ASAN_BUILD (build-asan), BUILD (build: the valgrind binary),
#   SANITIZE_SCENARIOS=0 to skip the scenarios (they need root), =all to run
#   every scenario under ASan (default: the first variant of each file).
set -uo pipefail
cd "$(dirname "$0")/.."
ASAN_BUILD=${ASAN_BUILD:-build-asan}
BUILD=${BUILD:-build}
# exitcode=86: distinct from netpath's own statuses (1 is WARNING).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=86:quarantine_size_mb=32}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=86}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/valgrind/lsan.supp:print_suppressions=0}

passed=0 failed=0 skipped=0
result() { # name ok|fail|skip detail
	printf 'sanitize: %-22s %s %s\n' "$1" "$2" "${3:-}"
	case $2 in
	ok) passed=$((passed + 1)) ;;
	skip) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
}

# meson test exit status alone hides skips; read its summary.
meson_suite() { # name suite [test names: a subset of the suite]
	local name=$1 suite=$2 log="$ASAN_BUILD/sanitize-$2.log" fail ok
	shift 2
	meson test -C "$ASAN_BUILD" --suite "$suite" --print-errorlogs --num-processes 1 \
		--timeout-multiplier 3 "$@" >"$log" 2>&1
	cp "$ASAN_BUILD/meson-logs/testlog.json" "$ASAN_BUILD/testlog-$suite.json" 2>/dev/null
	ok=$(awk '/^Ok:/{print $2}' "$log" | tail -1)
	fail=$(awk '/^(Fail|Unexpected Pass|Timeout):/{s+=$2} END{print s+0}' "$log")
	if grep -q 'No suitable tests defined' "$log"; then
		result "$name" skip "(suite $suite has no tests yet)"
	elif [ -z "$ok" ]; then
		result "$name" fail "(no tests ran: $log)"
	elif [ "$fail" -eq 0 ]; then
		result "$name" ok "(${ok} tests)"
	else
		grep -E '^ *[0-9]+/[0-9]+ .*(FAIL|TIMEOUT)' "$log"
		grep -m10 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' -r "$ASAN_BUILD/meson-logs/testlog.txt"
		result "$name" fail "(${fail} failed: $log)"
	fi
}

if [ ! -f "$ASAN_BUILD/build.ninja" ]; then
	meson setup "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false \
		-Dwerror=true >"$ASAN_BUILD.setup.log" 2>&1 || { cat "$ASAN_BUILD.setup.log"; exit 1; }
fi
if ninja -C "$ASAN_BUILD" >"$ASAN_BUILD.ninja.log" 2>&1; then
	meson_suite asan-unit unit
	if [ "$(id -u)" -ne 0 ] || [ "${SANITIZE_SCENARIOS:-1}" = 0 ]; then
		result asan-scenarios skip "(needs root)"
	else
		# The whole scenario suite runs with the normal build; under ASan
		# one variant of each scenario file (its first, IPv4) walks every
		# code path the suite does at a third of the time, which keeps CI
		# inside its budget.  SANITIZE_SCENARIOS=all runs them all.
		subset=()
		if [ "${SANITIZE_SCENARIOS:-1}" != all ]; then
			mapfile -t subset < <(meson test -C "$ASAN_BUILD" --list 2>/dev/null |
				sed -n 's|^netpath:scenarios / ||p' | grep -v '_v6$' |
				awk '{ k = $0; if (match($0, /^sc_[0-9]+/)) k = substr($0, 1, RLENGTH)
				       if (!(k in seen)) { seen[k] = 1; print } }')
		fi
		NETPATH=$PWD/$ASAN_BUILD/netpath meson_suite asan-scenarios scenarios "${subset[@]}"
	fi
else
	tail -20 "$ASAN_BUILD.ninja.log"
	result asan-build fail
fi

# valgrind: the normal build (valgrind and ASan do not mix).
if ! command -v valgrind >/dev/null; then
	result valgrind-text skip "(valgrind not installed)"
	result valgrind-json skip "(valgrind not installed)"
else
	[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
	ninja -C "$BUILD" >/dev/null || exit 1
	session="$BUILD/valgrind-session.cmds"
	python3 tests/valgrind/session.py "$BUILD/netpath" >"$session" || exit 1
	# JSON mode walks the same code as text but the emitter: the probe
	# windows and walks (most of the time under valgrind, loading BPF)
	# are taken once (the first of each command, of each probe kind) there.
	awk '/^(probe|run|diagnose|firewall) / { k = $1 == "probe" ? $1 " " $2 : $1
		if (seen[k]++) next } { print }' \
		"$session" >"$session.json"
	for mode in text json; do
		log="$BUILD/valgrind-$mode.log"
		flags=()
		[ $mode = json ] && flags=(-j)
		# 99, not 1: netpath itself exits 1 for WARNING.
		timeout 600 valgrind --error-exitcode=99 --leak-check=full \
			--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
			--suppressions=tests/valgrind/netpath.supp --log-file="$log" \
			"$BUILD/netpath" "${flags[@]}" -f "$session${flags:+.json}" >"$log.out" 2>&1
		rc=$?
		n=$(grep -c . "$session${flags:+.json}")
		# netpath's own statuses (0-3, 64) are fine: errors in the session
		# are expected.  99 = memcheck error, 124 = hang, >= 128 = signal.
		if [ $rc -eq 99 ] || [ $rc -eq 124 ] || [ $rc -ge 128 ]; then
			grep -a -m20 -E 'Invalid|uninitialised|definitely lost|indirectly lost|ERROR SUMMARY' "$log"
			result "valgrind-$mode" fail "(exit $rc, $log)"
		else
			result "valgrind-$mode" ok "($n lines, $(grep -ao 'ERROR SUMMARY: [0-9]*' "$log"))"
		fi
	done
fi
echo "sanitize: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
