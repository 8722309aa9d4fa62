// SPDX-License-Identifier: GPL-2.0-only
/* The table of fact families, and resolving a key: parse it once, find its
 * family, let the family's grammar check it and spell it canonically.
 * Adding a family: its descriptor in the file of its reader, one line
 * here (doc/HACKING.md, "Adding a fact family"). */
#include <stdio.h>
#include <string.h>

#include "family.h"
#include "probe.h"

extern const struct np_fact_family np_family_active, np_family_link, np_family_snmp,
    np_family_softnet, np_family_sysctl, np_family_ethtool, np_family_sock, np_family_conn,
    np_family_conntrack, np_family_nft, np_family_taps, np_family_route, np_family_neigh,
    np_family_neightbl, np_family_qdisc, np_family_bridge;

/* The families read by a reader (shell/sources/) or published by the
 * engine, in listing order; the families of the probe kinds follow, in
 * the probe table's order (probes/probe.h: a new probe brings its family
 * without a line here). */
static const struct np_fact_family *const listed[] = {
    &np_family_active,
    &np_family_link,
    &np_family_snmp,
    &np_family_softnet,
    &np_family_sysctl,
    &np_family_ethtool,
    &np_family_sock,
    &np_family_conn,
    &np_family_conntrack,
    &np_family_nft,
    &np_family_taps,
    &np_family_route,
    &np_family_neigh,
    &np_family_neightbl,
    &np_family_qdisc,
    &np_family_bridge,
    NULL,
};

const struct np_fact_family *np_fact_family_at(int i)
{
	int n = 0;
	for (int k = 0; listed[k]; k++)
		if (n++ == i)
			return listed[k];
	for (int k = 0; np_probes[k]; k++)
		if (np_probes[k]->family && n++ == i)
			return np_probes[k]->family;
	return NULL;
}


const struct np_fact_family *np_fact_family_find(const char *ns)
{
	size_t n = strcspn(ns, ".[");
	const struct np_fact_family *f;
	for (int i = 0; (f = np_fact_family_at(i)); i++)
		if (strlen(f->ns) == n && !strncmp(f->ns, ns, n))
			return f;
	return NULL;
}

int np_fact_resolve(const char *text, struct np_fact_ref *ref, char *why, size_t len)
{
	int err = np_factkey_parse(text, &ref->key, why, len);
	ref->fam = NULL;
	ref->text[0] = '\0';
	if (err)
		return err;
	ref->fam = np_fact_family_find(ref->key.seg[0].name);
	if (!ref->fam) {
		snprintf(why, len, "no fact family '%s' (`facts` lists them)",
			 ref->key.seg[0].name);
		return -ENOENT;
	}
	if (ref->fam->canon && ref->fam->canon(&ref->key, why, len))
		return -ENOENT;
	np_factkey_format(&ref->key, ref->text, sizeof(ref->text));
	return 0;
}

static bool field_in(const struct np_fact_ref *ref, const char *const *fields)
{
	const char *last = ref->key.seg[ref->key.nseg - 1].name;
	for (const char *const *t = fields; t && *t; t++)
		if (!strcmp(*t, last))
			return true;
	return false;
}

bool np_fact_ref_window(const struct np_fact_ref *ref)
{
	return ref->fam->window || field_in(ref, ref->fam->window_fields);
}

enum np_fact_scope np_fact_ref_scope(const struct np_fact_ref *ref)
{
	const struct np_fact_family *f = ref->fam;
	if (f->scope == NP_SCOPE_OBJECT)
		return NP_SCOPE_OBJECT;
	if (f->scope_seg && strcmp(np_factkey_name(&ref->key, 1), f->scope_seg))
		return NP_SCOPE_OBJECT;
	return f->scope;
}

bool np_fact_ref_shared(const struct np_fact_ref *ref)
{
	return np_fact_ref_scope(ref) != NP_SCOPE_OBJECT;
}

bool np_fact_ref_text_field(const struct np_fact_ref *ref)
{
	return field_in(ref, ref->fam->text_fields);
}
