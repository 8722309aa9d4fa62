// SPDX-License-Identifier: GPL-2.0-only
/* The taps fact family: taps[DEV].FIELD, who sees or alters packets on
 * DEV, from one taps_read.c gathering of that device. */
#include <stdio.h>
#include <string.h>

#include "family.h"
#include "taps_facts.h"
#include "validate.h"

void np_taps_publish(struct np_ctx *ctx, const struct np_dev_taps *d)
{
	const char *n = d->link.name;
	np_fact_setf_str(ctx->facts, np_xdp_mode_name(d->link.attached), "taps[%s].xdp", n);
	np_fact_setf_int(ctx->facts, d->link.prog_id, "taps[%s].xdp_prog_id", n);
	np_fact_setf_str(ctx->facts, d->xdp_prog, "taps[%s].xdp_prog", n);
	np_fact_setf_int(ctx->facts, d->tc_in, "taps[%s].tc_ingress", n);
	np_fact_setf_int(ctx->facts, d->tc_eg, "taps[%s].tc_egress", n);
	np_fact_setf_int(ctx->facts, d->psocks, "taps[%s].packet_sockets", n);
}

static int taps_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_taps s;
	int err = np_taps_gather(ctx, np_factkey_arg(key, 0), &s);
	if (!err)
		for (int i = 0; i < s.ndev; i++)
			np_taps_publish(ctx, &s.devs[i]);
	np_taps_free(&s);
	return err == -ENODEV ? -ENOENT : err;
}

static const char *const taps_fields[] = {"xdp",       "xdp_prog_id",	 "xdp_prog", "tc_ingress",
					  "tc_egress", "packet_sockets", NULL};

static int taps_canon(struct np_factkey *key, char *why, size_t len)
{
	if (key->nseg != 2 || !key->seg[0].has_arg || key->seg[1].has_arg)
		goto bad;
	for (int i = 0; taps_fields[i]; i++)
		if (!strcmp(taps_fields[i], key->seg[1].name))
			return key->seg[0].arg[0] == '$'		      ? 0
			       : np_validate_iface(key->seg[0].arg, why, len) ? -ENOENT
									      : 0;
bad:
	snprintf(why, len,
		 "expected taps[DEV].{xdp,xdp_prog_id,xdp_prog,tc_ingress,tc_egress,"
		 "packet_sockets}");
	return -ENOENT;
}

static void taps_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	char key[96];
	const char *dev = ctx->set.dev[0] ? ctx->set.dev : "DEV";
	for (int i = 0; taps_fields[i]; i++) {
		snprintf(key, sizeof(key), "taps[%s].%s", dev, taps_fields[i]);
		if (!strncmp(key, prefix, strlen(prefix)))
			add(cookie, key);
	}
}

const struct np_fact_family np_family_taps = {
    .ns = "taps",
    .pattern = "taps[DEV].FIELD",
    .describe = "who sees or alters packets on DEV: xdp mode, xdp_prog_id, xdp_prog, "
		"tc_ingress/tc_egress filter counts, packet_sockets",
    .canon = taps_canon,
    .fetch = taps_fetch,
    .complete = taps_complete,
};
