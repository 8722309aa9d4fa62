// SPDX-License-Identifier: GPL-2.0-only
/* Reason numbers of the running kernel, from its BTF `enum skb_drop_reason`
 * (numbers differ between builds: never hard-code them). */
#include <bpf/btf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_btf.h"
#include "reasons.h"
#include "xalloc.h"

#define PREFIX "SKB_DROP_REASON_"

int np_reason_names_load(struct np_reason_names *out)
{
	return np_btf_enum_load("skb_drop_reason", PREFIX, out);
}

int np_btf_enum_load(const char *enum_name, const char *prefix, struct np_reason_names *out)
{
	struct btf *btf;
	const struct btf_type *t;
	int id, vlen;

	memset(out, 0, sizeof(*out));
	out->max = -1;
	btf = np_names_btf(); /* shared: not ours to free */
	if (!btf)
		return errno ? -errno : -ENOENT;
	id = btf__find_by_name_kind(btf, enum_name, BTF_KIND_ENUM);
	if (id < 0)
		return -ENOENT;
	t = btf__type_by_id(btf, id);
	vlen = btf_vlen(t);
	out->v = np_xcalloc(vlen ? vlen : 1, sizeof(*out->v));
	for (int i = 0; i < vlen; i++) {
		const struct btf_enum *e = btf_enum(t) + i;
		const char *name = btf__name_by_offset(btf, e->name_off);
		if (!name)
			continue;
		if (!strncmp(name, prefix, strlen(prefix)))
			name += strlen(prefix);
		if (!strcmp(name, "MAX")) {
			out->max = (int)e->val;
			continue;
		}
		/* Not drops: the tracepoint never reports them as reasons. */
		if (!strcmp(name, "SKB_NOT_DROPPED_YET") || !strcmp(name, "SKB_CONSUMED") ||
		    !strcmp(name, "SUBSYS_MASK"))
			continue;
		out->v[out->n].value = (uint32_t)e->val;
		snprintf(out->v[out->n].name, sizeof(out->v[out->n].name), "%s", name);
		out->n++;
	}
	return 0;
}

void np_reason_names_free(struct np_reason_names *rn)
{
	free(rn->v);
	rn->v = NULL;
	rn->n = 0;
}

const char *np_reason_name(const struct np_reason_names *rn, uint32_t value)
{
	for (int i = 0; i < rn->n; i++)
		if (rn->v[i].value == value)
			return rn->v[i].name;
	return NULL;
}
