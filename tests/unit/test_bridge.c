// SPDX-License-Identifier: GPL-2.0-only
/* Bridge and veth evidence: recorded RTM_NEWLINK/RTM_NEWNEIGH replies
 * (tests/fuzz/record_bridge.py) through the bridge and link parsers, VLAN
 * membership from built messages (the recording kernel has no VLAN
 * filtering), the derived facts, the bridge fact keys, and the link
 * detail's peer line. */
#include <libmnl/libmnl.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge_judge.h"
#include "bridge_key.h"
#include "bridge_parse.h"
#include "bridge_read.h"
#include "check.h"
#include "fixtures_bridge.h"
#include "link_parse.h"
#include "link_show.h"

#define AF_BRIDGE_ 7

/* 8-byte aligned like a socket buffer. */
static unsigned long long msgbuf[2048];

static const struct nlmsghdr *load(const char *hex)
{
	unsigned char *out = (unsigned char *)msgbuf;
	size_t n = 0;
	for (; hex[0] && hex[1] && n < sizeof(msgbuf); hex += 2) {
		unsigned v;
		sscanf(hex, "%2x", &v);
		out[n++] = (unsigned char)v;
	}
	return (const struct nlmsghdr *)msgbuf;
}

static void test_info(void)
{
	struct np_br_info bi;
	CHECK(np_br_parse_info(load(fx_br_br0_0), &bi) == 0);
	CHECK_STR(bi.name, "br0");
	CHECK_STR(bi.kind, "bridge");
	CHECK(bi.ifindex == 2);
	CHECK(bi.stp_state == 0);
	/* No CONFIG_BRIDGE_VLAN_FILTERING on the recording kernel: absent. */
	CHECK(bi.vlan_filtering == 0 && bi.default_pvid == 0);
	CHECK(bi.nf_call_iptables == 1 && bi.nf_call_ip6tables == 0 && bi.nf_call_arptables == 0);
	CHECK(bi.ageing_time == 30000);
	/* A veth is not a bridge, and says so through its kind. */
	CHECK(np_br_parse_info(load(fx_br_veth_same_ns_0), &bi) == 0);
	CHECK_STR(bi.kind, "veth");
	/* A port message (AF_BRIDGE) parses as a link too, but an FDB entry
	 * does not. */
	CHECK(np_br_parse_info(load(fx_br_fdb_5), &bi) == -EINVAL);
}

static void test_ports(void)
{
	static const char *const fx[] = {fx_br_ports_0, fx_br_ports_1, fx_br_ports_2};
	struct np_br_port p[3];
	char buf[256];

	for (int i = 0; i < FX_BR_PORTS_N; i++)
		CHECK(np_br_parse_port(load(fx[i]), &p[i]) == 0);
	/* The bridge's own entry: no IFLA_PROTINFO. */
	CHECK_STR(p[0].name, "br0");
	CHECK(!p[0].is_port && p[0].state == -1);
	CHECK_STR(p[1].name, "vrecA");
	CHECK(p[1].is_port && p[1].master == 2 && p[1].ifindex == 3);
	CHECK(p[1].state == BR_STATE_FORWARDING && p[1].learning == 1 && p[1].flood == 1);
	CHECK(p[1].mcast_flood == 1 && p[1].bcast_flood == 1);
	CHECK(np_br_port_link_up(&p[1]));
	CHECK(p[1].pvid == 0 && p[1].nvlans == 0);
	CHECK_STR(p[2].name, "vrecB");
	CHECK(p[2].state == BR_STATE_DISABLED && p[2].learning == 0 && p[2].flood == 1);
	CHECK_STR(np_br_state_name(p[2].state), "disabled");
	/* Up but disabled by hand: it holds traffic back. */
	CHECK(np_br_not_forwarding(p, 3, buf, sizeof(buf)) == 1);
	CHECK_STR(buf, "vrecB (disabled)");
	CHECK(np_br_not_forwarding(p, 2, buf, sizeof(buf)) == 0);
	CHECK_STR(buf, "");
	/* Without VLAN filtering every other port is reachable. */
	CHECK(np_br_pvid_peers(p, 3, 1, false) == 1);
	CHECK(np_br_vlan_ok(&p[1], &p[2], false) == 1);
	/* Not a port message: a plain (AF_UNSPEC) link. */
	CHECK(np_br_parse_port(load(fx_br_br0_0), &p[0]) == -EINVAL);
}

struct fdb_count {
	int bridge, local, stat, dyn;
	int on_a, on_b, on_br;
};

static void test_fdb(void)
{
	static const char *const fx[] = {
	    fx_br_fdb_0,  fx_br_fdb_1,	fx_br_fdb_2,  fx_br_fdb_3,  fx_br_fdb_4,
	    fx_br_fdb_5,  fx_br_fdb_6,	fx_br_fdb_7,  fx_br_fdb_8,  fx_br_fdb_9,
	    fx_br_fdb_10, fx_br_fdb_11, fx_br_fdb_12, fx_br_fdb_13, fx_br_fdb_14,
	    fx_br_fdb_15, fx_br_fdb_16, fx_br_fdb_17, fx_br_fdb_18, fx_br_fdb_19,
	};
	struct fdb_count c = {0};
	uint8_t stat_mac[6], dyn_mac[6];
	bool stat_seen = false, dyn_seen = false;

	CHECK(FX_BR_FDB_N == 20);
	CHECK(np_mac_parse("02:00:00:00:0B:02", stat_mac) == 0);
	CHECK(np_mac_parse("02-00-00-00-0a-09", dyn_mac) == 0);
	for (int i = 0; i < FX_BR_FDB_N; i++) {
		struct np_br_fdb e;
		const char *kind;
		CHECK(np_br_parse_fdb(load(fx[i]), &e) == 0);
		/* The same dump carries each device's own address lists. */
		if (!np_br_fdb_is_bridge(&e, 2)) {
			CHECK(e.ntf & NTF_SELF);
			continue;
		}
		c.bridge++;
		kind = np_br_fdb_kind(&e);
		c.local += !strcmp(kind, "local");
		c.stat += !strcmp(kind, "static");
		c.dyn += !strcmp(kind, "dynamic");
		c.on_a += e.ifindex == 3;
		c.on_b += e.ifindex == 5;
		c.on_br += e.ifindex == 2;
		if (!memcmp(e.mac, stat_mac, 6)) {
			CHECK(e.ifindex == 5 && !strcmp(kind, "static") && e.vlan == 0);
			stat_seen = true;
		}
		if (!memcmp(e.mac, dyn_mac, 6)) {
			CHECK(e.ifindex == 3 && !strcmp(kind, "dynamic") && e.updated_s >= 0);
			dyn_seen = true;
		}
		CHECK(!np_br_fdb_is_bridge(&e, 7)); /* another bridge's view */
	}
	CHECK(stat_seen && dyn_seen);
	/* br0's own MAC, vrecA's and vrecB's (local), 0b:02 static, A's eth0
	 * and 0a:09 learned on vrecA. */
	CHECK(c.bridge == 6 && c.local == 3 && c.stat == 1 && c.dyn == 2);
	CHECK(c.on_a == 3 && c.on_b == 2 && c.on_br == 1);
	CHECK(np_br_parse_fdb(load(fx_br_br0_0), &(struct np_br_fdb){0}) == -EINVAL);
}

/* An AF_BRIDGE port message with VLANs, as a VLAN-filtering kernel sends
 * it: PVID 1 untagged, 10-20 as a compressed range, a reserved VID. */
static const struct nlmsghdr *vlan_port(const char *name, int ifindex, unsigned pvid, unsigned lo,
					unsigned hi)
{
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct nlattr *nest;
	struct bridge_vlan_info vi;

	memset(msgbuf, 0, sizeof(msgbuf));
	nlh = mnl_nlmsg_put_header(msgbuf);
	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_BRIDGE_;
	ifi->ifi_index = ifindex;
	ifi->ifi_flags = 0x1 | 0x10000; /* up, lower up */
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_MASTER, 9);
	nest = mnl_attr_nest_start(nlh, IFLA_PROTINFO);
	mnl_attr_put_u8(nlh, IFLA_BRPORT_STATE, BR_STATE_FORWARDING);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
	if (pvid) {
		vi = (struct bridge_vlan_info){BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED,
					       (uint16_t)pvid};
		mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
	}
	if (lo) {
		vi = (struct bridge_vlan_info){BRIDGE_VLAN_INFO_RANGE_BEGIN, (uint16_t)lo};
		mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
		vi = (struct bridge_vlan_info){BRIDGE_VLAN_INFO_RANGE_END, (uint16_t)hi};
		mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
	}
	vi = (struct bridge_vlan_info){0, 4095}; /* reserved: ignored */
	mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(vi), &vi);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void test_vlans(void)
{
	struct np_br_port p[3];
	char buf[64];

	CHECK(np_br_parse_port(vlan_port("trunk", 4, 1, 10, 20), &p[0]) == 0);
	CHECK(p[0].pvid == 1 && p[0].nvlans == 12);
	CHECK(np_br_vlan_has(&p[0], 1) && np_br_vlan_has(&p[0], 10) && np_br_vlan_has(&p[0], 20));
	CHECK(!np_br_vlan_has(&p[0], 9) && !np_br_vlan_has(&p[0], 21));
	CHECK(!np_br_vlan_has(&p[0], 4095) && !np_br_vlan_has(&p[0], 0));
	CHECK(p[0].untagged[0] & 0x2); /* VID 1 untagged */
	CHECK_STR(np_br_vlans_text(&p[0], buf, sizeof(buf)), "1 10-20");
	/* A short buffer says the list goes on. */
	CHECK_STR(np_br_vlans_text(&p[0], buf, 8), "1 ...");
	CHECK(np_br_parse_port(vlan_port("vlan20", 5, 20, 0, 0), &p[1]) == 0);
	CHECK(p[1].pvid == 20 && p[1].nvlans == 1);
	CHECK(np_br_parse_port(vlan_port("nopvid", 6, 0, 20, 30), &p[2]) == 0);
	CHECK(p[2].pvid == 0 && p[2].nvlans == 11);
	/* Filtering on: untagged frames from trunk are in VLAN 1, which
	 * neither other port carries; vlan20's VLAN 20 is on nopvid. */
	CHECK(np_br_vlan_ok(&p[0], &p[1], true) == 0);
	CHECK(np_br_vlan_ok(&p[1], &p[2], true) == 1);
	CHECK(np_br_vlan_ok(&p[1], &p[0], true) == 1); /* trunk carries 10-20 */
	CHECK(np_br_vlan_ok(&p[2], &p[1], true) == 0); /* no PVID: dropped */
	CHECK(np_br_pvid_peers(p, 3, 0, true) == 0);
	CHECK(np_br_pvid_peers(p, 3, 1, true) == 2);
	CHECK(np_br_pvid_peers(p, 3, 0, false) == 2);
}

/* A bridge with VLAN filtering on, built like the kernel sends it. */
static void test_info_vlan(void)
{
	struct np_br_info bi;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct nlattr *li, *data;

	memset(msgbuf, 0, sizeof(msgbuf));
	nlh = mnl_nlmsg_put_header(msgbuf);
	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = 9;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "brv");
	li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "bridge");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put_u32(nlh, IFLA_BR_STP_STATE, 1);
	mnl_attr_put_u8(nlh, IFLA_BR_VLAN_FILTERING, 1);
	mnl_attr_put_u16(nlh, IFLA_BR_VLAN_DEFAULT_PVID, 1);
	mnl_attr_put_u32(nlh, IFLA_BR_NF_CALL_IPTABLES, 1); /* wrong size: ignored */
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, li);
	CHECK(np_br_parse_info(nlh, &bi) == 0);
	CHECK(bi.stp_state == 1 && bi.vlan_filtering == 1 && bi.default_pvid == 1);
	CHECK(bi.nf_call_iptables == -1 && bi.nf_call_ip6tables == -1);
}

static void test_nf(void)
{
	struct np_br_nf off = {0}, on = {1, 1, 0, 0};
	CHECK(np_br_nf_effective(&off, 1, 1) == 0); /* not loaded: nothing calls iptables */
	CHECK(np_br_nf_effective(&on, on.call_iptables, -1) == 1);
	CHECK(np_br_nf_effective(&on, on.call_ip6tables, -1) == 0);
	CHECK(np_br_nf_effective(&on, on.call_ip6tables, 1) == 1); /* the bridge's own switch */
}

static void test_mac(void)
{
	uint8_t m[6];
	char buf[18];
	CHECK(np_mac_parse("02:42:AC:11:00:02", m) == 0);
	CHECK_STR(np_mac_format(m, buf, sizeof(buf)), "02:42:ac:11:00:02");
	CHECK(np_mac_parse("02:42:ac:11:00", m) == -EINVAL);
	CHECK(np_mac_parse("02:42:ac:11:00:02:ff", m) == -EINVAL);
	CHECK(np_mac_parse("0242ac110002", m) == -EINVAL);
	CHECK(np_mac_parse("02:42:ac:11:00:0g", m) == -EINVAL);
	CHECK(np_mac_parse("", m) == -EINVAL);
}

static int key(const char *s, struct np_br_key *bk, char *why)
{
	struct np_factkey k;
	static struct np_factkey keep; /* bk points into the key */
	if (np_factkey_parse(s, &k, why, 200))
		return -100;
	keep = k;
	return np_br_key_parse(&keep, bk, why, 200);
}

static void test_keys(void)
{
	struct np_br_key bk;
	char why[200];

	CHECK(key("bridge", &bk, why) == 0 && bk.kind == NP_BRK_FAMILY);
	CHECK(key("bridge.nf_call_iptables", &bk, why) == 0 && bk.kind == NP_BRK_NF);
	CHECK(key("bridge.nf_loaded", &bk, why) == 0 && !bk.need_ports);
	CHECK(key("bridge.frob", &bk, why) == -ENOENT && strstr(why, "frob"));
	CHECK(key("bridge[br0].stp", &bk, why) == 0 && bk.kind == NP_BRK_BRIDGE);
	CHECK(!bk.need_ports && !bk.need_fdb && !strcmp(bk.field, "stp"));
	CHECK(key("bridge[br0].ports", &bk, why) == 0 && bk.need_ports && !bk.need_fdb);
	CHECK(key("bridge[br0].not_forwarding_ports", &bk, why) == 0 && bk.need_ports);
	CHECK(key("bridge[br0].fdb_entries", &bk, why) == 0 && bk.need_fdb && !bk.need_ports);
	CHECK(key("bridge[br0]", &bk, why) == 0 && bk.need_ports && bk.need_fdb && !bk.field);
	CHECK(key("bridge[br0].bogus", &bk, why) == -ENOENT && strstr(why, "unknown bridge field"));
	CHECK(key("bridge[bad/name].stp", &bk, why) == -ENOENT && strstr(why, "bridge"));
	CHECK(key("bridge[$br].port[$dev].state", &bk, why) == 0 && bk.kind == NP_BRK_PORT);
	CHECK(!strcmp(bk.br, "$br") && !strcmp(bk.port, "$dev") && bk.need_ports);
	CHECK(key("bridge[br0].port[veth0].bogus", &bk, why) == -ENOENT &&
	      strstr(why, "bridge port"));
	CHECK(key("bridge[br0].port[veth0].vlan[20]", &bk, why) == 0 &&
	      bk.kind == NP_BRK_PORT_VLAN && bk.vid == 20 && !strcmp(bk.vid_text, "20"));
	CHECK(key("bridge[br0].port[veth0].vlan[4095]", &bk, why) == -ENOENT &&
	      strstr(why, "1-4094"));
	CHECK(key("bridge[br0].port[veth0].vlan[x1]", &bk, why) == -ENOENT);
	CHECK(key("bridge[br0].port[veth0].vlan[$vid]", &bk, why) == 0);
	CHECK(key("bridge[br0].port[veth0].vlan_ok[$out]", &bk, why) == 0 &&
	      bk.kind == NP_BRK_PORT_VLAN_OK && !strcmp(bk.out, "$out"));
	CHECK(key("bridge[br0].port[veth0].state.more", &bk, why) == -ENOENT);
	CHECK(key("bridge[br0].port[veth0]", &bk, why) == 0 && !bk.field);
	CHECK(key("bridge[br0].fdb[02:42:ac:11:00:02].port", &bk, why) == 0 &&
	      bk.kind == NP_BRK_FDB && bk.need_fdb && bk.mac[5] == 2);
	CHECK(key("bridge[br0].fdb[$mac].kind", &bk, why) == 0);
	CHECK(key("bridge[br0].fdb[zz].port", &bk, why) == -ENOENT && strstr(why, "MAC"));
	CHECK(key("bridge[br0].fdb[02:42:ac:11:00:02]", &bk, why) == -ENOENT);
	CHECK(key("bridge[br0].fdb[02:42:ac:11:00:02].age", &bk, why) == -ENOENT);
}

static void test_veth_peer(void)
{
	struct np_link_info li;
	CHECK(np_link_parse(load(fx_br_veth_other_ns_0), &li) == 0);
	CHECK_STR(li.name, "vrecA");
	CHECK_STR(li.kind, "veth");
	CHECK(li.link == 2 && li.link_netnsid == 0); /* eth0 (ifindex 2) in nsid 0 */
	CHECK(li.master == 2);
	CHECK(np_link_field_known("peer_netns") && np_link_field_known("peer_netnsid"));
	CHECK(np_link_parse(load(fx_br_veth_same_ns_0), &li) == 0);
	CHECK_STR(li.name, "vrecB");
	CHECK(li.link == 4 && li.link_netnsid == -1); /* vrecBp, this namespace */
	/* A link without IFLA_LINK (the bridge). */
	CHECK(np_link_parse(load(fx_br_br0_0), &li) == 0);
	CHECK(li.link == 0 && li.link_netnsid == -1);
}

static char *render(bool json, const struct np_link_info *li, const struct np_link_peer *peer)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct np_out *o = np_out_new(f, stderr, json, false, false);
	np_out_begin(o, "link");
	np_open_obj(o, "link");
	np_link_show_detail(o, li, "br0", peer, -1);
	np_close_obj(o);
	np_out_end(o);
	np_out_free(o);
	fclose(f);
	return buf;
}

static void test_peer_render(void)
{
	struct np_link_info li;
	struct np_link_peer peer = {"eth0", "np-sc-a"};
	char *s;

	np_link_parse(load(fx_br_veth_other_ns_0), &li);
	s = render(false, &li, &peer);
	CHECK(strstr(s, "    peer eth0 in netns np-sc-a (nsid 0)\n") != NULL);
	free(s);
	s = render(true, &li, &peer);
	CHECK(strstr(s, "\"peer_ifindex\":2,\"peer_netnsid\":0,\"peer\":\"eth0\","
			"\"peer_netns\":\"np-sc-a\"") != NULL);
	free(s);
	np_link_parse(load(fx_br_veth_same_ns_0), &li);
	snprintf(peer.name, sizeof(peer.name), "vrecBp");
	peer.netns[0] = '\0';
	s = render(false, &li, &peer);
	CHECK(strstr(s, "    peer vrecBp (this namespace)\n") != NULL);
	free(s);
	/* No peer: JSON says so, text says nothing. */
	np_link_parse(load(fx_br_br0_0), &li);
	s = render(false, &li, NULL);
	CHECK(strstr(s, "peer") == NULL);
	free(s);
	s = render(true, &li, NULL);
	CHECK(strstr(s, "\"peer_ifindex\":0,\"peer_netnsid\":-1,\"peer\":\"\"") != NULL);
	free(s);
}

int main(void)
{
	test_info();
	test_ports();
	test_fdb();
	test_vlans();
	test_info_vlan();
	test_nf();
	test_mac();
	test_keys();
	test_veth_peer();
	test_peer_render();
	return check_done();
}
