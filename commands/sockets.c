// SPDX-License-Identifier: GPL-2.0-only
/* sockets [tcp|udp|raw] [state S] [port N] [listen]: sock_diag with the
 * filtering done in the kernel (idiag_states for the state, inet_diag
 * bytecode for the port), so `sockets port 8080` on a host with 20,000
 * sockets returns only the matching ones.  Also the sock[PROTO:PORT]
 * fact provider. */
#include <libmnl/libmnl.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "family.h"
#include "sockdump.h"

/* ---- facts: sock[tcp:PORT].* and sock[udp:PORT].* ---- */

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

static void publish_agg(struct np_ctx *ctx, const char *proto, unsigned port,
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

static int sock_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	int proto, err;
	unsigned port;
	char why[128];
	struct np_sockagg g = {0};

	if (parse_sock_arg(np_factkey_arg(key, 0), &proto, &port, why, sizeof(why)) || !port)
		return -ENOENT;
	/* Only this port, filtered by the kernel. */
	{
		struct np_sockdiag_query q = {
		    .proto = proto, .states = NP_SK_ALL_STATES, .lport = port};
		err = np_sock_dump(ctx, &q, agg_cb, &g);
	}
	if (err)
		return err;
	publish_agg(ctx, np_sock_proto_name(proto), port, &g);
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

/* ---- the command ---- */

enum { A_PROTO, A_STATE, A_PORT, A_LISTEN };

static const char *const proto_choices[] = {"tcp", "udp", "raw", NULL};
static const char *const state_choices[] = {
    "established", "syn-sent", "syn-recv", "fin-wait-1", "fin-wait-2", "time-wait", "close",
    "close-wait",  "last-ack", "listen",   "closing",	 "connected",  "all",	    NULL};

static const struct np_arg sockets_args[] = {
    [A_PROTO] = {NULL, NP_A_ENUM, NULL, "protocol (default: tcp and udp)", proto_choices},
    [A_STATE] = {"state", NP_A_ENUM, "S", "only sockets in this TCP state", state_choices},
    [A_PORT] = {"port", NP_A_PORT, "N", "only sockets with this local port"},
    [A_LISTEN] = {"listen", NP_A_FLAG, NULL,
		  "only listeners (TCP) and unconnected bound sockets (UDP)"},
};

static const struct np_col sock_cols[] = {
    {"proto", "PROTO", NP_COL_STR},
    {"state", "STATE", NP_COL_STR},
    {"recv_q", "RECV-Q", NP_COL_U64},
    {"send_q", "SEND-Q", NP_COL_U64},
    {"local", "LOCAL", NP_COL_STR},
    {"peer", "PEER", NP_COL_STR},
    {"rmem", "RMEM", NP_COL_U64},
    {"rcvbuf", "RCVBUF", NP_COL_U64},
    {"sndbuf", "SNDBUF", NP_COL_U64},
    {"drops", "DROPS", NP_COL_U64},
    {"cwnd", "CWND", NP_COL_U64},
    {"rtt_ms", "RTT_MS", NP_COL_DBL, 0, 3},
    {"retrans", "RETRANS", NP_COL_U64},
    {"rcv_space", "RCV_SPACE", NP_COL_U64},
    {"note", "NOTE", NP_COL_STR},
    {"inode", "INODE", NP_COL_U64, NP_COL_JSON_ONLY},
    {"uid", "UID", NP_COL_U64, NP_COL_JSON_ONLY},
};

struct run_state {
	struct np_table *t;
	uint64_t n, listeners, full, drops;
	bool listen_only;
	struct np_sockagg agg;
};

static void row_cb(const struct np_sock *s, void *arg)
{
	struct run_state *r = arg;
	const char *st = np_sk_state_name(s->state);
	bool listener = s->state == NP_TCP_LISTEN;

	/* UDP has no states: unconnected is "unconn" as in ss. */
	if (s->proto != IPPROTO_TCP)
		st = s->state == NP_TCP_CLOSE	      ? "unconn"
		     : s->state == NP_TCP_ESTABLISHED ? "connected"
						      : st;
	np_sockagg_add(&r->agg, s);
	r->n++;
	r->listeners += listener;
	r->drops += s->drops;
	np_row_begin(r->t);
	np_cell_str(r->t, np_sock_proto_name(s->proto));
	np_cell_str(r->t, st ? st : "?");
	np_cell_u64(r->t, s->rqueue);
	np_cell_u64(r->t, s->wqueue);
	np_cell_str(r->t, s->local);
	np_cell_str(r->t, s->peer);
	if (s->has_mem) {
		np_cell_u64(r->t, s->rmem);
		np_cell_u64(r->t, s->rcvbuf);
		np_cell_u64(r->t, s->sndbuf);
		np_cell_u64(r->t, s->drops);
	} else {
		np_cell_null(r->t);
		np_cell_null(r->t);
		np_cell_null(r->t);
		np_cell_null(r->t);
	}
	if (s->has_tcp && !listener) {
		np_cell_u64(r->t, s->cwnd);
		np_cell_dbl(r->t, s->rtt_us / 1000.0);
		np_cell_u64(r->t, s->total_retrans);
		np_cell_u64(r->t, s->rcv_space);
	} else {
		np_cell_null(r->t);
		np_cell_null(r->t);
		np_cell_null(r->t);
		np_cell_null(r->t);
	}
	if (np_sock_accept_full(s)) {
		r->full++;
		np_cell_str(r->t, "accept queue full (RECV-Q > backlog SEND-Q)");
	} else if (listener) {
		np_cell_str(r->t, "RECV-Q accept queue, SEND-Q backlog");
	} else if (s->drops) {
		np_cell_str(r->t, "receive-buffer drops");
	} else {
		np_cell_str(r->t, NULL);
	}
	np_cell_u64(r->t, s->inode);
	np_cell_u64(r->t, s->uid);
	np_row_end(r->t);
}

static uint32_t state_mask(const struct np_args *a, int proto)
{
	if (a->v[A_LISTEN].set)
		return proto == IPPROTO_TCP ? 1u << NP_TCP_LISTEN : 1u << NP_TCP_CLOSE;
	if (!a->v[A_STATE].set)
		return NP_SK_ALL_STATES;
	const char *s = state_choices[a->v[A_STATE].choice];
	if (!strcmp(s, "all"))
		return NP_SK_ALL_STATES;
	if (!strcmp(s, "connected")) /* everything but listen and close, as in ss */
		return NP_SK_ALL_STATES & ~((1u << NP_TCP_LISTEN) | (1u << NP_TCP_CLOSE));
	return 1u << np_sk_state_from_name(s);
}

static int sockets_run(struct np_ctx *ctx, const struct np_args *a)
{
	int protos[3], np = 0, err = 0;
	unsigned port = a->v[A_PORT].set ? (unsigned)a->v[A_PORT].u : 0;
	struct run_state r = {0};

	if (a->v[A_PROTO].set) {
		static const int map[] = {IPPROTO_TCP, IPPROTO_UDP, IPPROTO_RAW};
		protos[np++] = map[a->v[A_PROTO].choice];
	} else {
		protos[np++] = IPPROTO_TCP;
		protos[np++] = IPPROTO_UDP;
	}
	if (a->v[A_LISTEN].set && a->v[A_STATE].set) {
		np_error(ctx->out, "use either `listen` or `state S`",
			 "sockets: listen and state exclude each other");
		return -NP_EUSAGE;
	}
	if (port && protos[0] == IPPROTO_RAW) {
		np_error(ctx->out, "raw sockets have no ports", "sockets raw: port does not apply");
		return -NP_EUSAGE;
	}
	r.t = np_table_begin(ctx->out, "sockets", NULL, sock_cols, NP_ARRAY_SIZE(sock_cols));
	for (int i = 0; i < np && !err; i++) {
		memset(&r.agg, 0, sizeof(r.agg));
		struct np_sockdiag_query q = {
		    .proto = protos[i], .states = state_mask(a, protos[i]), .lport = port};
		err = np_sock_dump(ctx, &q, row_cb, &r);
		/* With a port and every state, the rows are exactly what the
		 * sock[] facts describe: publish them too. */
		if (!err && port && !a->v[A_STATE].set && !a->v[A_LISTEN].set &&
		    protos[i] != IPPROTO_RAW)
			publish_agg(ctx, np_sock_proto_name(protos[i]), port, &r.agg);
	}
	np_table_end(r.t);
	if (err == -EINTR)
		np_warn(ctx->out, "interrupted: the list above is partial");
	if (err)
		return err;
	np_text(ctx->out, "\n%" PRIu64 " socket%s", r.n, r.n == 1 ? "" : "s");
	if (r.listeners)
		np_text(ctx->out, ", %" PRIu64 " listening", r.listeners);
	np_text(ctx->out, "%s\n", port ? " (filtered in the kernel by local port)" : "");
	np_print_u64(ctx->out, "count", NULL, r.n);
	np_print_u64(ctx->out, "listeners", NULL, r.listeners);
	np_print_u64(ctx->out, "accept_queue_full", NULL, r.full);
	if (r.full) {
		np_text_color(ctx->out, NP_C_YELLOW,
			      "%" PRIu64
			      " listener%s with a full accept queue: new SYNs are dropped "
			      "(TcpExt ListenOverflows); the application does not accept() fast "
			      "enough or the backlog is too small (listen() backlog, capped by "
			      "net.core.somaxconn)\n",
			      r.full, r.full == 1 ? "" : "s");
		ctx->health = NP_WARN;
	}
	return 0;
}

const struct np_cmd np_cmd_sockets = {
    .name = "sockets",
    .summary = "sockets with queues, buffers, drops and TCP info (sock_diag)",
    .help = "Lists TCP, UDP or raw sockets of the namespace, IPv4 and IPv6, through sock_diag. "
	    "A port or state filter is applied by the kernel (inet_diag bytecode, state mask): "
	    "only matching sockets cross into user space, even among tens of thousands. "
	    "Columns: RECV-Q/SEND-Q (for listeners: accept-queue length and backlog limit; the "
	    "queue is full when RECV-Q exceeds SEND-Q and new SYNs are then dropped), RMEM and "
	    "RCVBUF (receive memory in use and its limit), SNDBUF, DROPS (SK_MEMINFO drops: "
	    "packets the socket refused, e.g. a full UDP receive buffer), and for TCP the "
	    "congestion window, smoothed RTT, total retransmits and rcv_space. WARNING exit "
	    "status when a listener's accept queue is full.",
    .args = sockets_args,
    .nargs = NP_ARRAY_SIZE(sockets_args),
    .run = sockets_run,
    .facts = NP_FAMILIES("sock", "conn"),
    .examples = "sockets listen\nsockets tcp port 8080\nsockets tcp state time-wait\n"
		"sockets udp port 53\nget sock[tcp:8080].accept_queue\n"
		"get conn[10.0.0.2,port=443].syn_sent",
};
