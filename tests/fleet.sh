#!/usr/bin/env bash
# The fleet examples of doc/FLEET.md, run for real (replayed captures: no
# root, no BPF):
#   doc/fleet/netpath-textfile  publishes the exposition atomically: the
#     file appears complete, is replaced, survives a failing run (usage
#     error, an incomplete exposition) untouched, leaves no temporary file,
#     and a reader polling during 20 rewrites never sees half a file;
#   netpath.cron  its command line, run as cron would (paths pointed here);
#   netpath-metrics.service/.timer  systemd-analyze verify;
#   Ansible  the ad-hoc command and doc/fleet/diagnose.yml against
#     localhost (-c local): two inventory hosts, the JSON verdicts
#     collected, the critical one listed first.
# Usage: fleet.sh NETPATH.  Exit 0 pass, 1 fail, 77 skip (no promtool).
set -uo pipefail
NETPATH=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/.." && pwd)
FLEET="$SRC/doc/fleet"
export NETPATH_PLAYBOOKS="$SRC/playbooks"
CRIT="$SRC/tests/verdicts/rx-conntrack-full.facts"
OK="$SRC/tests/verdicts/rx-healthy-recorded.facts"
TMP=$(mktemp -d /tmp/np-fleet.XXXX)
READER=
cleanup() {
	[ -n "$READER" ] && kill "$READER" 2>/dev/null && wait "$READER" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "skip $*"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

command -v promtool >/dev/null || {
	echo "SKIP: promtool not found (scripts/setup installs prometheus)"
	exit 77
}

D="$TMP/textfile"
mkdir "$D"
tf() { NETPATH="$NETPATH" "$FLEET/netpath-textfile" "$D" "$@"; }

echo "== netpath-textfile"
NETPATH_FACTS_REPLAY="$CRIT" tf -c 'run rx dev=eth0'
check "a critical verdict is a result: exit 0" '[ $? = 0 ]'
check "netpath.prom passes promtool" 'promtool check metrics <"$D/netpath.prom" >/dev/null 2>&1'
check "it carries the verdict (2)" 'grep -q "^netpath_verdict_status{.*layer=\"conntrack\".*} 2$" "$D/netpath.prom"'
check "mode 0644 (the collector runs as another user)" '[ "$(stat -c %a "$D/netpath.prom")" = 644 ]'
check "no temporary file left" '[ "$(ls -A "$D")" = netpath.prom ]'
NETPATH_FACTS_REPLAY="$OK" tf -c 'run rx dev=eth0'
check "the next run replaces it (status 0)" 'grep -q "^netpath_verdict_status{.*} 0$" "$D/netpath.prom"'
cp "$D/netpath.prom" "$TMP/before"
tf -c 'sokets' 2>/dev/null
check "a usage error exits 64" '[ $? = 64 ]'
check "... and leaves the previous file as it was" 'cmp -s "$D/netpath.prom" "$TMP/before"'
NETPATH=/bin/true "$FLEET/netpath-textfile" "$D" 2>/dev/null
check "an incomplete exposition (no # EOF) exits 3" '[ $? = 3 ]'
check "... and leaves the previous file as it was" 'cmp -s "$D/netpath.prom" "$TMP/before"'
check "no temporary file left after failures" '[ "$(ls -A "$D")" = netpath.prom ]'
"$FLEET/netpath-textfile" "$TMP/nonexistent" 2>/dev/null
check "a missing directory: usage (64)" '[ $? = 64 ]'
NETPATH_PROM=../x.prom "$FLEET/netpath-textfile" "$D" 2>/dev/null
check "NETPATH_PROM must be a plain name: 64" '[ $? = 64 ]'

# A scrape during rewrites sees a whole exposition every time.
(
	torn=0
	while :; do
		if [ -f "$D/netpath.prom" ] && [ "$(tail -n 1 "$D/netpath.prom")" != "# EOF" ]; then
			torn=$((torn + 1))
			echo "$torn" >"$TMP/torn"
		fi
	done
) &
READER=$!
for i in $(seq 20); do
	if [ $((i % 2)) = 0 ]; then c=$CRIT; else c=$OK; fi
	NETPATH_FACTS_REPLAY="$c" tf -c 'run rx dev=eth0' -c 'why NETFILTER_DROP' || bad "rewrite $i"
done
kill "$READER" 2>/dev/null
wait "$READER" 2>/dev/null
READER=
check "20 rewrites under a polling reader: never a torn file" '[ ! -s "$TMP/torn" ]'

echo "== netpath.cron"
line=$(grep -v '^#' "$FLEET/netpath.cron" | grep .)
read -r m h dom mon dow user cmd <<<"$line"
check "cron line: five time fields and a user" \
	'[ "$m|$h|$dom|$mon|$dow|$user" = "*|*|*|*|*|root" ]' 
cmd=${cmd//\/usr\/local\/bin\/netpath-textfile/$FLEET/netpath-textfile}
cmd=${cmd//\/usr\/local\/bin\/netpath/$NETPATH}
cmd=${cmd//\/var\/lib\/prometheus\/node-exporter/$D}
cmd=${cmd//\/var\/log\/netpath-textfile.log/$TMP/cron.log}
rm -f "$D/netpath.prom"
NETPATH_FACTS_REPLAY="$OK" sh -c "$cmd"
check "the cron command writes the exposition" 'promtool check metrics <"$D/netpath.prom" >/dev/null 2>&1'

echo "== systemd units"
if command -v systemd-analyze >/dev/null; then
	U="$TMP/units"
	mkdir "$U"
	sed -e "s|/usr/local/bin/netpath-textfile|$FLEET/netpath-textfile|" \
		-e "s|/usr/local/bin/netpath|$NETPATH|" "$FLEET/netpath-metrics.service" \
		>"$U/netpath-metrics.service"
	cp "$FLEET/netpath-metrics.timer" "$U/"
	if SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$U/netpath-metrics.service" \
		"$U/netpath-metrics.timer" >"$TMP/verify" 2>&1; then
		ok "systemd-analyze verify: service and timer"
	else
		bad "systemd-analyze verify: $(cat "$TMP/verify")"
	fi
else
	skipped "systemd-analyze not installed"
fi

echo "== Ansible"
if command -v ansible >/dev/null && command -v ansible-playbook >/dev/null; then
	export ANSIBLE_NOCOLOR=1 ANSIBLE_HOST_KEY_CHECKING=0 ANSIBLE_LOCAL_TEMP="$TMP/ansible"
	export ANSIBLE_REMOTE_TEMP="$TMP/ansible-remote" ANSIBLE_PYTHON_INTERPRETER=auto_silent
	out=$(ansible all -i localhost, -c local -m command \
		-a "$NETPATH -j -c 'why NETFILTER_DROP'" 2>&1)
	check "ad-hoc: ansible all -m command -a \"netpath -j -c ...\"" \
		'echo "$out" | grep -q "rc=0" && echo "$out" | grep -q "\"reason\":\"NETFILTER_DROP\""'
	cat >"$TMP/inventory.yml" <<EOF
all:
  hosts:
    web1:
      netpath_env: {NETPATH_FACTS_REPLAY: "$OK", NETPATH_PLAYBOOKS: "$SRC/playbooks"}
    db1:
      netpath_env: {NETPATH_FACTS_REPLAY: "$CRIT", NETPATH_PLAYBOOKS: "$SRC/playbooks"}
  vars:
    ansible_connection: local
EOF
	out=$(ansible-playbook -i "$TMP/inventory.yml" "$FLEET/diagnose.yml" -e "netpath=$NETPATH" \
		-e "netpath_command='run rx dev=eth0'" -e netpath_become=false 2>&1)
	rc=$?
	check "playbook: exit 0 (a critical verdict is not a task failure)" '[ $rc = 0 ]'
	check "playbook: both verdicts collected" \
		'echo "$out" | grep -q "db1: crit conntrack NETFILTER_DROP" &&
		 echo "$out" | grep -q "web1: ok none -"'
	check "playbook: the critical host first" \
		'[ "$(echo "$out" | grep -n "db1: crit" | cut -d: -f1)" -lt \
		   "$(echo "$out" | grep -n "web1: ok" | cut -d: -f1)" ]'
	[ "$fail" = 0 ] || echo "$out" | tail -20
else
	skipped "ansible-core not installed (scripts/setup installs it)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
