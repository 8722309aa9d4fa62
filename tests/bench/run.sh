#!/usr/bin/env bash
# Run every tests/bench/*.sh benchmark (each compares netpath side by side
# with ip/ss/tc/conntrack/bpftrace in the same run and prints its ratios),
# then write tests/bench/README.md: the machine, and each benchmark's table
# as it printed it, plus a summary of the ratio lines.
# Usage: tests/bench/run.sh [NETPATH]   (root; needs hyperfine, /usr/bin/time)
#   BENCH_ONLY="startup probe"  run a subset; BENCH_TIMEOUT per script (900 s)
#   BENCH_README=path           where to write the table (tests/bench/README.md)
set -uo pipefail
cd "$(dirname "$0")/../.."
NP=$(realpath "${1:-${NETPATH:-build/netpath}}")
OUT=${BENCH_README:-tests/bench/README.md}
TMO=${BENCH_TIMEOUT:-900}
[ -x "$NP" ] || { echo "no netpath binary at $NP (build first)"; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)"; exit 77; }

logdir=$(mktemp -d /tmp/np-bench.XXXXXX)
trap 'rm -rf "$logdir"' EXIT

scripts=()
for s in tests/bench/*.sh; do
	name=$(basename "$s" .sh)
	[ "$name" = run ] && continue
	if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then
		continue
	fi
	scripts+=("$s")
done

declare -A status secs
for s in "${scripts[@]}"; do
	name=$(basename "$s" .sh)
	echo "=== bench: $name"
	t0=$(date +%s)
	# Each script cleans up its own namespaces; timeout bounds a stuck one.
	timeout --kill-after=30 "$TMO" bash "$s" "$NP" 2>&1 | tee "$logdir/$name.log"
	rc=${PIPESTATUS[0]}
	secs[$name]=$(($(date +%s) - t0))
	case $rc in
	0) status[$name]=ok ;;
	77) status[$name]="skipped" ;;
	124) status[$name]="timed out after ${TMO}s" ;;
	*) status[$name]="exit $rc" ;;
	esac
done

# ---- README.md ----
mem=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
cpu=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
{
	echo "# Benchmarks"
	echo
	echo "Side-by-side measurements of netpath against the tools an engineer would"
	echo "otherwise use (ip, ss, tc, conntrack, bpftrace), each pair measured in the"
	echo "same run with hyperfine so both sides see the same load and caches."
	echo "Run them all with \`tests/bench/run.sh [NETPATH]\` (root, Debian packages"
	echo "\`hyperfine\`, \`time\`, \`bpftrace\`, \`conntrack\`); it rewrites this file."
	echo "Each script also runs alone: \`tests/bench/NAME.sh [NETPATH] [--check]\`."
	echo
	echo "## Last run"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
	echo "| netpath | $("$NP" -V 2>/dev/null) ($(git rev-parse --short HEAD 2>/dev/null || echo '?')) |"
	echo "| CPU | ${cpu:-?}, $(nproc) cores online |"
	echo "| memory | $mem |"
	echo "| kernel | $(uname -r) |"
	echo "| system | $(. /etc/os-release && echo "$PRETTY_NAME") |"
	echo "| tools | $(hyperfine --version), $(ip -V 2>&1 | head -1), $(bpftrace --version 2>/dev/null | head -1) |"
	echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo
	echo "The host is shared (2 cores, other builds and tests running): absolute"
	echo "times are noisy, the ratios measured side by side are the figures to read."
	echo
	echo "## Summary"
	echo
	echo "| benchmark | status | time | ratio lines |"
	echo "|---|---|---|---|"
	for s in "${scripts[@]}"; do
		name=$(basename "$s" .sh)
		lines=$(grep -iE 'ratio|limit|PASS|FAIL|MISS|overhead|accuracy|exact|counted' "$logdir/$name.log" |
			sed 's/|/\\|/g; s/^[[:space:]]*//' | head -8 | paste -sd ';' | sed 's/;/<br>/g')
		echo "| $name | ${status[$name]} | ${secs[$name]} s | ${lines:--} |"
	done
	for s in "${scripts[@]}"; do
		name=$(basename "$s" .sh)
		echo
		echo "## $name"
		echo
		# The script's own header comment says what is measured and the targets.
		sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$s" | sed 's/^/    /' | head -20
		echo
		echo '```'
		# hyperfine progress bars and blank lines are noise in a table.
		grep -v -E $'\r|^\\s*$' "$logdir/$name.log" | tail -60
		echo '```'
	done
} >"$OUT"
echo
echo "bench: wrote $OUT"
for s in "${scripts[@]}"; do
	name=$(basename "$s" .sh)
	printf 'bench: %-12s %-22s %5s s\n' "$name" "${status[$name]}" "${secs[$name]}"
done
