// SPDX-License-Identifier: GPL-2.0-only
/* The flow.* facts of `probe flow` and its window source: every counter
 * is published (0 when quiet) and every string ("" when none), so a
 * playbook check on a quiet window passes instead of being skipped. */
#include <stdio.h>
#include <string.h>

#include "flow_api.h"
#include "probe_window.h"
#include "probe.h"
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
					  "drop_reason", "sent", "sent_to", "sent_dropped", NULL};

const char *np_icmp_kind_name(unsigned kind)
{
	return kind < NP_ICMP_KINDS ? kind_names[kind] : NULL;
}

enum np_health np_flow_health(const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	uint64_t not_pmtu = c->icmp_rx - c->rx_kind[NP_ICMP_FRAG_NEEDED];
	/* The flow is being refused, reset, told it cannot get through, or
	 * this host throws away what would tell it. */
	if (c->failed || c->rst || c->icmp_drop || c->icmp_tx_drop || not_pmtu)
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

static int flow_canon(struct np_factkey *key, char *why, size_t len)
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
		 ".icmp.from .icmp.mtu .icmp.dropped .icmp.drop_reason .icmp.sent .icmp.sent_dropped "
		 ".icmp_sent[KIND] "
		 ".icmp.sent_to .available .skip .attach .skip_parts (KIND: net_unreach "
		 "host_unreach proto_unreach port_unreach frag_needed admin_prohibited "
		 "ttl_exceeded other)");
	return -ENOENT;
}

static void flow_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
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
	np_fact_set_int(fs, "flow.icmp.sent_dropped", (int64_t)c->icmp_tx_drop);
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

/* ---- `probe flow` ---- */

static const struct np_col cols[] = {
    {"peer", "PEER", NP_COL_STR},
    {"proto", "L4", NP_COL_STR},
    {"connects", "CONN", NP_COL_U64},
    {"established", "EST", NP_COL_U64},
    {"failed", "FAIL", NP_COL_U64},
    {"syn_retrans", "SYNRTX", NP_COL_U64},
    {"rst_received", "RST", NP_COL_U64},
    {"errors", "ERR", NP_COL_U64},
    {"icmp_received", "ICMP", NP_COL_U64},
    {"icmp_dropped", "DROP", NP_COL_U64},
    {"icmp_sent", "SENT", NP_COL_U64},
    {"netns", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"error", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_kinds", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_from", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_mtu", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
    {"icmp_drop_reason", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_sent_kinds", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
    {"icmp_sent_to", NULL, NP_COL_STR, NP_COL_JSON_ONLY},
};

/* "5 frag_needed, 1 host_unreach" ("" when none). */
static const char *kinds_text(const uint64_t *k, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < NP_ICMP_KINDS && o < len; i++)
		if (k[i])
			o += (size_t)snprintf(buf + o, len - o, "%s%llu %s", o ? ", " : "",
					      (unsigned long long)k[i], np_icmp_kind_name(i));
	return buf;
}

static void cell_text(struct np_table *t, const char *s)
{
	np_cell_str(t, s[0] ? s : NULL);
}

static void print_rows(struct np_ctx *ctx, const struct np_flow_row *rows, size_t n)
{
	struct np_table *t = np_table_begin(ctx->out, "flows", NULL, cols, NP_ARRAY_SIZE(cols));
	char kb[160];
	for (size_t i = 0; i < n; i++) {
		const struct np_flow_row *r = &rows[i];
		np_row_begin(t);
		np_cell_str(t, r->peer);
		np_cell_str(t, r->proto);
		np_cell_u64(t, r->c.connects);
		np_cell_u64(t, r->c.established);
		np_cell_u64(t, r->c.failed);
		np_cell_u64(t, r->c.syn_retrans);
		np_cell_u64(t, r->c.rst);
		np_cell_u64(t, r->c.errors);
		np_cell_u64(t, r->c.icmp_rx);
		np_cell_u64(t, r->c.icmp_drop);
		np_cell_u64(t, r->c.icmp_tx);
		np_cell_str(t, r->netns);
		cell_text(t, r->error);
		cell_text(t, kinds_text(r->c.rx_kind, kb, sizeof(kb)));
		cell_text(t, r->icmp_from);
		np_cell_u64(t, r->mtu);
		cell_text(t, r->drop_reason);
		cell_text(t, kinds_text(r->c.tx_kind, kb, sizeof(kb)));
		cell_text(t, r->sent_to);
		np_row_end(t);
	}
	np_table_end(t);
}

/* The lines under the table: what the totals say, in words (text only). */
static void explain(struct np_ctx *ctx, const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	char kb[160], eb[16];
	if (t->schedule[0])
		np_text(ctx->out, "  SYN retransmitted at %s s after the first SYN\n", t->schedule);
	if (c->rst)
		np_text(ctx->out, "  RSTs received, most from %s\n", t->rst_from);
	if (c->errors) {
		np_text(ctx->out, "  socket errors:");
		for (int e = 1; e < 256; e++)
			if (t->err_count[e])
				np_text(ctx->out, " %llu %s", (unsigned long long)t->err_count[e],
					np_errno_name(e, eb, sizeof(eb)));
		np_text(ctx->out, "\n");
	}
	if (c->icmp_rx) {
		np_text(ctx->out, "  ICMP received: %s, most from %s",
			kinds_text(c->rx_kind, kb, sizeof(kb)), t->icmp_from);
		if (c->rx_kind[NP_ICMP_FRAG_NEEDED])
			np_text(ctx->out, "; path MTU %u", t->mtu);
		np_text(ctx->out, "\n");
	}
	if (c->icmp_drop)
		np_text(ctx->out,
			"  %llu dropped here before the socket (%s): the sender never learns\n",
			(unsigned long long)c->icmp_drop, t->drop_reason);
	if (c->icmp_tx_drop)
		np_text(ctx->out,
			"  %llu generated here and dropped on their way out (%s), to %s: the "
			"sender never learns\n",
			(unsigned long long)c->icmp_tx_drop, t->drop_reason, t->sent_to);
	if (c->icmp_tx)
		np_text(ctx->out, "  ICMP sent: %s, most to %s\n",
			kinds_text(c->tx_kind, kb, sizeof(kb)), t->sent_to);
}

static void print_fact(const struct np_fact *f, void *arg)
{
	struct np_out *out = arg;
	if (f->type == NP_FACT_INT)
		np_print_i64(out, f->key, NULL, f->i);
	else if (f->type == NP_FACT_DBL)
		np_print_dbl(out, f->key, NULL, f->d);
	else
		np_print_str(out, f->key, NULL, f->s);
}

static void summary(struct np_ctx *ctx, const struct np_flow_totals *t)
{
	const struct np_flow_counts *c = &t->c;
	np_print_u64(ctx->out, "connects", "%llu connects", (unsigned long long)c->connects);
	np_print_u64(ctx->out, "established", ": %llu established",
		     (unsigned long long)c->established);
	np_print_u64(ctx->out, "failed", ", %llu failed", (unsigned long long)c->failed);
	np_print_u64(ctx->out, "syn_retrans", "; %llu SYN retransmissions",
		     (unsigned long long)c->syn_retrans);
	np_print_u64(ctx->out, "rst_received", "; %llu RSTs received\n",
		     (unsigned long long)c->rst);
	np_print_u64(ctx->out, "errors", "%llu socket errors", (unsigned long long)c->errors);
	np_print_u64(ctx->out, "icmp_received", "; ICMP errors: %llu received",
		     (unsigned long long)c->icmp_rx);
	np_print_u64(ctx->out, "icmp_dropped", ", %llu dropped here",
		     (unsigned long long)c->icmp_drop);
	np_print_u64(ctx->out, "icmp_sent", ", %llu sent\n", (unsigned long long)c->icmp_tx);
	/* In text, the line under the table says it when there are any. */
	np_print_u64(ctx->out, "icmp_sent_dropped", NULL, (unsigned long long)c->icmp_tx_drop);
}

static int flow_run(struct np_ctx *ctx, struct np_probe_opts *o)
{
	struct np_flow *f;
	const struct np_flow_row *rows;
	const struct np_flow_totals *t;
	size_t n;
	char why[512];
	double elapsed;
	bool cut;
	int err = np_filter_resolve(ctx, &o->filter, NP_NETNS_CURRENT);
	if (err)
		return err;
	err = np_flow_open(ctx, &o->filter, &f, why, sizeof(why));
	if (err) {
		np_flow_publish_skip(ctx, why);
		return np_probe_skip(ctx, "flow", err, why);
	}
	cut = np_probe_wait(ctx, o->seconds, &elapsed);
	err = np_flow_read(f, &rows, &n, &t);
	np_flow_publish(ctx, f, t, n, elapsed);
	np_probe_header(ctx, "flow", "flow: connects, RSTs, socket and ICMP errors", elapsed, o,
			np_flow_attach_mode(f), cut);
	if (np_flow_skip_parts(f)[0])
		np_warn(ctx->out, "probe flow: parts not attached: %s", np_flow_skip_parts(f));
	if (t->lost)
		np_warn(ctx->out, "%llu events not counted: aggregation map full",
			(unsigned long long)t->lost);
	summary(ctx, t);
	if (n || np_out_json(ctx->out))
		print_rows(ctx, rows, n);
	explain(ctx, t);
	np_open_obj(ctx->out, "facts");
	np_facts_each(ctx->facts, "flow.", print_fact, ctx->out);
	np_close_obj(ctx->out);
	ctx->health = np_flow_health(t);
	np_flow_close(f);
	return err;
}

/* ---- the kind ---- */

static const char *const flow_text[] = {"skip",	    "attach", "skip_parts", "syn_schedule",
					"rst_from", "error",  "from",	    "drop_reason",
					"sent_to",  NULL};

const struct np_fact_family np_family_flow = {
    .ns = "flow",
    .pattern = "flow.{connects,established,failed,syn_retrans,syn_schedule,rst_received,rst_from,"
	       "errors,error}, flow.err[ENAME], flow.icmp[KIND], flow.icmp.{received,from,mtu,"
	       "dropped,drop_reason,sent,sent_to,sent_dropped}, flow.icmp_sent[KIND]",
    .describe = "what became of a flow's packets after they left, in a probe window: connects, "
		"SYN retransmissions, RSTs and socket errors received, ICMP errors received about "
		"them (and dropped here), ICMP errors this host sent about them",
    .canon = flow_canon,
    .complete = flow_complete,
    .window = true,
    .probe = &np_flow_window,
    .text_fields = flow_text,
};

const struct np_probe np_probe_flow = {
    .name = "flow",
    .family = &np_family_flow,
    .run = flow_run,
};
