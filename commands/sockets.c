// SPDX-License-Identifier: GPL-2.0-only
/* sockets [tcp|udp|raw] [state S] [port N] [listen]: sock_diag with the
 * filtering done in the kernel (idiag_states for the state, inet_diag
 * bytecode for the port), so `sockets port 8080` on a host with 20,000
 * sockets returns only the matching ones.  What it reads is published
 * as sock[PROTO:PORT] facts (shell/sources/sock_facts.c). */
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "sock_facts.h"

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
			np_sock_publish(ctx, np_sock_proto_name(protos[i]), port, &r.agg);
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
