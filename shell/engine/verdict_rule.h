/* SPDX-License-Identifier: GPL-2.0-only */
/* The firewall rule behind a netfilter verdict: when the verdict is at
 * netfilter and the playbook's netfilter layer read the nft window facts
 * of a path (nft.rule[rx|forward|tx].*, or nft.rule.* for any hook), the
 * rule or chain policy the nft source named is kept with the run and
 * shown under the verdict:
 *
 *     rule: inet filter input handle 7: udp dport 5353 drop (197 packets in 2.0s)
 *
 * and in JSON as verdict.rule {family, table, chain, hook, handle, text,
 * comment, packets, exact, policy[, candidates, advice]}. */
#ifndef NP_VERDICT_RULE_H
#define NP_VERDICT_RULE_H

#include <stdbool.h>
#include <stdint.h>

struct eval;
struct np_out;
struct pb_run;

struct pb_vrule {
	char *family, *table, *chain, *hook, *text, *comment, *advice, *label;
	int64_t handle, packets, candidates;
	double window; /* the rule counters' own window (nft.window_s) */
	bool exact, policy;
};

/* Read it from the facts the run's window published in the namespace
 * where the deciding netfilter layer was walked (NULL: no rule). */
struct pb_vrule *pb_verdict_rule(const struct eval *ev, const struct pb_run *r);
void pb_verdict_rule_free(struct pb_vrule *v);
/* The "rule" member of the verdict object (JSON only; nothing if v is NULL). */
void pb_verdict_rule_json(struct np_out *o, const struct pb_vrule *v);
/* Put `nft -a list chain FAMILY TABLE CHAIN` first among the verdict's
 * next commands (nothing without a rule). */
void pb_verdict_rule_next(struct pb_run *r);
/* The text line under the verdict (nothing if v is NULL). */
void pb_verdict_rule_text(struct np_out *o, const struct pb_vrule *v);

#endif
