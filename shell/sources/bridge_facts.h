/* SPDX-License-Identifier: GPL-2.0-only */
/* The bridge[...] fact provider and the publishing the `bridge` command
 * shares with it (a command publishes what it reads). */
#ifndef NP_BRIDGE_FACTS_H
#define NP_BRIDGE_FACTS_H

#include "bridge_read.h"
#include "family.h"

extern const struct np_fact_family np_family_bridge;

/* The bridge named br, or one reported error: no such interface, not a
 * bridge (-ENOENT), or the kernel's -errno. */
int np_br_lookup(struct np_ctx *ctx, struct np_nl *nl, const char *br, struct np_br_info *bi);

/* bridge.nf_* */
void np_br_publish_nf(struct np_ctx *ctx, const struct np_br_nf *nf);
/* bridge[BR].{vlan_filtering,stp,ifindex,pvid,nf_call_*} */
void np_br_publish_info(struct np_ctx *ctx, const char *br, const struct np_br_info *bi,
			const struct np_br_nf *nf);
/* bridge[BR].{ports,not_forwarding,not_forwarding_ports} and every
 * bridge[BR].port[PORT].FIELD (vlan[VID] for each member VID when a port
 * has at most 64). */
void np_br_publish_ports(struct np_ctx *ctx, const char *br, const struct np_br_info *bi,
			 const struct np_br_ports *ps);

#endif
