// SPDX-License-Identifier: GPL-2.0-only
/* The flow.* facts of `probe flow` and its window source: every counter
 * is published (0 when quiet) and every string ("" when none), so a
 * playbook check on a quiet window passes instead of being skipped. */
#include <stdio.h>
#include <string.h>

#include "flow_api.h"
#include "probe_window.h"
#include "rtfmt.h"

static const char *const kind_names[NP_ICMP_KINDS] = {
    [NP_ICMP_NET_UNREACH] = "net_unreach",     [NP_ICMP_HOST_UNREACH] = "host_unreach",
    [NP_ICMP_PROTO_UNREACH] = "proto_unreach", [NP_ICMP_PORT_UNREACH] = "port_unreach",
    [NP_ICMP_FRAG_NEEDED] = "frag_needed",     [NP_ICMP_ADMIN_PROHIBITED] = "admin_prohibited",
    [NP_ICMP_TTL_EXCEEDED] = "ttl_exceeded",   [NP_ICMP_OTHER] = "other",
};

/* flow.err[NAME] always published for these (0 when quiet). */
static const int listed_errnos[] = {ECONNREFUSED, ETIMEDOUT,  EHOSTUNREACH, ENETUNREACH,
				    EMSGSIZE,	  ECONNRESET, EPROTO,	    EACCES};

/* flow.FIELD (no argument). */
static const char *const scalar_fields[] = {
    "available",   "skip",   "attach",	    "skip_parts",   "window_s",	    "lost_keys", "connects",
    "established", "failed", "syn_retrans", "syn_schedule", "rst_received", "rst_from",	 "errors",
    "error",	   "peers",  NULL};
/* flow.icmp.FIELD. */
static const char *const icmp_fields[] = {"received",	 "from", "mtu",	    "dropped",
					  "drop_reason", "sent", "sent_to", NULL};

const char *np_icmp_kind_name(unsigned kind)
{
	return kind < NP_ICMP_KINDS ? kind_names[kind] : NULL;
}

void np_flow_schedule_text(const uint32_t *ms, unsigned n, char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%.1f", i ? " " : "", ms[i] / 1000.0);
}

enum np_health np_flow_health(const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	uint64_t not_pmtu = c->icmp_rx - c->rx_kind[NP_ICMP_FRAG_NEEDED];
	/* The flow is being refused, reset, told it cannot get through, or
	 * this host throws away what would tell it. */
	if (c->failed || c->rst || c->icmp_drop || not_pmtu)
		return NP_CRIT;
	/* Symptoms a working flow can also show: SYNs lost and retried, a
	 * socket error, path MTU discovery at work, errors this host sends. */
	if (c->syn_retrans || c->errors || c->icmp_rx || c->icmp_tx)
		return NP_WARN;
	return NP_OK;
}

static bool in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (!strcmp(*l, s))
			return true;
	return false;
}

static bool kind_ok(const char *s)
{
	if (s[0] == '$')
		return true; /* a playbook parameter */
	for (int k = 0; k < NP_ICMP_KINDS; k++)
		if (!strcmp(kind_names[k], s))
			return true;
	return false;
}

static bool errno_word(const char *s)
{
	if (s[0] == '$')
		return true;
	if (s[0] != 'E' || !s[1] || strlen(s) > 20)
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

int np_flow_fact_canon(struct np_factkey *key, char *why, size_t len)
{
	const struct np_factseg *s1 = &key->seg[1];
	if (key->nseg == 2 && !s1->has_arg && in_list(scalar_fields, s1->name))
		return 0;
	if (key->nseg == 2 && s1->has_arg &&
	    (!strcmp(s1->name, "icmp") || !strcmp(s1->name, "icmp_sent")) && kind_ok(s1->arg))
		return 0;
	if (key->nseg == 2 && s1->has_arg && !strcmp(s1->name, "err") && errno_word(s1->arg))
		return 0;
	if (key->nseg == 3 && !s1->has_arg && !strcmp(s1->name, "icmp") && !key->seg[2].has_arg &&
	    in_list(icmp_fields, key->seg[2].name))
		return 0;
	snprintf(why, len,
		 "flow facts: flow.connects .established .failed .syn_retrans .syn_schedule "
		 ".rst_received .rst_from .errors .error .err[ENAME] .icmp.received .icmp[KIND] "
		 ".icmp.from .icmp.mtu .icmp.dropped .icmp.drop_reason .icmp.sent .icmp_sent[KIND] "
		 ".icmp.sent_to .available .skip .attach .skip_parts (KIND: net_unreach "
		 "host_unreach proto_unreach port_unreach frag_needed admin_prohibited "
		 "ttl_exceeded other)");
	return -ENOENT;
}

void np_flow_fact_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[64];
	size_t pl = strlen(prefix);
	(void)ctx;
#define OFFER(...)                                                                                 \
	do {                                                                                       \
		snprintf(buf, sizeof(buf), __VA_ARGS__);                                           \
		if (!strncmp(buf, prefix, pl))                                                     \
			add(cookie, buf);                                                          \
	} while (0)
	for (int i = 0; scalar_fields[i]; i++)
		OFFER("flow.%s", scalar_fields[i]);
	for (int i = 0; icmp_fields[i]; i++)
		OFFER("flow.icmp.%s", icmp_fields[i]);
	for (int k = 0; k < NP_ICMP_KINDS; k++) {
		OFFER("flow.icmp[%s]", kind_names[k]);
		OFFER("flow.icmp_sent[%s]", kind_names[k]);
	}
	for (size_t i = 0; i < NP_ARRAY_SIZE(listed_errnos); i++) {
		char eb[16];
		OFFER("flow.err[%s]", np_errno_name(listed_errnos[i], eb, sizeof(eb)));
	}
#undef OFFER
}

void np_flow_publish_skip(struct np_ctx *ctx, const char *why)
{
	np_facts_clear_prefix(ctx->facts, "flow.");
	np_fact_set_int(ctx->facts, "flow.available", 0);
	np_fact_set_str(ctx->facts, "flow.skip", why);
}

static void publish_counts(struct np_facts *fs, const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	char eb[16];
	np_fact_set_int(fs, "flow.connects", (int64_t)c->connects);
	np_fact_set_int(fs, "flow.established", (int64_t)c->established);
	np_fact_set_int(fs, "flow.failed", (int64_t)c->failed);
	np_fact_set_int(fs, "flow.syn_retrans", (int64_t)c->syn_retrans);
	np_fact_set_int(fs, "flow.rst_received", (int64_t)c->rst);
	np_fact_set_int(fs, "flow.errors", (int64_t)c->errors);
	np_fact_set_int(fs, "flow.icmp.received", (int64_t)c->icmp_rx);
	np_fact_set_int(fs, "flow.icmp.dropped", (int64_t)c->icmp_drop);
	np_fact_set_int(fs, "flow.icmp.sent", (int64_t)c->icmp_tx);
	np_fact_set_int(fs, "flow.icmp.mtu", t->mtu);
	for (int k = 0; k < NP_ICMP_KINDS; k++) {
		np_fact_setf_int(fs, (int64_t)c->rx_kind[k], "flow.icmp[%s]", kind_names[k]);
		np_fact_setf_int(fs, (int64_t)c->tx_kind[k], "flow.icmp_sent[%s]", kind_names[k]);
	}
	for (size_t i = 0; i < NP_ARRAY_SIZE(listed_errnos); i++)
		np_fact_setf_int(fs, 0, "flow.err[%s]",
				 np_errno_name(listed_errnos[i], eb, sizeof(eb)));
	for (int e = 1; e < 256; e++)
		if (t->err_count[e])
			np_fact_setf_int(fs, (int64_t)t->err_count[e], "flow.err[%s]",
					 np_errno_name(e, eb, sizeof(eb)));
}

void np_flow_publish(struct np_ctx *ctx, const struct np_flow *f, const struct np_flow_totals *t,
		     size_t peers, double seconds)
{
	struct np_facts *fs = ctx->facts;
	np_facts_clear_prefix(fs, "flow.");
	np_fact_set_int(fs, "flow.available", 1);
	np_fact_set_str(fs, "flow.skip", "");
	np_fact_set_str(fs, "flow.attach", np_flow_attach_mode(f));
	np_fact_set_str(fs, "flow.skip_parts", np_flow_skip_parts(f));
	np_fact_set_dbl(fs, "flow.window_s", seconds);
	np_fact_set_int(fs, "flow.lost_keys", (int64_t)t->lost);
	np_fact_set_int(fs, "flow.peers", (int64_t)peers);
	publish_counts(fs, t);
	np_fact_set_str(fs, "flow.syn_schedule", t->schedule);
	np_fact_set_str(fs, "flow.rst_from", t->rst_from);
	np_fact_set_str(fs, "flow.error", t->error);
	np_fact_set_str(fs, "flow.icmp.from", t->icmp_from);
	np_fact_set_str(fs, "flow.icmp.drop_reason", t->drop_reason);
	np_fact_set_str(fs, "flow.icmp.sent_to", t->sent_to);
}

/* ---- window source ---- */

static int open_probe(struct np_ctx *ctx, const struct np_filter_spec *spec, void **probe,
		      char *why, size_t len)
{
	struct np_flow *f;
	int err = np_flow_open(ctx, spec, &f, why, len);
	*probe = f;
	return err;
}

static void publish(struct np_ctx *ctx, void *probe, double seconds)
{
	const struct np_flow_row *rows;
	const struct np_flow_totals *t;
	size_t n;
	np_flow_read(probe, &rows, &n, &t);
	np_flow_publish(ctx, probe, t, n, seconds);
}

static void close_probe(void *probe)
{
	np_flow_close(probe);
}

static const struct np_probe_ops flow_ops = {open_probe, publish, np_flow_publish_skip,
					     close_probe};
NP_PROBE_WINDOW(np_flow_window, "flow", flow_ops);
