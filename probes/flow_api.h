/* SPDX-License-Identifier: GPL-2.0-only */
/* User half of `probe flow` (probes/flow.c reads the kernel maps,
 * probes/flow_facts.c publishes the flow.* facts). */
#ifndef NP_FLOW_API_H
#define NP_FLOW_API_H

#include <stdint.h>

#include "ctx.h"
#include "family.h"
#include "filter.h"
#include "flow_parse.h"

struct np_flow;

/* Counters of one remote end (a row), or of all of them (the totals). */
struct np_flow_counts {
	uint64_t connects, established, failed, syn_retrans, rst, errors;
	uint64_t icmp_rx, icmp_drop, icmp_tx;
	uint64_t icmp_tx_drop; /* errors generated here, dropped on their way out */
	uint64_t rx_kind[NP_ICMP_KINDS], tx_kind[NP_ICMP_KINDS];
};

struct np_flow_row {
	struct np_flow_counts c;
	char peer[64];	/* "10.0.0.2:80", "[2001:db8::2]:443" */
	char proto[16]; /* tcp, udp ... */
	char netns[64];
	char error[24];	      /* errno name of the last socket error, "" none */
	char icmp_from[48];   /* source of the last ICMP error received */
	uint32_t mtu;	      /* announced by the last frag-needed / PTB */
	char drop_reason[64]; /* why the last dropped ICMP error was dropped */
	char sent_to[48];     /* where the last ICMP error sent went */
};

struct np_flow_totals {
	struct np_flow_counts c;
	uint64_t err_count[256]; /* per errno */
	char schedule[96];	 /* "1.0 3.0 7.0": the first retransmitting connection */
	char rst_from[48], icmp_from[48], sent_to[48]; /* the most frequent */
	char error[24];				       /* the most frequent errno name */
	char drop_reason[64];			       /* the most frequent */
	uint32_t mtu;				       /* announced by the last one */
	uint64_t lost;				       /* events not counted: map full */
};

/* Load and attach the parts this kernel has.  0, or -errno with the reason
 * in why (-EPERM: a missing capability).  A part that is missing or
 * refused is skipped (np_flow_skip_parts), never the whole probe. */
int np_flow_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_flow **out,
		 char *why, size_t len);
/* Read the maps: rows sorted by activity; totals. Owned by f. */
int np_flow_read(struct np_flow *f, const struct np_flow_row **rows, size_t *n,
		 const struct np_flow_totals **tot);
/* tp_btf, raw_tp, or "tp_btf+raw_tp" when parts differ. */
const char *np_flow_attach_mode(const struct np_flow *f);
/* "icmp_sent (icmp:icmp_send: not in this kernel), ..." or "". */
const char *np_flow_skip_parts(const struct np_flow *f);
void np_flow_close(struct np_flow *f);

/* Facts (probes/flow_facts.c): the totals of the last read, peers = rows. */
void np_flow_publish(struct np_ctx *ctx, const struct np_flow *f, const struct np_flow_totals *t,
		     size_t peers, double seconds);
void np_flow_publish_skip(struct np_ctx *ctx, const char *why);
/* Fact-safe name of an ICMP kind ("frag_needed") or NULL. */
const char *np_icmp_kind_name(unsigned kind);
/* "1.0 3.0 7.0" from milliseconds. */
void np_flow_schedule_text(const uint32_t *ms, unsigned n, char *buf, size_t len);
/* The health `probe flow` reports (documented in its help). */
enum np_health np_flow_health(const struct np_flow_totals *t);

extern const struct np_window_source np_flow_window;

#endif
