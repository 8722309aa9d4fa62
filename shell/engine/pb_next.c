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
#include <stdio.h>
#include <string.h>

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

/* The prefix that runs a program inside the session's namespace. */
static void enter_prefix(const char *ns, char *buf, size_t len)
{
	char q[300];
	if (!strncmp(ns, "pid:", 4))
		snprintf(buf, len, "nsenter -t %s -n ", ns + 4);
	else if (ns[0] == '/')
		snprintf(buf, len, "nsenter --net=%s ", quoted(ns, q, sizeof(q)));
	else if (strchr(ns, ':')) /* docker:NAME, inode:N ...: the resolved pid is not kept */
		snprintf(buf, len, "nsenter --net=/proc/$(pgrep -o -f netpath)/ns/net ");
	else
		snprintf(buf, len, "ip netns exec %s ", quoted(ns, q, sizeof(q)));
}

const char *pb_next_render(const struct np_ctx *ctx, const char *cmd, char *buf, size_t len)
{
	bool ours = !strncmp(cmd, "netpath ", 8);
	bool repl = ctx->interactive && !np_out_json(ctx->out);
	char q[300], pre[400];
	/* explain shows the last run of this session: nothing to paste into
	 * another process. */
	if (!repl && !strcmp(cmd, "netpath explain"))
		return NULL;
	if (ours && repl) {
		snprintf(buf, len, "%s", cmd + 8);
	} else if (ours && ctx->netns[0]) {
		snprintf(buf, len, "netpath -n %s %s", quoted(ctx->netns, q, sizeof(q)), cmd + 8);
	} else if (!ours && ctx->netns[0]) {
		enter_prefix(ctx->netns, pre, sizeof(pre));
		snprintf(buf, len, "%s%s", pre, cmd);
	} else {
		snprintf(buf, len, "%s", cmd);
	}
	return buf;
}
