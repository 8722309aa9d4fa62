// SPDX-License-Identifier: GPL-2.0-only
/* A suggested command as it must be typed where it is shown.  The verdict
 * keeps commands as an expert writes them ("netpath why NO_SOCKET", "ss
 * -ltn"); here they get the context:
 *   - netpath's own commands: at the REPL prompt without "netpath" (the
 *     REPL also accepts a pasted leading "netpath"); on a command line or
 *     in JSON with the same -n as this session;
 *   - other programs, when this session looks at another namespace: run
 *     inside it (ip netns exec NAME for a named one, nsenter otherwise), so
 *     a pasted line never inspects the wrong namespace. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "pb_run.h"

/* A word that needs no quoting in sh. */
static bool plain(const char *s)
{
	return *s &&
	       strspn(s,
		      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/@+=,") ==
		   strlen(s);
}

static const char *quoted(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	if (plain(s))
		return s;
	buf[o++] = '\'';
	for (; *s && o + 5 < len; s++) {
		if (*s == '\'') {
			memcpy(buf + o, "'\\''", 4);
			o += 4;
		} else {
			buf[o++] = *s;
		}
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

/* A process in the namespace with this inode (for nsenter -t), or 0. */
static long pid_in(unsigned long inode)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long pid = 0;
	while (d && !pid && (e = readdir(d))) {
		char path[64];
		struct stat st;
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/ns/net", e->d_name);
		if (!stat(path, &st) && st.st_ino == inode)
			pid = strtol(e->d_name, NULL, 10);
	}
	if (d)
		closedir(d);
	return pid;
}

/* netpath commands whose answer depends on the namespace (most); why,
 * help, playbooks and features do not. */
static bool ns_dependent(const char *cmd)
{
	static const char *const anywhere[] = {"why ", "help", "playbooks", "features", "show "};
	for (size_t i = 0; i < sizeof(anywhere) / sizeof(anywhere[0]); i++)
		if (!strncmp(cmd, anywhere[i], strlen(anywhere[i])))
			return false;
	return true;
}

/* The prefix that runs a program inside the namespace labelled ns (the
 * labels of shell/netns.h: a name, pid:PID, docker:NAME, inode:N, a path). */
static void enter_prefix(const char *ns, char *buf, size_t len)
{
	char q[300];
	if (!strncmp(ns, "pid:", 4)) {
		snprintf(buf, len, "nsenter -t %s -n ", ns + 4);
	} else if (ns[0] == '/') {
		snprintf(buf, len, "nsenter --net=%s ", quoted(ns, q, sizeof(q)));
	} else if (!strncmp(ns, "docker:", 7) || !strncmp(ns, "podman:", 7)) {
		snprintf(buf, len, "nsenter -t \"$(%.6s inspect -f '{{.State.Pid}}' %s)\" -n ", ns,
			 quoted(ns + 7, q, sizeof(q)));
	} else if (!strncmp(ns, "crictl:", 7)) {
		snprintf(buf, len,
			 "nsenter -t \"$(crictl inspect -o go-template --template '{{.info.pid}}' "
			 "%s)\" -n ",
			 quoted(ns + 7, q, sizeof(q)));
	} else if (!strncmp(ns, "inode:", 6)) {
		long pid = pid_in(strtoul(ns + 6, NULL, 10));
		if (pid)
			snprintf(buf, len, "nsenter -t %ld -n ", pid);
		else
			buf[0] = '\0'; /* no process holds it: nothing to enter by */
	} else {
		snprintf(buf, len, "ip netns exec %s ", quoted(ns, q, sizeof(q)));
	}
}

const char *pb_next_render(const struct np_ctx *ctx, const char *cmd, char *buf, size_t len)
{
	return pb_next_render_in(ctx, NULL, cmd, buf, len);
}

const char *pb_next_render_in(const struct np_ctx *ctx, const char *netns, const char *cmd,
			      char *buf, size_t len)
{
	bool ours = !strncmp(cmd, "netpath ", 8);
	bool repl = ctx->interactive && !np_out_json(ctx->out);
	/* Only when netpath looks at another namespace than the one it was
	 * started in (where the engineer's shell is). */
	const char *ns = netns ? netns : ctx->netns;
	bool away = ns[0] && strcmp(ns, ctx->home_netns);
	char q[300], q2[300], pre[400];
	/* explain shows the last run of this session: nothing to paste into
	 * another process. */
	if (!repl && !strcmp(cmd, "netpath explain"))
		return NULL;
	if (ours && !ns_dependent(cmd + 8))
		away = false; /* why, help ...: the same answer everywhere */
	if (ours && repl && !(netns && away)) {
		snprintf(buf, len, "%s", cmd + 8);
	} else if (ours) {
		/* A command line (or, at the prompt, another namespace than the
		 * session's: a shell line for it). */
		snprintf(buf, len, "netpath%s%s -c %s", away ? " -n " : "",
			 away ? quoted(ns, q, sizeof(q)) : "", quoted(cmd + 8, q2, sizeof(q2)));
	} else if (away) {
		enter_prefix(ns, pre, sizeof(pre));
		snprintf(buf, len, "%s%s", pre, cmd);
	} else {
		snprintf(buf, len, "%s", cmd);
	}
	return buf;
}
