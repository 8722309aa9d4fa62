/* SPDX-License-Identifier: GPL-2.0-only */
/* What the `sockets` command publishes of a port's sockets (sock_facts.c). */
#ifndef NP_SOCK_FACTS_H
#define NP_SOCK_FACTS_H

#include "ctx.h"
#include "sockdump.h"

/* sock[PROTO:PORT].* from the sum of the port's sockets. */
void np_sock_publish(struct np_ctx *ctx, const char *proto, unsigned port,
		     const struct np_sockagg *g);

#endif
