/* SPDX-License-Identifier: GPL-2.0-only */
/* What the `ethtool` command publishes of what it reads (ethtool_facts.c). */
#ifndef NP_ETHTOOL_FACTS_H
#define NP_ETHTOOL_FACTS_H

#include "ctx.h"
#include "ethtool_read.h"

/* ethtool[DEV].* of one reading. */
void np_eth_publish(struct np_ctx *ctx, const char *dev, const struct np_eth_info *e);

#endif
