/* SPDX-License-Identifier: GPL-2.0-only */
/* What the `conntrack` command publishes of a snapshot (ct_facts.c). */
#ifndef NP_CT_FACTS_H
#define NP_CT_FACTS_H

#include "ct_read.h"

/* conntrack.{loaded,count,max,fill_pct,health,stat.*} of a snapshot. */
void np_ct_publish(struct np_ctx *ctx, const struct np_ct_snap *s);

#endif
