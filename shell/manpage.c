// SPDX-License-Identifier: GPL-2.0-only
/* The man page and -h come from the descriptors, not hand-synced copies. */
#include <string.h>

#include "command.h"
#include "config.h"
#include "manpage.h"

static const char usage_text[] =
	"usage: netpath [-n NETNS] [-j] [-p] [--no-color] [-c CMD]... [-f FILE] [-V] [-h]\n"
	"\n"
	"  -n NETNS     enter a network namespace before anything else (like ip -n): a name\n"
	"               under /run/netns, pid:PID (or a bare pid), /proc/PID/ns/net or any\n"
	"               netns file, inode:N, docker:NAME, podman:NAME, crictl:ID\n"
	"  -j           JSON: one object per command on stdout\n"
	"  -p           pretty-print JSON (implies -j)\n"
	"  --no-color   no colours (also when NO_COLOR is set or stdout is not a terminal)\n"
	"  -c CMD       run CMD; may repeat, commands run in order\n"
	"  -f FILE      run the commands in FILE, one per line\n"
	"  -V           print the version\n"
	"  -h           this help\n"
	"\n"
	"Without -c or -f: an interactive shell on a terminal, else commands from stdin.\n"
	"Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, 64 usage error (a malformed\n"
	"NETNS is 64; one that does not exist on this host or cannot be entered is 3);\n"
	"with several commands the worst wins (usage > critical > unknown > warning).\n";

static const char *const env_vars[][2] = {
    {"NO_COLOR", "no colours (also off when stdout is not a terminal, and with --no-color)"},
    {"NETPATH_PLAYBOOKS", "colon-separated directories searched first for playbooks"},
    {"NETPATH_PROBE_ATTACH",
     "force a probe attach method: tp_btf, raw_tp or tracepoint (odd kernels, tests)"},
    {"NETPATH_DEBUG", "1: show libbpf's own messages"},
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

/* roff needs leading dots/quotes and backslashes escaped. */
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
		bol = *s == '\n';
	}
}

void np_manpage(FILE *f)
{
	char syn[512];
	fprintf(f, ".TH NETPATH 8 \"\" \"netpath %s\" \"System Administration\"\n", NP_VERSION);
	fputs(".SH NAME\nnetpath \\- find where the Linux network stack loses packets\n", f);
	fputs(".SH SYNOPSIS\n.B netpath\n[\\-n NETNS] [\\-j] [\\-p] [\\-\\-no\\-color] [\\-c CMD]... "
	      "[\\-f FILE] [\\-V] [\\-h]\n",
	      f);
	fputs(".SH DESCRIPTION\n", f);
	roff(f, "netpath is a guided diagnostics shell for the Linux network path. It walks the "
		"receive or send path layer by layer (link, xdp, tc, softirq, netfilter, conntrack, "
		"routing, neighbor, ip, qdisc, transport, socket) using netlink, sysctls, SNMP and "
		"driver counters and short-lived eBPF probes, and ends with one verdict: the layer "
		"where packets die, the kernel's reason, the evidence and the next command to run.\n");
	fputs(".SH OPTIONS\n.nf\n", f);
	roff(f, strchr(usage_text, '\n') + 2);
	fputs(".fi\n.SH COMMANDS\n", f);
	for (int i = 0; np_commands[i]; i++) {
		const struct np_cmd *c = np_commands[i];
		np_cmd_synopsis(c, syn, sizeof(syn));
		fputs(".TP\n.B ", f);
		roff(f, syn);
		fputc('\n', f);
		roff(f, c->summary);
		fputc('\n', f);
		if (c->help) {
			fputs(".IP\n", f);
			roff(f, c->help);
			fputc('\n', f);
		}
		for (int a = 0; a < c->nargs; a++) {
			if (!c->args[a].help)
				continue;
			fputs(".IP\n", f);
			fputs("\\fB", f);
			roff(f, c->args[a].kw ? c->args[a].kw : c->args[a].meta ? c->args[a].meta : "ARG");
			fputs("\\fR: ", f);
			roff(f, c->args[a].help);
			fputc('\n', f);
		}
	}
	fputs(".SH FACTS\n", f);
	for (int i = 0; np_commands[i]; i++)
		for (const struct np_fact_provider *const *p = np_commands[i]->facts; p && *p; p++) {
			fputs(".TP\n.B ", f);
			roff(f, (*p)->pattern);
			fputc('\n', f);
			roff(f, (*p)->describe);
			fputc('\n', f);
		}
	fputs(".SH ENVIRONMENT\n", f);
	for (size_t i = 0; i < NP_ARRAY_SIZE(env_vars); i++) {
		fputs(".TP\n.B ", f);
		roff(f, env_vars[i][0]);
		fputc('\n', f);
		roff(f, env_vars[i][1]);
		fputc('\n', f);
	}
	fputs(".SH EXIT STATUS\n0 OK, 1 WARNING, 2 CRITICAL (loss or a blocking fault found), "
	      "3 UNKNOWN (could not check), 64 usage error.\n",
	      f);
	fputs(".SH FILES\n~/.netpath_history, ./playbooks, ~/.config/netpath/playbooks, "
	      "/etc/netpath/playbooks, " NP_PLAYBOOK_DIR "\n",
	      f);
}
