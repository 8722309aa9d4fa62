#!/usr/bin/env bash
# manpage.sh MANPAGE: netpath(8) must typeset without a troff warning (a
# "can't break line" or "cannot adjust line" is a synopsis or fact name
# too long for the line) at the usual terminal widths and narrower.
page=$1
command -v groff >/dev/null || { echo "groff not installed"; exit 77; }
fail=0
for w in 80 72 60 50 40; do
	warn=$(groff -ww -man -Tutf8 -rLL="${w}n" -z "$page" 2>&1)
	if [ -n "$warn" ]; then
		echo "FAIL at $w columns:" >&2
		echo "$warn" | head -5 >&2
		fail=$((fail + 1))
	fi
done
echo "$((5 - fail)) passed, $fail failed"
[ "$fail" = 0 ]
