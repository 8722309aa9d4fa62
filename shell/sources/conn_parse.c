// SPDX-License-Identifier: GPL-2.0-only
/* conn[DST,port=N] keys and aggregation (see conn_parse.h). */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "conn_parse.h"

const char *const np_conn_fields[] = {
    "count",  "syn_sent", "established", "retrans", "lost",   "retransmits", "backoff",
    "rtt_us", "pmtu",	  "snd_mss",	 "unacked", "probes", NULL};

int np_conn_key_parse(const char *arg, struct np_conn_key *k, char *why, size_t len)
{
	char addr[INET6_ADDRSTRLEN + 1];
	const char *comma = strchr(arg, ',');
	size_t alen = comma ? (size_t)(comma - arg) : strlen(arg);

	memset(k, 0, sizeof(*k));
	if (!alen || alen >= sizeof(addr)) {
		snprintf(why, len, "expected conn[DST] or conn[DST,port=N]");
		return -1;
	}
	memcpy(addr, arg, alen);
	addr[alen] = '\0';
	if (np_parse_addr(addr, &k->dst, why, len))
		return -1;
	if (!comma)
		return 0;
	if (strncmp(comma + 1, "port=", 5) || np_parse_port(comma + 6, &k->port, why, len)) {
		if (strncmp(comma + 1, "port=", 5))
			snprintf(why, len, "'%.40s': the only selector is port=N", comma + 1);
		return -1;
	}
	return 0;
}

void np_conn_key_format(const struct np_conn_key *k, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];
	np_addr_str(&k->dst, a, sizeof(a));
	if (k->port)
		snprintf(buf, len, "%s,port=%u", a, k->port);
	else
		snprintf(buf, len, "%s", a);
}

static void max_into(uint64_t *m, uint64_t v)
{
	if (v > *m)
		*m = v;
}

static void min_into(uint64_t *m, uint64_t v)
{
	if (v && (!*m || v < *m))
		*m = v;
}

void np_connagg_add(struct np_connagg *g, const struct np_sock *s)
{
	g->count++;
	g->syn_sent += s->state == NP_TCP_SYN_SENT;
	g->established += s->state == NP_TCP_ESTABLISHED;
	if (!s->has_tcp)
		return;
	g->retrans += s->total_retrans;
	g->lost += s->lost;
	g->unacked += s->unacked;
	max_into(&g->retransmits, s->retransmits);
	max_into(&g->backoff, s->backoff);
	max_into(&g->rtt_us, s->rtt_us);
	max_into(&g->probes, s->probes);
	min_into(&g->pmtu, s->pmtu);
	min_into(&g->snd_mss, s->snd_mss);
}

void np_connagg_values(const struct np_connagg *g, int64_t v[NP_CONN_NFIELDS])
{
	const uint64_t u[NP_CONN_NFIELDS] = {g->count, g->syn_sent,    g->established, g->retrans,
					     g->lost,  g->retransmits, g->backoff,     g->rtt_us,
					     g->pmtu,  g->snd_mss,     g->unacked,     g->probes};
	for (int i = 0; i < NP_CONN_NFIELDS; i++)
		v[i] = u[i] > INT64_MAX ? INT64_MAX : (int64_t)u[i];
}
