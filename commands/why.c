// SPDX-License-Identifier: GPL-2.0-only
/* why REASON: a kernel drop reason in plain words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "command.h"
#include "reasons.h"

static const struct np_arg why_args[] = {
    {NULL, NP_A_REST, "REASON", "a drop reason (NETFILTER_DROP) or its number on this kernel"},
};

static void list(struct np_ctx *ctx)
{
	static const struct np_col cols[] = {
	    {"reason", "REASON", NP_COL_STR},
	    {"layer", "LAYER", NP_COL_STR},
	    {"kind", "KIND", NP_COL_STR},
	    {"meaning", "MEANING", NP_COL_STR, NP_COL_TRUNC},
	};
	struct np_table *t = np_table_begin(ctx->out, "reasons", NULL, cols, 4);
	char m[72];
	for (size_t i = 0; i < np_reason_count(); i++) {
		const struct np_reason_info *r = np_reason_at(i);
		np_row_begin(t);
		np_cell_str(t, r->name);
		np_cell_str(t, np_layer_name(r->layer));
		np_cell_str(t, r->benign ? "benign" : "loss");
		/* Text is truncated to keep one line; JSON too (use `why X`). */
		snprintf(m, sizeof(m), "%s", r->meaning);
		if (strlen(r->meaning) >= sizeof(m))
			memcpy(m + sizeof(m) - 4, "...", 4);
		np_cell_str(t, m);
		np_row_end(t);
	}
	np_table_end(t);
}

static bool in_kernel(const struct np_reason_names *rn, const char *name)
{
	if (!strncasecmp(name, "SKB_DROP_REASON_", 16))
		name += 16;
	for (int i = 0; i < rn->n; i++)
		if (!strcasecmp(rn->v[i].name, name))
			return true;
	return false;
}

static int why_run(struct np_ctx *ctx, const struct np_args *a)
{
	const struct np_reason_info *r;
	const char *name;
	struct np_reason_names rn = {0};
	char *end;
	unsigned long num;
	bool derived = false;
	struct utsname u;

	if (!a->v[0].set) {
		list(ctx);
		return 0;
	}
	if (a->nrest != 1) {
		np_error(ctx->out, "usage: why [REASON]", "why takes one reason");
		return -NP_EUSAGE;
	}
	name = a->rest[0];
	num = strtoul(name, &end, 10);
	if (*name && !*end) {
		/* A number as printed by tracefs: this kernel's enum value. */
		if (np_reason_names_load(&rn) == 0) {
			const char *n = np_reason_name(&rn, (uint32_t)num);
			if (n)
				name = n;
		}
	}
	r = np_reason_lookup(name);
	if (!r && (rn.v || np_reason_names_load(&rn) == 0) && in_kernel(&rn, name)) {
		/* The running kernel has it, the table does not (yet). */
		r = np_reason_derive(name, NULL);
		derived = true;
	}
	if (!r) {
		np_error(ctx->out, "`why` lists the reasons; Tab completes them",
			 "unknown drop reason '%.64s'", a->rest[0]);
		np_reason_names_free(&rn);
		return -ENOENT;
	}
	np_print_str(ctx->out, "reason", "%s\n", r->name);
	np_print_str(ctx->out, "layer", "  layer:   %s\n", np_layer_name(r->layer));
	np_print_str(ctx->out, "kind", "  kind:    %s\n",
		     r->benign ? "benign (housekeeping, not path loss)" : "loss");
	np_print_str_wrapped(ctx->out, "meaning", "  what:    ", r->meaning);
	np_out_headline(ctx->out, NULL, "%s (%s, %s): %s", r->name, np_layer_name(r->layer),
			r->benign ? "benign" : "loss", r->meaning);
	np_print_str_wrapped(ctx->out, "next", "  next:    ", r->next);
	np_print_str_wrapped(ctx->out, "tcpdump", "  tcpdump: ", np_reason_tcpdump(r));
	np_print_bool(ctx->out, "derived", NULL, derived);
	if (derived) {
		char src[256];
		if (uname(&u))
			snprintf(u.release, sizeof(u.release), "?");
		snprintf(src, sizeof(src),
			 "derived from the name and prefix: the running kernel (%s) has this "
			 "reason, netpath's table (written for Linux up to %s) does not",
			 u.release, NP_REASONS_TABLE_KERNEL);
		np_print_str_wrapped(ctx->out, "source", "  source:  ", src);
	}
	np_reason_names_free(&rn);
	return 0;
}

static void why_complete(struct np_ctx *ctx, int argc, char **argv, const char *word,
			 np_complete_fn add, void *cookie)
{
	(void)ctx;
	(void)argv;
	if (argc > 0)
		return;
	for (size_t i = 0; i < np_reason_count(); i++)
		if (!strncasecmp(np_reason_at(i)->name, word, strlen(word)))
			add(cookie, np_reason_at(i)->name);
}

const struct np_cmd np_cmd_why = {
    .name = "why",
    .summary = "explain a kernel drop reason",
    .help = "why REASON explains one drop reason of skb:kfree_skb: the layer it belongs to, "
	    "whether it is path loss or benign housekeeping, what it means, what to check next "
	    "and whether tcpdump on the interface sees such packets. A number is read as this "
	    "kernel's enum value (BTF). Without REASON: every reason netpath knows.",
    .args = why_args,
    .nargs = NP_ARRAY_SIZE(why_args),
    .run = why_run,
    .complete_rest = why_complete,
    .examples = "why\nwhy NETFILTER_DROP\nwhy SOCKET_RCVBUFF",
};
