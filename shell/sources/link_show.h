/* SPDX-License-Identifier: GPL-2.0-only */
/* Formatting of parsed links through the emitter (text and JSON), split
 * from the netlink code so unit tests can render recorded links. */
#ifndef NP_LINK_SHOW_H
#define NP_LINK_SHOW_H

#include "link_parse.h"
#include "output.h"

/* Administratively down, or operstate down/lowerlayerdown/notpresent. */
bool np_link_is_down(const struct np_link_info *li);

/* The other end of a veth (or the lower device, IFLA_LINK): its name
 * ("" unknown) and its namespace as -n takes it ("" this one). */
struct np_link_peer {
	char name[IF_NAMESIZE];
	char netns[300];
};

/* Members of one link object: state, xdp, the peer (peer may be NULL),
 * stats64 (nested object).  rps_queues < 0: unknown (sysfs unreadable). */
void np_link_show_detail(struct np_out *o, const struct np_link_info *li, const char *master,
			 const struct np_link_peer *peer, int rps_queues);
/* The compact all-links table ("links" array). */
void np_link_show_table(struct np_out *o, const struct np_link_info *v, int n);
/* Rates between snapshot a and b (matched by ifindex) over dt seconds.
 * Returns how many links had error/drop counters move. */
int np_link_show_rates(struct np_out *o, const struct np_link_info *a, int na,
		       const struct np_link_info *b, int nb, double dt);

#endif
