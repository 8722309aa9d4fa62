/* SPDX-License-Identifier: GPL-2.0-only */
/* What the `link` command publishes of what it reads (link_facts.c): a
 * command publishes its readings as facts, like the family's reader. */
#ifndef NP_LINK_FACTS_H
#define NP_LINK_FACTS_H

#include <net/if.h>

#include "ctx.h"
#include "link_parse.h"

/* link[DEV].* of one link (not rps_queues or peer_netns). */
void np_link_publish(struct np_ctx *ctx, const struct np_link_info *li);
/* The name of li's master (bridge, bond), "" for none, into buf
 * (IF_NAMESIZE bytes). */
void np_link_master_name(const struct np_link_info *li, char *buf);
/* The peer's (or lower device's) name when it is in this namespace, else
 * "" (IF_NAMESIZE bytes). */
void np_link_peer_name(const struct np_link_info *li, char *buf);
/* link[DEV].peer_netns ("" in this namespace, else a spec -n accepts),
 * also into buf.  Walks /run/netns and /proc: only when asked. */
void np_link_publish_peer_netns(struct np_ctx *ctx, const struct np_link_info *li, char *buf,
				size_t len);

#endif
