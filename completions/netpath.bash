# bash completion for netpath(8).  Options are listed here; a command
# given with -c is completed by netpath itself (`netpath --complete LINE`
# prints the candidates for the last word of LINE from the same command
# descriptors that drive Tab in the REPL), so this file never goes stale.
# Installed to the bash-completion directory by `meson install`.

_netpath()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local np=${COMP_WORDS[0]} i line head cand
	local -a ns=() cands=()

	COMPREPLY=()

	# An -n NETNS given earlier: complete inside that namespace.
	for ((i = 1; i < COMP_CWORD - 1; i++)); do
		case ${COMP_WORDS[i]} in
		-n | --netns) ns=(-n "${COMP_WORDS[i + 1]}") ;;
		esac
	done
	case $prev in
	-n | --netns)
		mapfile -t cands < <(command "$np" --complete 'netns ' 2>/dev/null)
		mapfile -t COMPREPLY < <(compgen -W "${cands[*]}" -- "$cur")
		return
		;;
	-f | --file)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	-c | --command)
		# The command line typed so far, without its opening quote;
		# each candidate replaces the last word, the words before kept.
		line=${cur#[\'\"]}
		head=${line%"${line##*[[:blank:]]}"}
		while IFS= read -r cand; do
			case $cand in
			*[.[=]) COMPREPLY+=("$head$cand") ;;
			*) COMPREPLY+=("$head$cand ") ;; # a word is done: on to the next
			esac
		done < <(command "$np" "${ns[@]}" --complete "$line" 2>/dev/null)
		compopt -o nospace 2>/dev/null
		return
		;;
	esac
	mapfile -t COMPREPLY < <(compgen -W "-n --netns -j --json -p --pretty --brief --metrics --no-color
		-c --command -f --file -V --version -h --help" -- "$cur")
}
complete -F _netpath netpath
