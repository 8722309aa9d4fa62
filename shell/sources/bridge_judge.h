/* SPDX-License-Identifier: GPL-2.0-only */
/* What a frame crossing a bridge meets, derived from the parsed ports:
 * VLAN membership, whether a port's VLAN reaches another port, which ports
 * hold traffic back.  Pure functions over bridge_parse.h structures. */
#ifndef NP_BRIDGE_JUDGE_H
#define NP_BRIDGE_JUDGE_H

#include "bridge_parse.h"

/* vid is a member VLAN of port p. */
bool np_br_vlan_has(const struct np_br_port *p, unsigned vid);
/* Member VLANs as ranges, "1 10-20" ("" when none); truncated with "..."
 * when buf is short. */
const char *np_br_vlans_text(const struct np_br_port *p, char *buf, size_t len);
/* Can an untagged frame entering `in` (classified into in's PVID) leave by
 * `out`?  1 without VLAN filtering; with it, 1 when in has a PVID and out
 * is a member of that VLAN.  0 otherwise. */
int np_br_vlan_ok(const struct np_br_port *in, const struct np_br_port *out, bool filtering);
/* How many other ports of v[0..n) an untagged frame entering v[in] can
 * reach through VLAN filtering (every other port without filtering). */
int np_br_pvid_peers(const struct np_br_port *v, int n, int in, bool filtering);
/* The port's link is up (admin up and carrier): the state is the bridge's
 * choice, not the link's. */
bool np_br_port_link_up(const struct np_br_port *p);
/* Ports whose link is up but which do not forward (disabled, listening,
 * learning, blocking): their count, and "vethB (disabled) ..." in buf. */
int np_br_not_forwarding(const struct np_br_port *v, int n, char *buf, size_t len);

#endif
