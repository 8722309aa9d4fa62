// SPDX-License-Identifier: GPL-2.0-only
/* Parsers of container-tool answers, cgroup paths and mountinfo lines
 * (netns_parse.h).  Every input may be hostile or truncated: bounded
 * nesting, no reads past the end, no partial results. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netns_parse.h"

int np_netns_tool_pid(const char *out, long *pid)
{
	long v = 0;
	const char *p = out;

	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (INT_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return -EINVAL;
	*pid = v;
	return 0;
}

/* ---- a minimal JSON reader: just enough to walk to info.pid ---- */

struct jr {
	const char *s, *end;
	int depth;
};

#define JR_MAX_DEPTH 64

static void jr_ws(struct jr *j)
{
	while (j->s < j->end && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r'))
		j->s++;
}

static bool jr_eat(struct jr *j, char c)
{
	jr_ws(j);
	if (j->s < j->end && *j->s == c) {
		j->s++;
		return true;
	}
	return false;
}

/* A string; its decoded bytes go to buf when given (escapes other than
 * the simple ones become '?': keys compared here are plain ASCII). */
static int jr_string(struct jr *j, char *buf, size_t len)
{
	size_t o = 0;
	if (!jr_eat(j, '"'))
		return -1;
	while (j->s < j->end && *j->s != '"') {
		char c = *j->s++;
		if (c == '\\') {
			if (j->s >= j->end)
				return -1;
			c = *j->s++;
			if (c == 'u') {
				if (j->end - j->s < 4)
					return -1;
				j->s += 4;
				c = '?';
			}
		} else if ((unsigned char)c < 0x20) {
			return -1;
		}
		if (buf && o + 1 < len)
			buf[o++] = c;
	}
	if (buf && len)
		buf[o] = '\0';
	return jr_eat(j, '"') ? 0 : -1;
}

static int jr_value(struct jr *j);

/* Walk the members of an object; for the member named want (when given),
 * stop with j->s at its value and return 1.  0 at the end, -1 malformed. */
static int jr_members(struct jr *j, const char *want)
{
	char key[32];
	if (!jr_eat(j, '{'))
		return -1;
	if (jr_eat(j, '}'))
		return 0;
	for (;;) {
		if (jr_string(j, key, sizeof(key)) || !jr_eat(j, ':'))
			return -1;
		jr_ws(j);
		if (want && !strcmp(key, want))
			return 1;
		if (jr_value(j))
			return -1;
		if (jr_eat(j, '}'))
			return 0;
		if (!jr_eat(j, ','))
			return -1;
	}
}

static int jr_value(struct jr *j)
{
	int rc = 0;
	jr_ws(j);
	if (j->s >= j->end)
		return -1;
	if (++j->depth > JR_MAX_DEPTH)
		return -1;
	if (*j->s == '"') {
		rc = jr_string(j, NULL, 0);
	} else if (*j->s == '{') {
		rc = jr_members(j, NULL);
	} else if (*j->s == '[') {
		j->s++;
		if (!jr_eat(j, ']')) {
			do {
				rc = jr_value(j);
			} while (!rc && jr_eat(j, ','));
			if (!rc && !jr_eat(j, ']'))
				rc = -1;
		}
	} else {
		/* number, true, false, null: a run of their characters */
		const char *start = j->s;
		while (j->s < j->end && (isalnum((unsigned char)*j->s) || *j->s == '-' ||
					 *j->s == '+' || *j->s == '.'))
			j->s++;
		rc = j->s > start ? 0 : -1;
	}
	j->depth--;
	return rc;
}

int np_netns_crictl_pid(const char *json, size_t n, long *pid)
{
	struct jr j = {json, json + n, 0};
	long v = 0;
	int rc;

	rc = jr_members(&j, "info");
	if (rc <= 0)
		return rc < 0 ? -EINVAL : -ENOENT;
	if (j.s >= j.end || *j.s != '{')
		return -ENOENT; /* "info": null and the like */
	rc = jr_members(&j, "pid");
	if (rc <= 0)
		return rc < 0 ? -EINVAL : -ENOENT;
	if (j.s >= j.end || !isdigit((unsigned char)*j.s))
		return -ENOENT; /* "pid": null */
	for (; j.s < j.end && isdigit((unsigned char)*j.s); j.s++) {
		if (v > (INT_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (*j.s - '0');
	}
	*pid = v;
	return 0;
}

/* ---- cgroup paths ---- */

static bool hex_id(const char *s, size_t n)
{
	if (n < 12)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "docker-<hex>.scope", "docker-<hex>" -> the hex, or NULL. */
static const char *scoped(const char *c, size_t n, const char *prefix, size_t *idlen)
{
	size_t p = strlen(prefix);
	if (n <= p || strncmp(c, prefix, p))
		return NULL;
	c += p;
	n -= p;
	if (n > 6 && !memcmp(c + n - 6, ".scope", 6))
		n -= 6;
	if (!hex_id(c, n))
		return NULL;
	*idlen = n;
	return c;
}

static const struct {
	const char *prefix, *kind;
} scopes[] = {
    {"docker-", "docker"}, {"libpod-", "podman"}, {"cri-containerd-", "crictl"},
    {"crio-", "crictl"},   {"cri-o-", "crictl"},
};

/* One cgroup path: 1 and buf filled on a match. */
static int match_path(const char *path, size_t plen, char *buf, size_t len)
{
	const char *c = path, *end = path + plen, *prev = "";
	size_t prevlen = 0;
	bool kube = false;

	while (c < end) {
		const char *slash = memchr(c, '/', (size_t)(end - c));
		size_t n = slash ? (size_t)(slash - c) : (size_t)(end - c), idlen;
		const char *id;

		if (n >= 8 && !strncmp(c, "kubepods", 8))
			kube = true;
		for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
			id = scoped(c, n, scopes[i].prefix, &idlen);
			if (id) {
				snprintf(buf, len, "%s:%.12s", scopes[i].kind, id);
				return 1;
			}
		}
		if (hex_id(c, n) && n >= 32 &&
		    ((prevlen == 6 && !strncmp(prev, "docker", 6)) || kube)) {
			snprintf(buf, len, "%s:%.12s", kube ? "crictl" : "docker", c);
			return 1;
		}
		if (n && prevlen == 3 && !strncmp(prev, "lxc", 3)) {
			snprintf(buf, len, "lxc:%.*s", (int)(n > 64 ? 64 : n), c);
			return 1;
		}
		if (n > 12 && !strncmp(c, "lxc.payload.", 12)) {
			snprintf(buf, len, "lxc:%.*s", (int)(n - 12 > 64 ? 64 : n - 12), c + 12);
			return 1;
		}
		if (n > 14 && !strncmp(c, "machine-", 8) && !memcmp(c + n - 6, ".scope", 6)) {
			snprintf(buf, len, "machine:%.*s", (int)(n - 14 > 64 ? 64 : n - 14), c + 8);
			return 1;
		}
		prev = c;
		prevlen = n;
		c += n + 1;
	}
	return 0;
}

int np_cgroup_container(const char *text, char *buf, size_t len)
{
	const char *line = text;
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		/* hierarchy-ID:controllers:path; the path may itself hold ':'. */
		const char *c1 = memchr(line, ':', n);
		const char *c2 = c1 ? memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - line)) : NULL;
		if (c2 && match_path(c2 + 1, n - (size_t)(c2 + 1 - line), buf, len))
			return 1;
		line += n;
		if (*line)
			line++;
	}
	return 0;
}

/* ---- mountinfo ---- */

/* Copy a mountinfo field, decoding the kernel's \ooo escapes. */
static void unescape(const char *s, size_t n, char *out, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < len; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] =
			    (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		} else {
			out[o++] = s[i];
		}
	}
	if (len)
		out[o] = '\0';
}

int np_mountinfo_netns(const char *line, unsigned long *inode, char *path, size_t len)
{
	const char *f[64];
	size_t fl[64];
	int nf = 0, sep = -1;
	const char *p = line;
	unsigned long ino = 0;

	while (*p && *p != '\n' && nf < 64) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		f[nf] = p;
		while (*p && *p != ' ' && *p != '\n')
			p++;
		fl[nf] = (size_t)(p - f[nf]);
		if (nf >= 6 && sep < 0 && fl[nf] == 1 && f[nf][0] == '-')
			sep = nf;
		nf++;
	}
	if (sep < 0 || sep + 1 >= nf || fl[sep + 1] != 4 || strncmp(f[sep + 1], "nsfs", 4))
		return 0;
	/* root "net:[4026532290]" */
	if (fl[3] < 7 || strncmp(f[3], "net:[", 5) || f[3][fl[3] - 1] != ']')
		return 0;
	for (size_t i = 5; i < fl[3] - 1; i++) {
		if (!isdigit((unsigned char)f[3][i]) || ino > 0xffffffffUL / 10)
			return 0;
		ino = ino * 10 + (unsigned long)(f[3][i] - '0');
	}
	if (!ino)
		return 0;
	*inode = ino;
	unescape(f[4], fl[4], path, len);
	return 1;
}

/* ---- /proc/PID/stat ---- */

int np_proc_stat_flags(const char *text, unsigned long *flags)
{
	const char *p = strrchr(text, ')');
	char state;
	int n = 0;

	/* ") S ppid pgrp session tty_nr tpgid flags" */
	if (!p || sscanf(p + 1, " %c %*d %*d %*d %*d %*d %lu%n", &state, flags, &n) != 2 || !n)
		return -EINVAL;
	return 0;
}
