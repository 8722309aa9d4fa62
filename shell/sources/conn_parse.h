/* SPDX-License-Identifier: GPL-2.0-only */
/* The conn[DST,port=N].FIELD facts, pure half: key parsing into a
 * canonical form, and the aggregation of this namespace's TCP sockets
 * connected to DST[:N] (what sockconn.c reads with sock_diag). */
#ifndef NP_CONN_PARSE_H
#define NP_CONN_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "sockdiag.h"
#include "validate.h"

/* Sockets with a peer, as ss shows them by default: SYN-SENT, ESTABLISHED
 * and the closing states; not LISTEN, CLOSE, TIME-WAIT or SYN-RECV (those
 * are a listener's, not a connection this host made). */
#define NP_CONN_STATES                                                                             \
	((1u << NP_TCP_SYN_SENT) | (1u << NP_TCP_ESTABLISHED) | (1u << NP_TCP_FIN_WAIT1) |         \
	 (1u << NP_TCP_FIN_WAIT2) | (1u << NP_TCP_CLOSE_WAIT) | (1u << NP_TCP_LAST_ACK) |          \
	 (1u << NP_TCP_CLOSING))

struct np_conn_key {
	struct np_addr dst;
	unsigned port; /* remote port, 0: any */
};

/* "DST" or "DST,port=N" (DST IPv4 or IPv6).  0, or -1 with why set. */
int np_conn_key_parse(const char *arg, struct np_conn_key *k, char *why, size_t len);
/* Canonical text: the address as inet_ntop writes it ("2001:db8::1",
 * lower case, zeros compressed), then ",port=N" when a port is given. */
void np_conn_key_format(const struct np_conn_key *k, char *buf, size_t len);

struct np_connagg {
	uint64_t count, syn_sent, established;
	uint64_t retrans, lost, unacked;	       /* summed */
	uint64_t retransmits, backoff, rtt_us, probes; /* max */
	uint64_t pmtu, snd_mss; /* min over sockets that report one, 0 none */
};

void np_connagg_add(struct np_connagg *g, const struct np_sock *s);

/* Field names in fact order, NULL-terminated; values in the same order. */
extern const char *const np_conn_fields[];
#define NP_CONN_NFIELDS 12
void np_connagg_values(const struct np_connagg *g, int64_t v[NP_CONN_NFIELDS]);

#endif
