// SPDX-License-Identifier: GPL-2.0-only
/* The man page and -h come from the descriptors, not hand-synced copies. */
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "config.h"
#include "family.h"
#include "manpage.h"

static const char usage_text[] =
    "usage: netpath [-n NETNS] [-j|-p|--brief|--metrics] [--no-color] [-c CMD]... [-f FILE]\n"
    "               [-V] [-h]\n"
    "\n"
    "  -n NETNS     enter a network namespace before anything else (like ip -n): a name\n"
    "               under /run/netns, pid:PID (or a bare pid), /proc/PID/ns/net or any\n"
    "               netns file, inode:N, docker:NAME, podman:NAME, crictl:ID\n"
    "  -j           JSON: one object per command on stdout\n"
    "  -p           pretty-print JSON (implies -j)\n"
    "  --brief      one line per command: STATUS SUBJECT: what it comes to\n"
    "  --metrics    OpenMetrics text for node_exporter's textfile collector\n"
    "  --no-color   no colours (also with NO_COLOR set, TERM=dumb, or no terminal)\n"
    "  -c CMD       run CMD; may repeat, commands run in order\n"
    "  -f FILE      run the commands in FILE (a regular text file), one per line\n"
    "  -V           version, git commit, libbpf and kernel versions, probe features\n"
    "  -h           this help\n"
    "\n"
    "Without -c or -f: an interactive shell on a terminal, else commands from stdin.\n"
    "Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (or the named object is\n"
    "not on this host), 64 usage or syntax error; with several commands the worst\n"
    "wins (usage > critical > unknown > warning).\n";

/* The exit-status rule, case by case (README "Exit status" holds the same). */
static const char *const exit_cases[][2] = {
    {"64", "usage or syntax: a bad option or environment value (NETPATH_PROBE_ATTACH), a -f "
	   "FILE that is missing or not a regular text file, input that is not text (NUL, "
	   "control characters, invalid UTF-8), a line over 4096 bytes, more than 10000 "
	   "commands or 1 MiB on -f/stdin, an unknown or ambiguous command or keyword, a "
	   "malformed name, address, port, prefix or duration, a | filter under -j"},
    {"3", "the name is well-formed but not on this host: an interface (link, set dev, "
	  "ethtool ...), a namespace (-n, netns; a malformed NETNS is 64), a playbook (run, show, "
	  "help run), a command "
	  "named to help, a drop reason neither netpath nor this kernel knows (why), a fact of "
	  "an absent object; also could not check: missing privilege or kernel feature"},
    {"2, 1, 0", "what a command found: CRITICAL, WARNING, OK"},
};

/* One schema style for every command's -j object (README "JSON output";
 * tests/scenarios/test_json_schema.py checks each rule on every command). */
static const char *const json_rules[][2] = {
    {"objects", "one JSON object per command on one line (-p: indented); \"command\" names "
		"it"},
    {"status", "every object has \"status\": ok, warn, crit, unknown or usage, the word of "
	       "that command's exit status (0, 1, 2, 3, 64)"},
    {"error", "a failed command has \"error\": {\"message\", \"hint\"}; warnings are "
	      "\"warnings\": [...]. A kernel lookup that fails is a result, not an error: "
	      "route get's \"lookup_error\": \"EHOSTUNREACH\""},
    {"numbers", "counters, ports, CPU and table ids, and sysctl or parameter values that are "
		"plain decimal integers are JSON numbers (\"value\": 4096); digits in a "
		"string are a name (\"table_name\": \"100\", \"netns\": \"4026532703\")"},
    {"absent", "null, never \"\""},
    {"booleans", "true or false (carrier, admin_up, listen, interrupted), never 0/1 or yes/no; "
		 "fact values (get, facts) keep the fact's type: 0/1 facts are numbers, as "
		 "playbooks compare them"},
    {"addresses", "integers stay below 2^53 (jq and JavaScript round larger ones): kernel "
		  "addresses and CPU masks are hex strings (\"location\": "
		  "\"0xffffffff81234567\", \"rps_cpus\": \"0x3\")"},
    {"tables", "a routing table is \"table\": 254 with \"table_name\": \"main\", "
	       "wherever one is named (route get, routes, rules, routes summary); an nftables "
	       "table has a name only: \"table_name\" (firewall, verdict.rule)"},
    {"types", "a member name holds one type in every command (qdisc's tc handle \"1:10\" is "
	      "\"tc_handle\", an nft rule's \"handle\" is a number); \"value\" (of a fact or "
	      "a setting) is a number or a string as the fact is"},
};

static const char *const env_vars[][2] = {
    {"NO_COLOR", "set to a non-empty value: no colours (colour is also off with --no-color, "
		 "when stdout is not a terminal, and for TERM unset, empty or dumb)"},
    {"PAGER", "the REPL's pager for output taller than the terminal (default less -FRX; "
	      "split on blanks and run without a shell; empty or cat: none; `set pager off`)"},
    {"HOME", "where ~/.netpath_history lives; unset, empty or relative: no history file"},
    {"NETPATH_PLAYBOOKS", "colon-separated directories searched first for playbooks"},
    {"NETPATH_PROBE_ATTACH",
     "force a probe attach method: tp_btf, raw_tp or tracepoint (odd kernels, tests)"},
    {"NETPATH_DEBUG", "1: show libbpf's own messages"},
    {"NETPATH_BTF_FULL", "1: relocate probes (CO-RE) against the whole kernel BTF, not the "
			 "cut-down copy netpath makes (slower; to rule the copy out)"},
    {"NETPATH_FACTS_RECORD",
     "FILE: at exit, write every fact the commands read to FILE (a fact capture: one "
     "KEY = VALUE per line, counters read around a window as KEY = BEFORE -> AFTER, probe "
     "results as the window's values). Capture an incident on the host, replay it elsewhere."},
    {"NETPATH_FACTS_REPLAY",
     "FILE: test and forensics hook. Every fact read by get, facts, run and diagnose is "
     "answered from the capture FILE, never from the kernel; a fact absent from FILE is "
     "unknown (its checks are skip). Probes are not attached and the window does not wait, so "
     "a replay needs no root and no BPF; active=yes is refused. Commands that print kernel "
     "tables (link, route, probe ...) still read this host."},
};

void np_usage(FILE *f)
{
	fputs(usage_text, f);
}

/* roff needs leading dots/quotes and backslashes escaped.  After '|' and
 * '/' and ',' (and ']' inside a fact name: bridge[BR].port[PORT].FIELD) a
 * zero-width break point (\:) lets a long synopsis (sockets' state list, a
 * path, a fact) wrap instead of overflowing: troff "can't break line". */
static void roff(FILE *f, const char *s)
{
	bool bol = true;
	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", f);
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
		if (*s == '|' || *s == '/' || *s == ',' || (*s == ']' && s[1] == '.'))
			fputs("\\:", f);
		bol = *s == '\n';
	}
}

/* A .TP paragraph: the tag in bold, then its text. */
static void tagged(FILE *f, const char *tag, const char *text)
{
	fputs(".TP\n.B ", f);
	roff(f, tag);
	fputc('\n', f);
	roff(f, text);
	fputc('\n', f);
}

void np_manpage(FILE *f)
{
	char syn[512];
	fprintf(f, ".TH NETPATH 8 \"\" \"netpath %s\" \"System Administration\"\n", NP_VERSION);
	/* Ragged right: synopses and fact patterns are long unbreakable words
	 * that justification cannot stretch a line around (troff warnings). */
	fputs(".ad l\n", f);
	fputs(".SH NAME\nnetpath \\- find where the Linux network stack loses packets\n", f);
	fputs(".SH SYNOPSIS\n.B netpath\n[\\-n NETNS] [\\-j|\\-p|\\-\\-brief|\\-\\-metrics] "
	      "[\\-\\-no\\-color] [\\-c CMD]... [\\-f FILE] [\\-V] [\\-h]\n",
	      f);
	fputs(".SH DESCRIPTION\n", f);
	roff(f,
	     "netpath is a guided diagnostics shell for the Linux network path. It walks the "
	     "receive or send path layer by layer (link, xdp, tc, softirq, netfilter, conntrack, "
	     "routing, neighbor, ip, qdisc, transport, socket) using netlink, sysctls, SNMP and "
	     "driver counters and short-lived eBPF probes, and ends with one verdict: the layer "
	     "where packets die, the kernel's reason, the evidence and the next command to run.\n");
	fputs(".SH OPTIONS\n.nf\n", f);
	roff(f, strstr(usage_text, "\n\n") + 2);
	fputs(".fi\n.SH COMMANDS\n", f);
	for (int i = 0; np_commands[i]; i++) {
		const struct np_cmd *c = np_commands[i];
		np_cmd_synopsis(c, syn, sizeof(syn));
		fputs(".TP\n.B ", f);
		roff(f, syn);
		fputc('\n', f);
		roff(f, c->summary);
		fputc('\n', f);
		char *help = np_cmd_help_text(c);
		if (help) {
			fputs(".IP\n", f);
			roff(f, help);
			fputc('\n', f);
			free(help);
		}
		for (int a = 0; a < c->nargs; a++) {
			if (!c->args[a].help)
				continue;
			fputs(".IP\n", f);
			fputs("\\fB", f);
			roff(f, c->args[a].kw	  ? c->args[a].kw
				: c->args[a].meta ? c->args[a].meta
						  : "ARG");
			fputs("\\fR: ", f);
			roff(f, c->args[a].help);
			fputc('\n', f);
		}
	}
	fputs(".SH FACTS\n", f);
	for (int i = 0; np_fact_family_at(i); i++)
		tagged(f, np_fact_family_at(i)->pattern, np_fact_family_at(i)->describe);
	fputs(".SH JSON OUTPUT\n", f);
	for (size_t i = 0; i < NP_ARRAY_SIZE(json_rules); i++)
		tagged(f, json_rules[i][0], json_rules[i][1]);
	fputs(".SH ENVIRONMENT\n", f);
	for (size_t i = 0; i < NP_ARRAY_SIZE(env_vars); i++)
		tagged(f, env_vars[i][0], env_vars[i][1]);
	fputs(".SH EXIT STATUS\n0 OK, 1 WARNING, 2 CRITICAL (loss or a blocking fault found), "
	      "3 UNKNOWN (could not check, or the named object is not on this host), 64 usage "
	      "error. Every error prints one line on stderr (and its hint) and one error member "
	      "under \\-j.\n",
	      f);
	for (size_t i = 0; i < NP_ARRAY_SIZE(exit_cases); i++)
		tagged(f, exit_cases[i][0], exit_cases[i][1]);
	fputs(".SH SIGNALS\nSIGINT ends the running command's window early and prints what was "
	      "seen (in the shell: back to the prompt). SIGTERM and SIGHUP do the same, then "
	      "end the session: the output is complete (whole JSON objects), the probes are "
	      "detached, no further command runs, and the exit status is the one of what was "
	      "printed.\n",
	      f);
	fputs(".SH FILES\n~/.netpath_history (mode 0600; a symlink, a non-regular file or one "
	      "owned by another user is refused), ./playbooks, ~/.config/netpath/playbooks, "
	      "/etc/netpath/playbooks, " NP_PLAYBOOK_DIR "; bash completion: "
	      "share/bash\\-completion/completions/netpath\n",
	      f);
}
