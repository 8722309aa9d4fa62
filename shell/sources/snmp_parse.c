// SPDX-License-Identifier: GPL-2.0-only
/* /proc/net/snmp, netstat and snmp6 parsers, counter filters. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "snmp_parse.h"
#include "xalloc.h"

const char *const np_snmp_groups[] = {
	"Ip",	  "Icmp",     "IcmpMsg", "Tcp",	  "Udp",   "UdpLite",  "TcpExt",
	"IpExt",  "MPTcpExt", "Ip6",	 "Icmp6", "Udp6",  "UdpLite6", NULL,
};

/* snmp6 prefixes: longest first where one is a prefix of another. */
static const char *const snmp6_prefixes[] = {"UdpLite6", "Icmp6", "Udp6", "Ip6", NULL};

const char *np_snmp_group_file(const char *group)
{
	static const char *const files[] = {
		"snmp",	   "snmp",    "snmp",  "snmp",  "snmp",	 "snmp",  "netstat",
		"netstat", "netstat", "snmp6", "snmp6", "snmp6", "snmp6",
	};
	for (int i = 0; np_snmp_groups[i]; i++)
		if (!strcmp(np_snmp_groups[i], group))
			return files[i];
	/* A group a newer kernel added to netstat: it has the Ext suffix. */
	if (strlen(group) > 3 && !strcmp(group + strlen(group) - 3, "Ext"))
		return "netstat";
	return NULL;
}

void np_counters_free(struct np_counters *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static int add(struct np_counters *c, const char *group, size_t glen, const char *name,
	       size_t nlen, int64_t v)
{
	struct np_counter *e;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct np_counter *nv = np_xreallocarray(c->v, cap, sizeof(*nv));
		c->v = nv;
		c->cap = cap;
	}
	e = &c->v[c->n++];
	snprintf(e->group, sizeof(e->group), "%.*s", (int)glen, group);
	snprintf(e->name, sizeof(e->name), "%.*s", (int)nlen, name);
	e->value = v;
	return 0;
}

/* Length of the line at p (without the newline). */
static size_t line_len(const char *p)
{
	return strcspn(p, "\n");
}

static const char *next_line(const char *p)
{
	p += line_len(p);
	return *p ? p + 1 : p;
}

int np_snmp_parse_pairs(const char *text, struct np_counters *out)
{
	const char *h = text;
	while (*h) {
		const char *v = next_line(h), *hc, *vc, *hend, *vend;
		size_t glen;
		if (line_len(h) == 0) {
			h = v;
			continue;
		}
		hc = memchr(h, ':', line_len(h));
		if (!hc || !*v)
			return -EINVAL;
		glen = (size_t)(hc - h);
		vc = memchr(v, ':', line_len(v));
		/* The value line must carry the same group tag. */
		if (!vc || (size_t)(vc - v) != glen || strncmp(h, v, glen))
			return -EINVAL;
		hend = h + line_len(h);
		vend = v + line_len(v);
		hc++;
		vc++;
		for (;;) {
			size_t nl, vl;
			char num[32], *end;
			int64_t val;
			int err;
			while (hc < hend && *hc == ' ')
				hc++;
			while (vc < vend && *vc == ' ')
				vc++;
			if (hc >= hend || vc >= vend) {
				if (hc < hend || vc < vend)
					return -EINVAL; /* counts differ */
				break;
			}
			nl = strcspn(hc, " \n");
			vl = strcspn(vc, " \n");
			if (vl >= sizeof(num))
				return -EINVAL;
			memcpy(num, vc, vl);
			num[vl] = '\0';
			if (num[0] == '-') {
				val = strtoll(num, &end, 10);
			} else {
				/* u64 counters above INT64_MAX saturate rather than wrap. */
				unsigned long long u = strtoull(num, &end, 10);
				val = u > INT64_MAX ? INT64_MAX : (int64_t)u;
			}
			if (end == num || *end)
				return -EINVAL;
			err = add(out, h, glen, hc, nl, val);
			if (err)
				return err;
			hc += nl;
			vc += vl;
		}
		h = next_line(v);
	}
	return 0;
}

bool np_snmp6_split(const char *full, char *group, size_t glen, const char **name)
{
	for (int i = 0; snmp6_prefixes[i]; i++) {
		size_t n = strlen(snmp6_prefixes[i]);
		if (!strncmp(full, snmp6_prefixes[i], n) && isupper((unsigned char)full[n])) {
			snprintf(group, glen, "%s", snmp6_prefixes[i]);
			*name = full + n;
			return true;
		}
	}
	return false;
}

int np_snmp_parse_snmp6(const char *text, struct np_counters *out)
{
	for (const char *p = text; *p; p = next_line(p)) {
		char full[80], group[16];
		const char *name;
		unsigned long long v;
		int err;
		if (sscanf(p, "%79s %llu", full, &v) != 2)
			continue;
		if (!np_snmp6_split(full, group, sizeof(group), &name))
			continue;
		err = add(out, group, strlen(group), name, strlen(name),
			  v > INT64_MAX ? INT64_MAX : (int64_t)v);
		if (err)
			return err;
	}
	return 0;
}

const struct np_counter *np_counters_find(const struct np_counters *c, const char *group,
					  const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].group, group) && !strcmp(c->v[i].name, name))
			return &c->v[i];
	return NULL;
}

bool np_filter_is_group(const char *filter)
{
	for (int i = 0; filter && np_snmp_groups[i]; i++)
		if (!strcasecmp(np_snmp_groups[i], filter))
			return true;
	return false;
}

bool np_counter_match(const struct np_counter *c, const char *filter)
{
	char full[80];
	if (!filter || !*filter)
		return true;
	/* A fact name pasted as a filter: snmp.TcpExt.ListenOverflows */
	if (!strncasecmp(filter, "snmp.", 5))
		filter += 5;
	if (np_filter_is_group(filter))
		return !strcasecmp(c->group, filter);
	snprintf(full, sizeof(full), "%s.%s", c->group, c->name);
	return strcasestr(full, filter) != NULL;
}
