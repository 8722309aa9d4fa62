// SPDX-License-Identifier: GPL-2.0-only
/* The sock fact family: sock[tcp:PORT].FIELD and sock[udp:PORT].FIELD,
 * the sockets of one local port read with one sock_diag dump whose port
 * filter the kernel evaluates (sockdump.c), summed (sockdiag.c). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "family.h"
#include "sock_facts.h"
#include "validate.h"

static int parse_sock_arg(const char *arg, int *proto, unsigned *port, char *why, size_t len)
{
	const char *colon = strchr(arg, ':');
	char p[8];
	if (!colon || colon - arg >= (long)sizeof(p)) {
		snprintf(why, len, "expected sock[tcp:PORT] or sock[udp:PORT]");
		return -ENOENT;
	}
	memcpy(p, arg, (size_t)(colon - arg));
	p[colon - arg] = '\0';
	if (!strcmp(p, "tcp"))
		*proto = IPPROTO_TCP;
	else if (!strcmp(p, "udp"))
		*proto = IPPROTO_UDP;
	else {
		snprintf(why, len, "'%s' is not tcp or udp", p);
		return -ENOENT;
	}
	if (colon[1] == '$') {
		*port = 0; /* a playbook parameter, checked after substitution */
		return 0;
	}
	if (np_parse_port(colon + 1, port, why, len))
		return -ENOENT;
	return 0;
}

static const char *const sock_fields[] = {"count",  "listen",  "accept_queue", "backlog",
					  "drops",  "rcvbuf",  "rmem",	       "recv_q",
					  "send_q", "retrans", "full",	       NULL};

/* The one spelling: sock[tcp:08080] is sock[tcp:8080]. */
static int sock_canon(struct np_factkey *key, char *why, size_t len)
{
	int proto;
	unsigned port;
	if (key->nseg != 2 || !key->seg[0].has_arg || key->seg[1].has_arg) {
		snprintf(why, len, "expected sock[tcp:PORT].FIELD");
		return -ENOENT;
	}
	if (parse_sock_arg(key->seg[0].arg, &proto, &port, why, len))
		return -ENOENT;
	if (port)
		snprintf(key->seg[0].arg, sizeof(key->seg[0].arg), "%s:%u",
			 np_sock_proto_name(proto), port);
	for (int i = 0; sock_fields[i]; i++)
		if (!strcmp(sock_fields[i], key->seg[1].name))
			return 0;
	if (!strcmp(key->seg[1].name, "listen_addrs"))
		return 0;
	snprintf(why, len, "unknown field '%s' (count, listen, accept_queue, backlog, drops, ...)",
		 key->seg[1].name);
	return -ENOENT;
}

static void agg_cb(const struct np_sock *s, void *arg)
{
	np_sockagg_add(arg, s);
}

void np_sock_publish(struct np_ctx *ctx, const char *proto, unsigned port,
		     const struct np_sockagg *g)
{
	const uint64_t v[] = {g->count,	 g->listen,  g->accept_queue,  g->backlog,
			      g->drops,	 g->rcvbuf,  g->rmem,	       g->recv_q,
			      g->send_q, g->retrans, (uint64_t)g->full};
	for (size_t i = 0; i < NP_ARRAY_SIZE(v); i++)
		np_fact_setf_int(ctx->facts, (int64_t)v[i], "sock[%s:%u].%s", proto, port,
				 sock_fields[i]);
	np_fact_setf_str(ctx->facts, g->listen_addrs, "sock[%s:%u].listen_addrs", proto, port);
}

/* The fields a TCP port's listeners alone answer. */
static bool listener_field(const char *f)
{
	static const char *const l[] = {"listen", "accept_queue", "backlog", "full",
					"listen_addrs"};
	for (size_t i = 0; i < NP_ARRAY_SIZE(l); i++)
		if (!strcmp(f, l[i]))
			return true;
	return false;
}

static void publish_listeners(struct np_ctx *ctx, unsigned port, const struct np_sockagg *g)
{
	np_fact_setf_int(ctx->facts, (int64_t)g->listen, "sock[tcp:%u].listen", port);
	np_fact_setf_int(ctx->facts, (int64_t)g->accept_queue, "sock[tcp:%u].accept_queue", port);
	np_fact_setf_int(ctx->facts, (int64_t)g->backlog, "sock[tcp:%u].backlog", port);
	np_fact_setf_int(ctx->facts, (int64_t)g->full, "sock[tcp:%u].full", port);
	np_fact_setf_str(ctx->facts, g->listen_addrs, "sock[tcp:%u].listen_addrs", port);
}

static int sock_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	int proto, err;
	unsigned port;
	char why[128];
	struct np_sockagg g = {0};
	struct np_sockdiag_query q = {.states = NP_SK_ALL_STATES};
	bool listeners;

	if (parse_sock_arg(np_factkey_arg(key, 0), &proto, &port, why, sizeof(why)) || !port)
		return -ENOENT;
	/* A TCP listener field is read from the listening sockets alone: the
	 * kernel then skips its walk of the established hash, which costs
	 * ~1 ms per family on an idle host and grows with every connection
	 * (tens of ms at 100k).  The other fields read every state. */
	listeners = proto == IPPROTO_TCP && listener_field(key->seg[1].name);
	if (listeners)
		q.states = 1u << NP_TCP_LISTEN;
	q.proto = proto;
	q.lport = port; /* only this port, filtered by the kernel */
	err = np_sock_dump(ctx, &q, agg_cb, &g);
	if (err)
		return err;
	if (listeners)
		publish_listeners(ctx, port, &g);
	else
		np_sock_publish(ctx, np_sock_proto_name(proto), port, &g);
	return 0;
}

static void sock_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[96];
	const char *fam[] = {"tcp", "udp"};
	unsigned port = ctx->set.port;
	(void)prefix;
	for (int f = 0; f < 2; f++)
		for (int i = 0; sock_fields[i]; i++) {
			if (port)
				snprintf(buf, sizeof(buf), "sock[%s:%u].%s", fam[f], port,
					 sock_fields[i]);
			else
				snprintf(buf, sizeof(buf), "sock[%s:PORT].%s", fam[f],
					 sock_fields[i]);
			if (!strncmp(buf, prefix, strlen(prefix)))
				add(cookie, buf);
		}
}

const struct np_fact_family np_family_sock = {
    .ns = "sock",
    .pattern = "sock[tcp:PORT].FIELD",
    .describe = "sockets on a local port (count, listen, accept_queue, backlog, drops, rcvbuf, "
		"rmem, recv_q, send_q, retrans, full), read with a kernel-side port filter",
    .canon = sock_canon,
    .fetch = sock_fetch,
    .complete = sock_complete,
};
