// SPDX-License-Identifier: GPL-2.0-only
/* Bridge messages (bridge[...] facts, `bridge`, link peers): the first
 * byte selects the parser, the rest is one netlink message.  0: the bridge
 * (RTM_NEWLINK, IFLA_INFO_DATA), 1: a port (AF_BRIDGE RTM_NEWLINK), 2: an
 * FDB entry (AF_BRIDGE RTM_NEWNEIGH), 3: a link with its peer (IFLA_LINK).
 * Any attribute soup parses or is refused; names stay terminated, VLAN
 * counts match the bitmap, derived facts stay in range. */
#include <linux/rtnetlink.h>

#include "bridge_judge.h"
#include "bridge_parse.h"
#include "fuzz.h"
#include "link_parse.h"

static void port_invariants(const struct np_br_port *p)
{
	char text[256];
	int n = 0;
	FUZZ_ASSERT(p->name[0] && strlen(p->name) < sizeof(p->name));
	FUZZ_ASSERT(np_br_state_name(p->state)[0]);
	for (unsigned v = 0; v < NP_VLAN_N; v++)
		n += np_br_vlan_has(p, v);
	FUZZ_ASSERT(n == p->nvlans && n <= NP_VLAN_N - 2);
	FUZZ_ASSERT(!np_br_vlan_has(p, 0) && !np_br_vlan_has(p, NP_VLAN_N - 1));
	FUZZ_ASSERT(p->pvid < NP_VLAN_N - 1);
	np_br_vlans_text(p, text, sizeof(text));
	FUZZ_ASSERT(strlen(text) < sizeof(text));
	FUZZ_ASSERT(np_br_vlan_ok(p, p, true) == (p->pvid ? 1 : 0));
	FUZZ_ASSERT(np_br_pvid_peers(p, 1, 0, true) == 0);
	FUZZ_ASSERT(np_br_not_forwarding(p, 1, text, sizeof(text)) <= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* u64-aligned like a socket buffer; the header length is made to
	 * match the input as mnl_cb_run guarantees before calling us. */
	static uint64_t buf[16384 / 8];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct np_br_info bi;
	struct np_br_port p;
	struct np_br_fdb e;
	struct np_link_info li;
	char mac[18];

	if (size < 1 + sizeof(*nlh) || size - 1 > sizeof(buf))
		return 0;
	memcpy(buf, data + 1, size - 1);
	nlh->nlmsg_len = (uint32_t)(size - 1);
	switch (data[0] % 4) {
	case 0:
		if (np_br_parse_info(nlh, &bi) == 0) {
			FUZZ_ASSERT(bi.name[0] && strlen(bi.kind) < sizeof(bi.kind));
			FUZZ_ASSERT(bi.vlan_filtering == 0 || bi.vlan_filtering == 1);
		}
		break;
	case 1:
		if (np_br_parse_port(nlh, &p) == 0)
			port_invariants(&p);
		break;
	case 2:
		if (np_br_parse_fdb(nlh, &e) == 0) {
			FUZZ_ASSERT(strlen(np_mac_format(e.mac, mac, sizeof(mac))) == 17);
			FUZZ_ASSERT(np_br_fdb_kind(&e)[0]);
			FUZZ_ASSERT(e.vlan <= 0xffff && e.updated_s >= -1);
		}
		break;
	default:
		if (np_link_parse(nlh, &li) == 0)
			FUZZ_ASSERT(li.link >= 0 && li.link_netnsid >= -1);
		break;
	}
	return 0;
}
