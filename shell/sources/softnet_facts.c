// SPDX-License-Identifier: GPL-2.0-only
/* Reading /proc/net/softnet_stat (parsed by softnet_parse.c) and the
 * softnet fact family: one small file answers every softnet key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "procfile.h"
#include "softnet_facts.h"
#include "xalloc.h"

#define MAX_CPUS 8192

void np_softnet_snap_free(struct np_softnet_snap *s)
{
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

int np_softnet_snap_read(struct np_ctx *ctx, struct np_softnet_snap *s)
{
	char *text;
	int n, err = np_read_proc("/proc/net/softnet_stat", &text);
	if (err) {
		np_error(ctx->out, NULL, "/proc/net/softnet_stat: %s", strerror(-err));
		return err;
	}
	/* One row per line: size the array from the line count. */
	n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	if (n > MAX_CPUS)
		n = MAX_CPUS;
	s->rows = np_xcalloc((size_t)n, sizeof(*s->rows));
	n = np_softnet_parse(text, s->rows, n);
	free(text);
	if (n < 0) {
		np_error(ctx->out, NULL, "/proc/net/softnet_stat: unexpected format");
		return n;
	}
	s->n = n;
	memset(s->total, 0, sizeof(s->total));
	for (int i = 0; i < n; i++)
		for (int f = 0; f < NP_SOFTNET_NFIELDS; f++)
			s->total[f] += s->rows[i].f[f];
	return 0;
}

void np_softnet_publish(struct np_ctx *ctx, const struct np_softnet_snap *s)
{
	for (int f = 0; f < NP_SOFTNET_NFIELDS; f++) {
		np_fact_setf_int(ctx->facts, (int64_t)s->total[f], "softnet.%s",
				 np_softnet_fields[f]);
		for (int i = 0; i < s->n; i++)
			np_fact_setf_int(ctx->facts, (int64_t)s->rows[i].f[f], "softnet[cpu%d].%s",
					 s->rows[i].cpu, np_softnet_fields[f]);
	}
}

static int softnet_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_softnet_snap s = {0};
	int err;
	(void)key; /* one small file answers every softnet key */
	err = np_softnet_snap_read(ctx, &s);
	if (!err)
		np_softnet_publish(ctx, &s);
	np_softnet_snap_free(&s);
	return err;
}

static int softnet_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *cpu = np_factkey_arg(key, 0), *field = np_factkey_name(key, 1);
	if (key->nseg != 2 || key->seg[1].has_arg) {
		snprintf(why, len, "expected softnet.FIELD or softnet[cpuN].FIELD");
		return -ENOENT;
	}
	if (key->seg[0].has_arg && cpu[0] != '$') {
		char *end;
		unsigned long n;
		if (strncmp(cpu, "cpu", 3) || !cpu[3] || (n = strtoul(cpu + 3, &end, 10), *end) ||
		    n > 65535) {
			snprintf(why, len, "'%s' is not a CPU: use softnet[cpu0]", cpu);
			return -ENOENT;
		}
		snprintf(key->seg[0].arg, sizeof(key->seg[0].arg), "cpu%lu", n); /* cpu01: cpu1 */
	}
	if (field[0] != '$' && np_softnet_field(field) < 0) {
		snprintf(why, len,
			 "unknown softnet field '%s' (processed, dropped, time_squeeze, "
			 "received_rps, flow_limit_count)",
			 field);
		return -ENOENT;
	}
	return 0;
}

static void softnet_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add,
			     void *cookie)
{
	char buf[NP_FACTKEY_MAX];
	const char *dot = strchr(prefix, '.');
	(void)ctx;
	if (!dot)
		return;
	for (int f = 0; f < NP_SOFTNET_NFIELDS; f++) {
		snprintf(buf, sizeof(buf), "%.*s.%s", (int)(dot - prefix), prefix,
			 np_softnet_fields[f]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_softnet = {
    .ns = "softnet",
    .pattern = "softnet.FIELD, softnet[cpuN].FIELD",
    .describe = "NET_RX softirq counters (host-global): processed, dropped, time_squeeze, "
		"received_rps, flow_limit_count",
    .canon = softnet_canon,
    .fetch = softnet_fetch,
    .complete = softnet_complete,
    .scope = NP_SCOPE_HOST,
};
