/* SPDX-License-Identifier: GPL-2.0-only */
/* What the `taps` command publishes of a device (taps_facts.c). */
#ifndef NP_TAPS_FACTS_H
#define NP_TAPS_FACTS_H

#include "taps_read.h"

/* taps[DEV].* of one device. */
void np_taps_publish(struct np_ctx *ctx, const struct np_dev_taps *d);

#endif
