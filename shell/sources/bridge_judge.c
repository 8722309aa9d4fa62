// SPDX-License-Identifier: GPL-2.0-only
/* Derived bridge facts (see bridge_judge.h). */
#include <linux/if_bridge.h>
#include <stdio.h>
#include <string.h>

#include "bridge_judge.h"

#define IFF_UP_	      0x1
#define IFF_LOWER_UP_ 0x10000

bool np_br_vlan_has(const struct np_br_port *p, unsigned vid)
{
	return vid > 0 && vid < NP_VLAN_N && (p->vlan[vid / 8] & (1u << (vid % 8)));
}

const char *np_br_vlans_text(const struct np_br_port *p, char *buf, size_t len)
{
	size_t o = 0;
	if (!len)
		return buf;
	buf[0] = '\0';
	for (unsigned v = 1; v < NP_VLAN_N; v++) {
		unsigned hi = v;
		char piece[16];
		if (!np_br_vlan_has(p, v))
			continue;
		while (hi + 1 < NP_VLAN_N && np_br_vlan_has(p, hi + 1))
			hi++;
		if (hi > v)
			snprintf(piece, sizeof(piece), "%u-%u", v, hi);
		else
			snprintf(piece, sizeof(piece), "%u", v);
		/* Keep room for " ..." so a cut list says it goes on. */
		if (o + 1 + strlen(piece) + 4 >= len) {
			snprintf(buf + o, len - o, "%s...", o ? " " : "");
			break;
		}
		o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "", piece);
		v = hi;
	}
	return buf;
}

int np_br_vlan_ok(const struct np_br_port *in, const struct np_br_port *out, bool filtering)
{
	if (!filtering)
		return 1;
	return in->pvid && np_br_vlan_has(out, in->pvid) ? 1 : 0;
}

int np_br_pvid_peers(const struct np_br_port *v, int n, int in, bool filtering)
{
	int peers = 0;
	for (int i = 0; i < n; i++)
		if (i != in && v[i].is_port && np_br_vlan_ok(&v[in], &v[i], filtering))
			peers++;
	return peers;
}

bool np_br_port_link_up(const struct np_br_port *p)
{
	return (p->flags & IFF_UP_) && (p->flags & IFF_LOWER_UP_);
}

int np_br_not_forwarding(const struct np_br_port *v, int n, char *buf, size_t len)
{
	int count = 0;
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (!v[i].is_port || !np_br_port_link_up(&v[i]) ||
		    v[i].state == BR_STATE_FORWARDING)
			continue;
		count++;
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s%s (%s)", o ? " " : "",
					      v[i].name, np_br_state_name(v[i].state));
	}
	return count;
}
