// SPDX-License-Identifier: GPL-2.0-only
/* The conn[DST,port=N].FIELD fact provider: this namespace's TCP sockets
 * connected to DST (and port N), read with one sock_diag dump whose
 * conditions the kernel evaluates (state mask, destination port in the
 * hash walk, inet_diag bytecode for the address): only those sockets
 * cross into user space.  Listed by the `sockets` command. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "family.h"
#include "conn_parse.h"
#include "sockdump.h"

/* The one spelling: the address as inet_ntop writes it, then ,port=N
 * (conn[2001:DB8::01,port=0443] is conn[2001:db8::1,port=443]). */
static int conn_canon(struct np_factkey *key, char *why, size_t len)
{
	struct np_conn_key k;
	if (key->nseg != 2 || !key->seg[0].has_arg || key->seg[1].has_arg) {
		snprintf(why, len, "expected conn[DST].FIELD or conn[DST,port=N].FIELD");
		return -ENOENT;
	}
	/* A playbook parameter is checked after substitution. */
	if (!strchr(key->seg[0].arg, '$')) {
		if (np_conn_key_parse(key->seg[0].arg, &k, why, len))
			return -ENOENT;
		np_conn_key_format(&k, key->seg[0].arg, sizeof(key->seg[0].arg));
	}
	for (int i = 0; np_conn_fields[i]; i++)
		if (!strcmp(np_conn_fields[i], key->seg[1].name))
			return 0;
	snprintf(why, len,
		 "conn facts are .count .syn_sent .established .retrans .lost .retransmits "
		 ".backoff .rtt_us .pmtu .snd_mss .unacked .probes");
	return -ENOENT;
}

static void agg_cb(const struct np_sock *s, void *arg)
{
	np_connagg_add(arg, s);
}

static void publish(struct np_ctx *ctx, const char *keyarg, const struct np_connagg *g)
{
	int64_t v[NP_CONN_NFIELDS];
	np_connagg_values(g, v);
	for (int i = 0; i < NP_CONN_NFIELDS; i++)
		np_fact_setf_int(ctx->facts, v[i], "conn[%s].%s", keyarg, np_conn_fields[i]);
}

static int conn_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_conn_key k;
	struct np_sockdiag_query q = {.proto = IPPROTO_TCP, .states = NP_CONN_STATES};
	struct np_connagg g = {0};
	char why[160];
	int err;

	/* `facts conn` (no address): list what was read, read nothing. */
	if (!key->seg[0].has_arg)
		return -ENOENT;
	if (np_conn_key_parse(np_factkey_arg(key, 0), &k, why, sizeof(why))) {
		np_error(ctx->out, "e.g. conn[10.0.0.2,port=443].syn_sent", "%s", why);
		return -NP_EUSAGE;
	}
	q.dst_family = k.dst.family;
	memcpy(q.dst, k.dst.a, sizeof(q.dst));
	q.rport = k.port;
	err = np_sock_dump(ctx, &q, agg_cb, &g);
	if (err)
		return err;
	publish(ctx, np_factkey_arg(key, 0), &g); /* the key is canonical */
	return 0;
}

static void conn_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[160];
	const char *br = strchr(prefix, ']');
	(void)ctx;
	for (int i = 0; np_conn_fields[i]; i++) {
		if (br && !strncmp(prefix, "conn[", 5))
			snprintf(buf, sizeof(buf), "%.*s.%s", (int)(br - prefix + 1), prefix,
				 np_conn_fields[i]);
		else
			snprintf(buf, sizeof(buf), "conn[DST,port=N].%s", np_conn_fields[i]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_conn = {
    .ns = "conn",
    .pattern = "conn[DST,port=N].FIELD",
    .describe = "this namespace's TCP sockets connected to DST[:N] (count, syn_sent, "
		"established, retrans, lost, retransmits, backoff, rtt_us, pmtu, snd_mss, unacked, "
		"probes), read with kernel-side filters",
    .canon = conn_canon,
    .fetch = conn_fetch,
    .complete = conn_complete,
};
