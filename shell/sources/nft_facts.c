// SPDX-License-Identifier: GPL-2.0-only
/* The nft fact family: the names of the `nft.*` facts (the grammar a
 * playbook's keys go through), tab completion, and its traits: published
 * by the nft window source (nft_window.c), never fetched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nft_window.h"

static const char *const top[] = {"available",	   "skip",     "legacy",
				  "legacy_tables", "moved",    "drops",
				  "probe_drops",   "window_s", NULL};
static const char *const fields[] = {"family",	   "table",  "chain",	"hook",	   "priority",
				     "handle",	   "text",   "comment", "packets", "exact",
				     "candidates", "advice", "policy",	"label",   NULL};

static bool in(const char *const *v, const char *s)
{
	for (; *v; v++)
		if (!strcmp(*v, s))
			return true;
	return false;
}

static bool path_ok(const struct np_factseg *seg)
{
	if (!seg->has_arg)
		return true;
	if (seg->arg[0] == '$')
		return true; /* a playbook parameter, substituted at run time */
	for (int p = 1; p < NP_NFT_P__COUNT; p++)
		if (!strcmp(seg->arg, np_nft_path_names[p]))
			return true;
	return false;
}

static bool candidate_ok(const struct np_factseg *seg)
{
	char *end;
	long n;
	if (strcmp(seg->name, "candidate") || !seg->has_arg)
		return false;
	if (seg->arg[0] == '$')
		return true;
	n = strtol(seg->arg, &end, 10);
	return !*end && n >= 1 && n <= NP_NFT_MAX_CAND;
}

static int nft_canon(struct np_factkey *key, char *why, size_t len)
{
	if (key->seg[0].has_arg || key->nseg < 2)
		goto bad;
	if (key->nseg == 2 && !key->seg[1].has_arg && in(top, key->seg[1].name))
		return 0;
	if (key->nseg == 3 && !strcmp(key->seg[1].name, "rule") && path_ok(&key->seg[1]) &&
	    ((!key->seg[2].has_arg && in(fields, key->seg[2].name)) || candidate_ok(&key->seg[2])))
		return 0;
bad:
	snprintf(why, len,
		 "expected "
		 "nft.{available,skip,legacy,legacy_tables,moved,drops,probe_drops,window_s} or "
		 "nft.rule[rx|forward|tx].{family,table,chain,hook,priority,handle,text,comment,"
		 "packets,exact,candidates,advice,policy,label,candidate[1-%d]} (nft.rule.* for "
		 "any hook)",
		 NP_NFT_MAX_CAND);
	return -ENOENT;
}

static void nft_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char buf[64];
	(void)ctx;
	for (const char *const *t = top; *t; t++) {
		snprintf(buf, sizeof(buf), "nft.%s", *t);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
	for (int p = 0; p < NP_NFT_P__COUNT; p++)
		for (const char *const *f = fields; *f; f++) {
			if (p)
				snprintf(buf, sizeof(buf), "nft.rule[%s].%s", np_nft_path_names[p],
					 *f);
			else
				snprintf(buf, sizeof(buf), "nft.rule.%s", *f);
			if (!strncmp(buf, prefix, strlen(prefix)))
				add(cookie, buf);
		}
}

static const char *const nft_text[] = {"skip", "legacy",  "family", "table", "chain",	  "hook",
				       "text", "comment", "advice", "label", "candidate", NULL};

const struct np_fact_family np_family_nft = {
    .ns = "nft",
    .pattern = "nft.{available,skip,legacy,moved,drops}, nft.rule[rx|forward|tx].FIELD",
    .describe = "nftables rule counters over a window: the rule or policy that dropped the "
		"flow (family, table, chain, hook, handle, text, packets; exact or a candidate)",
    .canon = nft_canon,
    .complete = nft_complete,
    .window = true,
    .probe = &np_nft_window,
    .text_fields = nft_text,
};
