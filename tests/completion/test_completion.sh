#!/usr/bin/env bash
# test_completion.sh NETPATH COMPLETION_SCRIPT: source the bash completion
# in bash and complete a few words the way bash would (COMP_WORDS,
# COMP_CWORD), checking COMPREPLY.  The command words come from
# `netpath --complete`, so this also checks that helper.
np=$(realpath "$1")
# shellcheck disable=SC1090
source "$2"
pass=0 fail=0

# complete EXPECTED WORD...: the last WORD is the one being completed.
complete_words() {
	local want=$1
	shift
	COMP_WORDS=("$np" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_netpath
	local got
	[ ${#COMPREPLY[@]} -gt 0 ] && got=$(printf '%s|' "${COMPREPLY[@]}")
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: [$*] -> '$got', want '$want'" >&2
	fi
}

complete -p netpath >/dev/null 2>&1 && pass=$((pass + 1)) || {
	fail=$((fail + 1))
	echo "FAIL: no completion registered for netpath" >&2
}
complete_words "--no-color|" --no-c
complete_words "--json|" --j
complete_words "--brief|" --b
complete_words "--metrics|" --m
complete_words "sockets |" -c sock
complete_words "probe drops |" -c "'probe dr"
complete_words "probe drops 3 dev lo |" -c "'probe drops 3 dev l"
complete_words "get sysctl[net.core.somaxconn] |" -c "'get sysctl[net.core.somax"
complete_words "sockets tcp state established |" -c "\"sockets tcp state esta"
# an -n NETNS before -c completes in that namespace: none here, nothing offered
complete_words "" -n nosuch-netns-np -c "'link l"
printf '%s passed, %s failed\n' "$pass" "$fail"
[ "$fail" = 0 ]
