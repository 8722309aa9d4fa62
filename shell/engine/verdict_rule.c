// SPDX-License-Identifier: GPL-2.0-only
/* The firewall rule behind a netfilter verdict (see verdict_rule.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "eval.h"
#include "pb_run.h"
#include "verdict_rule.h"
#include "xalloc.h"

/* Which nft culprit the playbook asked for: the path of the first
 * nft.rule fact among the netfilter layer's evidence ("nft.rule[rx]"),
 * "nft.rule" for any hook; false when the layer read none (then any nft
 * facts in the store are another run's).  With several playbooks
 * (diagnose), the one whose finding decided the verdict first. */
static bool rule_prefix(const struct pb_run *r, char *pre, size_t len, int *nsi)
{
	int job = r->vres >= 0 ? r->res[r->vres].job : -1;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < r->nres; i++) {
			const struct pb_result *res = &r->res[i];
			if (res->layer != NP_L_NETFILTER || (pass == 0 && res->job != job))
				continue;
			for (int e = 0; e < res->nev; e++) {
				const char *f = res->ev[e].fact;
				const char *end;
				if (!strncmp(f, "nft.rule.", 9)) {
					snprintf(pre, len, "nft.rule");
					*nsi = res->nsi;
					return true;
				}
				if (strncmp(f, "nft.rule[", 9) || !(end = strchr(f, ']')))
					continue;
				snprintf(pre, len, "%.*s", (int)(end - f + 1), f);
				*nsi = res->nsi;
				return true;
			}
		}
	return false;
}

static char *str_fact(const struct np_facts *facts, const char *pre, const char *field)
{
	char key[NP_FACTKEY_MAX];
	const struct np_fact *f;
	snprintf(key, sizeof(key), "%s.%s", pre, field);
	f = np_fact_lookup(facts, key);
	return np_xstrdup(f && f->type == NP_FACT_STR && f->s ? f->s : "");
}

static int64_t int_fact(const struct np_facts *facts, const char *pre, const char *field)
{
	char key[NP_FACTKEY_MAX];
	const struct np_fact *f;
	snprintf(key, sizeof(key), "%s.%s", pre, field);
	f = np_fact_lookup(facts, key);
	return f && f->type == NP_FACT_INT ? f->i : 0;
}

static double dbl_fact(const struct np_facts *facts, const char *key)
{
	const struct np_fact *f = np_fact_lookup(facts, key);
	return f && f->type == NP_FACT_DBL ? f->d : 0;
}

struct pb_vrule *pb_verdict_rule(const struct eval *ev, const struct pb_run *r)
{
	char pre[64];
	struct pb_vrule *v;
	const struct np_facts *facts;
	int nsi = 0;
	if (r->vlayer != NP_L_NETFILTER || r->status == NP_OK ||
	    !rule_prefix(r, pre, sizeof(pre), &nsi))
		return NULL;
	/* The nft source ran where the layer was walked: a container's
	 * host keeps its rules in its own store. */
	facts = ev_store(ev, nsi);
	if (int_fact(facts, pre, "handle") <= 0)
		return NULL;
	v = np_xcalloc(1, sizeof(*v));
	v->family = str_fact(facts, pre, "family");
	v->table = str_fact(facts, pre, "table");
	v->chain = str_fact(facts, pre, "chain");
	v->hook = str_fact(facts, pre, "hook");
	v->text = str_fact(facts, pre, "text");
	v->comment = str_fact(facts, pre, "comment");
	v->advice = str_fact(facts, pre, "advice");
	v->label = str_fact(facts, pre, "label");
	v->handle = int_fact(facts, pre, "handle");
	v->packets = int_fact(facts, pre, "packets");
	v->candidates = int_fact(facts, pre, "candidates");
	v->exact = int_fact(facts, pre, "exact") != 0;
	v->policy = int_fact(facts, pre, "policy") != 0;
	v->window = dbl_fact(facts, "nft.window_s");
	return v;
}

void pb_verdict_rule_free(struct pb_vrule *v)
{
	if (!v)
		return;
	free(v->family);
	free(v->table);
	free(v->chain);
	free(v->hook);
	free(v->text);
	free(v->comment);
	free(v->advice);
	free(v->label);
	free(v);
}

void pb_verdict_rule_json(struct np_out *o, const struct pb_vrule *v)
{
	if (!v)
		return;
	np_open_obj(o, "rule");
	np_print_str(o, "family", NULL, v->family);
	np_print_str(o, "table_name", NULL, v->table); /* "table" is a routing table's number */
	np_print_str(o, "chain", NULL, v->chain);
	np_print_str(o, "hook", NULL, v->hook);
	np_print_i64(o, "handle", NULL, v->handle);
	np_print_str(o, "text", NULL, v->text);
	np_print_str(o, "comment", NULL, v->comment && *v->comment ? v->comment : NULL);
	np_print_i64(o, "packets", NULL, v->packets);
	np_print_bool(o, "exact", NULL, v->exact);
	np_print_bool(o, "policy", NULL, v->policy);
	np_print_dbl(o, "window_s", NULL, v->window);
	if (!v->exact) {
		np_print_i64(o, "candidates", NULL, v->candidates);
		np_print_str(o, "advice", NULL, v->advice);
	}
	np_close_obj(o);
}

void pb_verdict_rule_text(struct np_out *o, const struct pb_vrule *v)
{
	if (!v)
		return;
	/* An nft rule is often longer than a terminal: broken between words,
	 * under its first word. */
	np_text(o, "  rule: ");
	if (v->exact)
		np_text_wrapf(o, 8, 8, "%s (%lld packets in %.1fs)", v->label,
			      (long long)v->packets, v->window);
	else /* No counter moved: a suspect, said as one, with how to make it sure. */
		np_text_wrapf(o, 8, 8,
			      "%s? (no rule counter moved; the first of %lld drop rule%s without a "
			      "counter on this path)",
			      v->label, (long long)v->candidates, v->candidates == 1 ? "" : "s");
	if (!v->exact && *v->advice)
		np_text(o, "    count it to be sure: %s\n", v->advice);
}

void pb_verdict_rule_next(struct pb_run *r)
{
	char cmd[400];
	const struct pb_vrule *v = r->rule;
	if (!v || !v->family || !*v->family || !v->table || !*v->table || !v->chain || !*v->chain)
		return;
	/* The rule's own chain first: more specific than a whole ruleset. */
	snprintf(cmd, sizeof(cmd), "nft -a list chain %s %s %s", v->family, v->table, v->chain);
	for (int i = 0; i < r->nnext; i++)
		if (!strcmp(r->next[i], cmd))
			return;
	if (r->nnext == PB_MAX_VERDICT_NEXT)
		free(r->next[--r->nnext]);
	r->next = np_xreallocarray(r->next, (size_t)r->nnext + 1, sizeof(char *));
	memmove(r->next + 1, r->next, (size_t)r->nnext * sizeof(char *));
	r->next[0] = np_xstrdup(cmd);
	r->nnext++;
}
