/* SPDX-License-Identifier: GPL-2.0-only */
/* Drop-reason knowledge: reason NAME -> layer -> loss or benign -> plain
 * explanation -> next step; the kernel location's function decides when
 * the reason is unknown or NOT_SPECIFIED.  Reason numbers are never
 * hard-coded: np_reason_names_load() reads the running kernel's BTF. */
#ifndef NP_REASONS_H
#define NP_REASONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "np.h"

struct np_reason_info {
	const char *name; /* without SKB_DROP_REASON_ */
	enum np_layer layer;
	bool benign; /* housekeeping, not path loss: the verdict ignores it */
	const char *meaning;
	const char *next;
};

/* Known reasons. */
size_t np_reason_count(void);
const struct np_reason_info *np_reason_at(size_t i);
/* Exact name (case-insensitive, SKB_DROP_REASON_ prefix allowed) or NULL. */
const struct np_reason_info *np_reason_lookup(const char *name);
/* The entry for a kernel function, or NULL if no rule matches. */
const struct np_reason_info *np_reason_by_func(const char *func);
/* The fallback when neither name nor function is known. */
const struct np_reason_info *np_reason_generic(void);
/* The full rule: a known name is its entry; an unknown name is derived
 * (np_reason_derive); NOT_SPECIFIED or no name maps by function, then to
 * the NOT_SPECIFIED or generic entry.  Never NULL. */
const struct np_reason_info *np_reason_classify(const char *name, const char *func);
/* A reason the table lacks (a kernel newer than the table): an entry
 * derived from the name's prefix and the function (probes/reasons_derive.c),
 * loss unless known benign, kept until np_reason_derived_free().  Never
 * NULL. */
const struct np_reason_info *np_reason_derive(const char *name, const char *func);
bool np_reason_is_derived(const struct np_reason_info *r);
void np_reason_derived_free(void);
/* The layer a reason's name prefix suggests (TCP_ transport ...), or NONE. */
enum np_layer np_reason_layer_by_name(const char *name);
/* The newest kernel whose reasons the table was written for. */
#define NP_REASONS_TABLE_KERNEL "6.18"

/* Whether tcpdump on the interface sees packets dropped for this reason. */
const char *np_reason_tcpdump(const struct np_reason_info *r);

/* The kernel's enum skb_drop_reason (from BTF). */
struct np_reason_names {
	int n;
	int max; /* SKB_DROP_REASON_MAX or -1 */
	struct np_reason_name {
		uint32_t value;
		char name[64];
	} * v;
};

/* 0, -ENOENT when the kernel has no BTF or no enum (no drop reasons), or
 * -errno.  NETPATH_BTF=FILE reads the names from that BTF file instead of
 * the running kernel's (tests; a kernel whose BTF lives elsewhere). */
int np_reason_names_load(struct np_reason_names *out);
/* Any enum of the kernel's BTF, names without prefix (sk_rst_reason ...). */
int np_btf_enum_load(const char *enum_name, const char *prefix, struct np_reason_names *out);
void np_reason_names_free(struct np_reason_names *rn);
/* Name of value, or NULL (subsystem reasons: upper 16 bits set). */
const char *np_reason_name(const struct np_reason_names *rn, uint32_t value);

#endif
