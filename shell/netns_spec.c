// SPDX-License-Identifier: GPL-2.0-only
/* Parse a namespace spec (grammar in netns_spec.h).  Pure: the same text
 * gives the same answer on any host. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "netns_spec.h"
#include "np.h"
#include "validate.h"

#define WHY(...)                                                                                   \
	do {                                                                                       \
		snprintf(why, len, __VA_ARGS__);                                                   \
		return -NP_EUSAGE;                                                                 \
	} while (0)

static const struct {
	const char *prefix;
	enum np_netns_kind kind;
} prefixes[] = {
    {"pid:", NP_NS_PID},       {"inode:", NP_NS_INODE},	  {"docker:", NP_NS_DOCKER},
    {"podman:", NP_NS_PODMAN}, {"crictl:", NP_NS_CRICTL},
};

/* Decimal digits only (no sign, no 0x: a pid is typed as ps prints it).
 * 1 when s is a number in 1..max, 0 otherwise. */
static int decimal(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return 0;
	}
	*out = v;
	return v >= 1;
}

/* Docker and podman names are [a-zA-Z0-9][a-zA-Z0-9_.-]*, IDs are hex;
 * the first character being alphanumeric also means the value can never
 * be taken for an option by the tool it is handed to. */
static int container(const char *kind, const char *v, char *why, size_t len)
{
	size_t n = strlen(v);
	if (!n)
		WHY("%s needs a container name or ID", kind);
	if (n > 253)
		WHY("%s container name longer than 253 characters", kind);
	if (!isalnum((unsigned char)v[0]))
		WHY("%s a container name starts with a letter or digit", kind);
	for (const char *p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '-')
			WHY("%s only letters, digits, '_', '.' and '-' in a container name", kind);
	return 0;
}

static int path(const char *v, char *why, size_t len)
{
	if (strlen(v) >= NP_NETNS_SPEC_MAX)
		WHY("path longer than %d characters", NP_NETNS_SPEC_MAX - 1);
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			WHY("control characters are not allowed in a path");
	return 0;
}

static int prefixed(const char *text, size_t i, struct np_netns_spec *s, char *why, size_t len)
{
	const char *v = text + strlen(prefixes[i].prefix);

	s->kind = prefixes[i].kind;
	switch (s->kind) {
	case NP_NS_PID:
		if (!decimal(v, NP_PID_MAX, &s->num))
			WHY("pid:PID needs a process id (1 to %d), not '%.32s'", NP_PID_MAX, v);
		return 0;
	case NP_NS_INODE:
		if (!decimal(v, 0xffffffffUL, &s->num))
			WHY("inode:N needs a namespace inode (as `netns` lists it), not '%.32s'",
			    v);
		return 0;
	default:
		if (container(prefixes[i].prefix, v, why, len))
			return -NP_EUSAGE;
		snprintf(s->value, sizeof(s->value), "%s", v);
		return 0;
	}
}

int np_netns_spec_parse(const char *text, struct np_netns_spec *s, char *why, size_t len)
{
	const char *colon;

	memset(s, 0, sizeof(*s));
	if (len)
		why[0] = '\0';
	if (!text || !*text)
		WHY("empty namespace (a name, pid:PID, a path, docker:NAME ... or -)");
	if (!strcmp(text, "-")) {
		s->kind = NP_NS_HOME;
		return 0;
	}
	for (size_t i = 0; i < NP_ARRAY_SIZE(prefixes); i++)
		if (!strncmp(text, prefixes[i].prefix, strlen(prefixes[i].prefix)))
			return prefixed(text, i, s, why, len);
	if (text[0] == '/') {
		if (path(text, why, len))
			return -NP_EUSAGE;
		s->kind = NP_NS_PATH;
		snprintf(s->value, sizeof(s->value), "%s", text);
		return 0;
	}
	colon = strchr(text, ':');
	if (colon)
		WHY("'%.*s:' is not a namespace kind (pid:, inode:, docker:, podman:, crictl:); "
		    "a name with ':' is reachable as /run/netns/NAME",
		    (int)(colon - text > 32 ? 32 : colon - text), text);
	if (strchr(text, '/'))
		WHY("a name cannot contain '/' (a netns file is an absolute path, like "
		    "/proc/PID/ns/net)");
	if (np_validate_netns(text, why, len))
		return -NP_EUSAGE;
	snprintf(s->value, sizeof(s->value), "%s", text);
	s->kind = decimal(text, NP_PID_MAX, &s->num) ? NP_NS_NUMBER : NP_NS_NAME;
	return 0;
}

void np_netns_spec_text(const struct np_netns_spec *s, char *buf, size_t len)
{
	switch (s->kind) {
	case NP_NS_HOME:
		snprintf(buf, len, "-");
		break;
	case NP_NS_PID:
		snprintf(buf, len, "pid:%lu", s->num);
		break;
	case NP_NS_INODE:
		snprintf(buf, len, "inode:%lu", s->num);
		break;
	case NP_NS_DOCKER:
	case NP_NS_PODMAN:
	case NP_NS_CRICTL:
		snprintf(buf, len, "%s:%s", np_netns_spec_tool(s->kind), s->value);
		break;
	default:
		snprintf(buf, len, "%s", s->value);
		break;
	}
}

const char *np_netns_spec_tool(enum np_netns_kind k)
{
	switch (k) {
	case NP_NS_DOCKER:
		return "docker";
	case NP_NS_PODMAN:
		return "podman";
	case NP_NS_CRICTL:
		return "crictl";
	default:
		return NULL;
	}
}
