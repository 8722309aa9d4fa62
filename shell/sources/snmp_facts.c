// SPDX-License-Identifier: GPL-2.0-only
/* Reading the kernel's SNMP MIB counters (/proc/net/snmp, netstat, snmp6;
 * parsed by snmp_parse.c) and the snmp fact family: a key reads only the
 * file that holds its group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "procfile.h"
#include "snmp_facts.h"

unsigned np_snmp_file_bit(const char *file)
{
	if (!file)
		return 0;
	return !strcmp(file, "snmp")	  ? NP_SNMP_F_SNMP
	       : !strcmp(file, "netstat") ? NP_SNMP_F_NETSTAT
					  : NP_SNMP_F_SNMP6;
}

/* Read and parse the files in mask.  A missing snmp6 (IPv6 disabled) is
 * not an error: those counters simply do not exist here. */
int np_snmp_load(struct np_ctx *ctx, unsigned mask, struct np_counters *c)
{
	static const struct {
		unsigned bit;
		const char *path;
		bool six;
	} files[] = {
	    {NP_SNMP_F_SNMP, "/proc/net/snmp", false},
	    {NP_SNMP_F_NETSTAT, "/proc/net/netstat", false},
	    {NP_SNMP_F_SNMP6, "/proc/net/snmp6", true},
	};
	for (size_t i = 0; i < NP_ARRAY_SIZE(files); i++) {
		char *text;
		int err;
		if (!(mask & files[i].bit))
			continue;
		err = np_read_proc(files[i].path, &text);
		if (err == -ENOENT && files[i].six)
			continue;
		if (err) {
			np_error(ctx->out, NULL, "%s: %s", files[i].path, strerror(-err));
			return err;
		}
		err = files[i].six ? np_snmp_parse_snmp6(text, c) : np_snmp_parse_pairs(text, c);
		free(text);
		if (err) {
			np_error(ctx->out, NULL, "%s: cannot parse (%s)", files[i].path,
				 strerror(-err));
			return err;
		}
	}
	return 0;
}

void np_snmp_publish(struct np_ctx *ctx, const struct np_counters *c)
{
	for (size_t i = 0; i < c->n; i++)
		np_fact_setf_int(ctx->facts, c->v[i].value, "snmp.%s.%s", c->v[i].group,
				 c->v[i].name);
}

static unsigned mask_for_key(const struct np_factkey *key)
{
	if (key->nseg < 2)
		return NP_SNMP_F_ALL;
	return np_snmp_file_bit(np_snmp_group_file(np_factkey_name(key, 1)));
}

static int snmp_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_counters c = {0};
	unsigned mask = mask_for_key(key);
	int err;
	if (!mask)
		return -ENOENT;
	err = np_snmp_load(ctx, mask, &c);
	if (!err)
		np_snmp_publish(ctx, &c);
	np_counters_free(&c);
	return err;
}

static int snmp_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *group = np_factkey_name(key, 1);
	for (int i = 0; i < key->nseg; i++)
		if (key->seg[i].has_arg) {
			snprintf(why, len, "snmp facts take no [...]: snmp.GROUP.FIELD");
			return -ENOENT;
		}
	if (key->nseg != 3) {
		snprintf(why, len, "expected snmp.GROUP.FIELD, e.g. snmp.TcpExt.ListenOverflows");
		return -ENOENT;
	}
	if (group[0] != '$' && !np_snmp_group_file(group)) {
		snprintf(why, len, "unknown SNMP group '%s' (Ip, Tcp, Udp, TcpExt, IpExt, Ip6 ...)",
			 group);
		return -ENOENT;
	}
	return 0;
}

static void snmp_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[NP_FACTKEY_MAX];
	const char *dot = strchr(prefix + 5, '.');
	struct np_counters c = {0};
	(void)ctx;
	if (strncmp(prefix, "snmp.", 5))
		return;
	if (!dot) {
		for (int i = 0; np_snmp_groups[i]; i++) {
			snprintf(buf, sizeof(buf), "snmp.%s.", np_snmp_groups[i]);
			if (!strncmp(buf, prefix, strlen(prefix)))
				add(cookie, buf);
		}
		return;
	}
	snprintf(buf, sizeof(buf), "%.*s", (int)(dot - prefix - 5), prefix + 5);
	if (!np_snmp_file_bit(np_snmp_group_file(buf)))
		return;
	/* Names differ between kernels: complete from what this one has.
	 * Errors are not reported while completing. */
	{
		unsigned mask = np_snmp_file_bit(np_snmp_group_file(buf));
		static const char *const paths[] = {"/proc/net/snmp", "/proc/net/netstat",
						    "/proc/net/snmp6"};
		char *text;
		int i = mask == NP_SNMP_F_SNMP ? 0 : mask == NP_SNMP_F_NETSTAT ? 1 : 2;
		if (np_read_proc(paths[i], &text))
			return;
		if (i == 2)
			np_snmp_parse_snmp6(text, &c);
		else
			np_snmp_parse_pairs(text, &c);
		free(text);
	}
	for (size_t i = 0; i < c.n; i++) {
		snprintf(buf, sizeof(buf), "snmp.%s.%s", c.v[i].group, c.v[i].name);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
	np_counters_free(&c);
}

const struct np_fact_family np_family_snmp = {
    .ns = "snmp",
    .pattern = "snmp.GROUP.FIELD",
    .describe = "SNMP MIB counters of this netns (/proc/net/snmp, netstat, snmp6), nstat names",
    .canon = snmp_canon,
    .fetch = snmp_fetch,
    .complete = snmp_complete,
    .scope = NP_SCOPE_NETNS, /* every flow of the namespace moves them */
};
