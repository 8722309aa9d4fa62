#!/usr/bin/env bash
# Build the libFuzzer targets in a separate build dir (build-fuzz, clang,
# -fsanitize=fuzzer,address,undefined) and run each for a bounded time.
# Fails on any finding (crash, leak, sanitizer report, broken invariant);
# prints the executions per target.  Env: FUZZ_SECONDS (default 60),
# FUZZ_BUILD (default build-fuzz), FUZZ_TARGETS (default: all built).
set -uo pipefail
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SECONDS:-60}
# A smaller ASan quarantine keeps RSS modest on a shared 2-core CI box.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32:detect_leaks=1}
BUILD=${FUZZ_BUILD:-build-fuzz}

if [ ! -f "$BUILD/build.ninja" ]; then
	CC=clang meson setup "$BUILD" -Dfuzz=true -Dscenarios=false -Db_lundef=false \
		-Dbuildtype=debugoptimized >"$BUILD.setup.log" 2>&1 || {
		cat "$BUILD.setup.log"
		exit 1
	}
fi
ninja -C "$BUILD" >/dev/null || ninja -C "$BUILD" || exit 1

targets=${FUZZ_TARGETS:-$(sed -n "s/^  '\([a-z0-9_]*\)',$/\1/p" tests/fuzz/meson.build)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
printf '%-18s %12s %8s  %s\n' TARGET EXECUTIONS EXEC/S RESULT
for t in $targets; do
	exe="$BUILD/tests/fuzz/fuzz_$t"
	seeds="tests/fuzz/corpus/$t"
	[ -x "$exe" ] || { echo "fuzz_$t: not built"; failed=$((failed + 1)); continue; }
	# New inputs go to a scratch dir: the checked-in corpus stays the seeds.
	mkdir -p "$work/$t" "$work/art-$t"
	log="$BUILD/fuzz-$t.log"
	dirs=("$work/$t")
	[ -d "$seeds" ] && dirs+=("$seeds")
	"$exe" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=1024 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$work/art-$t/" "${dirs[@]}" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	if [ $rc -eq 0 ] && ! ls "$work/art-$t"/* >/dev/null 2>&1; then
		result=ok
		passed=$((passed + 1))
	else
		result="FINDING (exit $rc), see $log"
		failed=$((failed + 1))
		mkdir -p tests/fuzz/findings
		cp "$work/art-$t"/* tests/fuzz/findings/ 2>/dev/null
		grep -m5 -E 'ERROR|invariant|SUMMARY' "$log"
	fi
	printf '%-18s %12s %8s  %s\n' "fuzz_$t" "${execs:-0}" "${rate:-0}" "$result"
done
echo "fuzz: ${passed} passed, ${failed} failed (${SECS}s per target)"
[ "$failed" -eq 0 ]
