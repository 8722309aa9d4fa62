// SPDX-License-Identifier: GPL-2.0-only
/* Bridge, bridge port and FDB messages (see bridge_parse.h). */
#include <ctype.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bridge_parse.h"
#include "link_parse.h"
#include "np.h"

#ifndef AF_BRIDGE
#define AF_BRIDGE 7
#endif

/* ---- the bridge device ---- */

static int u8_of(const struct nlattr *a)
{
	return mnl_attr_validate(a, MNL_TYPE_U8) == 0 ? mnl_attr_get_u8(a) : -1;
}

static void parse_br_data(const struct nlattr *data, struct np_br_info *bi)
{
	const struct nlattr *a;
	mnl_attr_for_each_nested(a, data)
	{
		switch (mnl_attr_get_type(a)) {
		case IFLA_BR_STP_STATE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				bi->stp_state = (int)mnl_attr_get_u32(a);
			break;
		case IFLA_BR_AGEING_TIME:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				bi->ageing_time = mnl_attr_get_u32(a);
			break;
		case IFLA_BR_VLAN_FILTERING:
			bi->vlan_filtering = u8_of(a) > 0;
			break;
		case IFLA_BR_VLAN_DEFAULT_PVID:
			if (mnl_attr_validate(a, MNL_TYPE_U16) == 0)
				bi->default_pvid = mnl_attr_get_u16(a);
			break;
		case IFLA_BR_NF_CALL_IPTABLES:
			bi->nf_call_iptables = u8_of(a);
			break;
		case IFLA_BR_NF_CALL_IP6TABLES:
			bi->nf_call_ip6tables = u8_of(a);
			break;
		case IFLA_BR_NF_CALL_ARPTABLES:
			bi->nf_call_arptables = u8_of(a);
			break;
		}
	}
}

int np_br_parse_info(const struct nlmsghdr *nlh, struct np_br_info *bi)
{
	struct np_link_info li;
	const struct nlattr *a, *b;

	memset(bi, 0, sizeof(*bi));
	bi->nf_call_iptables = bi->nf_call_ip6tables = bi->nf_call_arptables = -1;
	if (np_link_parse(nlh, &li))
		return -EINVAL;
	memcpy(bi->name, li.name, sizeof(bi->name));
	memcpy(bi->kind, li.kind, sizeof(bi->kind));
	bi->ifindex = li.ifindex;
	bi->flags = li.flags;
	/* np_link_parse validated the message; find IFLA_INFO_DATA again. */
	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg))
	{
		if (mnl_attr_get_type(a) != IFLA_LINKINFO ||
		    mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
			continue;
		mnl_attr_for_each_nested(b, a) if (mnl_attr_get_type(b) == IFLA_INFO_DATA &&
						   mnl_attr_validate(b, MNL_TYPE_NESTED) == 0)
		    parse_br_data(b, bi);
	}
	return 0;
}

/* ---- ports (AF_BRIDGE RTM_NEWLINK) ---- */

static void vlan_mark(struct np_br_port *p, unsigned lo, unsigned hi, bool untagged)
{
	for (unsigned v = lo; v <= hi && v < NP_VLAN_N; v++) {
		if (!(p->vlan[v / 8] & (1u << (v % 8))))
			p->nvlans++;
		p->vlan[v / 8] |= (uint8_t)(1u << (v % 8));
		if (untagged)
			p->untagged[v / 8] |= (uint8_t)(1u << (v % 8));
	}
}

static void parse_protinfo(const struct nlattr *nest, struct np_br_port *p)
{
	const struct nlattr *a;
	p->is_port = true;
	mnl_attr_for_each_nested(a, nest)
	{
		switch (mnl_attr_get_type(a)) {
		case IFLA_BRPORT_STATE:
			p->state = u8_of(a);
			break;
		case IFLA_BRPORT_LEARNING:
			p->learning = u8_of(a);
			break;
		case IFLA_BRPORT_UNICAST_FLOOD:
			p->flood = u8_of(a);
			break;
		case IFLA_BRPORT_MCAST_FLOOD:
			p->mcast_flood = u8_of(a);
			break;
		case IFLA_BRPORT_BCAST_FLOOD:
			p->bcast_flood = u8_of(a);
			break;
		}
	}
}

/* IFLA_BRIDGE_VLAN_INFO entries: single VIDs, or (compressed dumps) a
 * RANGE_BEGIN entry followed by its RANGE_END. */
static void parse_af_spec(const struct nlattr *nest, struct np_br_port *p)
{
	const struct nlattr *a;
	unsigned begin = 0;
	mnl_attr_for_each_nested(a, nest)
	{
		struct bridge_vlan_info vi;
		if (mnl_attr_get_type(a) != IFLA_BRIDGE_VLAN_INFO ||
		    mnl_attr_get_payload_len(a) < sizeof(vi))
			continue;
		memcpy(&vi, mnl_attr_get_payload(a), sizeof(vi));
		if (vi.vid < 1 || vi.vid >= NP_VLAN_N - 1)
			continue; /* 0 and 4095 are reserved: a corrupt entry */
		if (vi.flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			begin = vi.vid;
			continue;
		}
		if ((vi.flags & BRIDGE_VLAN_INFO_RANGE_END) && begin && begin <= vi.vid)
			vlan_mark(p, begin, vi.vid, vi.flags & BRIDGE_VLAN_INFO_UNTAGGED);
		else
			vlan_mark(p, vi.vid, vi.vid, vi.flags & BRIDGE_VLAN_INFO_UNTAGGED);
		begin = 0;
		if (vi.flags & BRIDGE_VLAN_INFO_PVID)
			p->pvid = vi.vid;
	}
}

static int port_attr(const struct nlattr *a, void *data)
{
	struct np_br_port *p = data;
	switch (mnl_attr_get_type(a)) {
	case IFLA_IFNAME:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(p->name, sizeof(p->name), "%s", mnl_attr_get_str(a));
		break;
	case IFLA_MASTER:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			p->master = (int)mnl_attr_get_u32(a);
		break;
	case IFLA_PROTINFO:
		if (mnl_attr_validate(a, MNL_TYPE_NESTED) == 0)
			parse_protinfo(a, p);
		break;
	case IFLA_AF_SPEC:
		if (mnl_attr_validate(a, MNL_TYPE_NESTED) == 0)
			parse_af_spec(a, p);
		break;
	}
	return MNL_CB_OK;
}

int np_br_parse_port(const struct nlmsghdr *nlh, struct np_br_port *p)
{
	const struct ifinfomsg *ifi;

	memset(p, 0, sizeof(*p));
	p->state = p->learning = p->flood = p->mcast_flood = p->bcast_flood = -1;
	if (nlh->nlmsg_type != RTM_NEWLINK || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return -EINVAL;
	ifi = mnl_nlmsg_get_payload(nlh);
	if (ifi->ifi_family != AF_BRIDGE)
		return -EINVAL;
	p->ifindex = ifi->ifi_index;
	p->flags = ifi->ifi_flags;
	if (mnl_attr_parse(nlh, sizeof(*ifi), port_attr, p) < 0)
		return -EINVAL;
	return p->name[0] ? 0 : -EINVAL;
}

const char *np_br_state_name(int state)
{
	/* BR_STATE_* (linux/if_bridge.h) */
	static const char *const names[] = {"disabled", "listening", "learning", "forwarding",
					    "blocking"};
	if (state < 0 || (size_t)state >= NP_ARRAY_SIZE(names))
		return "unknown";
	return names[state];
}

/* ---- forwarding database (AF_BRIDGE RTM_NEWNEIGH) ---- */

struct fdb_parse {
	struct np_br_fdb *e;
	bool have_mac;
};

static int fdb_attr(const struct nlattr *a, void *data)
{
	struct fdb_parse *fp = data;
	struct np_br_fdb *e = fp->e;
	struct nda_cacheinfo ci;
	switch (mnl_attr_get_type(a)) {
	case NDA_LLADDR:
		if (mnl_attr_get_payload_len(a) == 6) {
			memcpy(e->mac, mnl_attr_get_payload(a), 6);
			fp->have_mac = true;
		}
		break;
	case NDA_MASTER:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			e->master = (int)mnl_attr_get_u32(a);
		break;
	case NDA_VLAN:
		if (mnl_attr_validate(a, MNL_TYPE_U16) == 0)
			e->vlan = mnl_attr_get_u16(a);
		break;
	case NDA_CACHEINFO:
		/* ndm_updated is in clock_t ticks (USER_HZ, 100 on Linux). */
		if (mnl_attr_get_payload_len(a) >= sizeof(ci)) {
			memcpy(&ci, mnl_attr_get_payload(a), sizeof(ci));
			e->updated_s = (long)(ci.ndm_updated / 100);
		}
		break;
	}
	return MNL_CB_OK;
}

int np_br_parse_fdb(const struct nlmsghdr *nlh, struct np_br_fdb *e)
{
	const struct ndmsg *ndm;
	struct fdb_parse fp = {e, false};

	memset(e, 0, sizeof(*e));
	e->updated_s = -1;
	if (nlh->nlmsg_type != RTM_NEWNEIGH || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm)))
		return -EINVAL;
	ndm = mnl_nlmsg_get_payload(nlh);
	if (ndm->ndm_family != AF_BRIDGE)
		return -EINVAL;
	e->ifindex = ndm->ndm_ifindex;
	e->state = ndm->ndm_state;
	e->ntf = ndm->ndm_flags;
	if (mnl_attr_parse(nlh, sizeof(*ndm), fdb_attr, &fp) < 0)
		return -EINVAL;
	return fp.have_mac ? 0 : -EINVAL;
}

bool np_br_fdb_is_bridge(const struct np_br_fdb *e, int br_ifindex)
{
	return e->master && e->master == br_ifindex && !(e->ntf & NTF_SELF);
}

const char *np_br_fdb_kind(const struct np_br_fdb *e)
{
	if (e->state & NUD_PERMANENT)
		return "local";
	if (e->state & NUD_NOARP)
		return "static";
	return "dynamic";
}

/* ---- MAC addresses ---- */

int np_mac_parse(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		unsigned v = 0;
		for (int d = 0; d < 2; d++, s++) {
			int c = tolower((unsigned char)*s);
			if (!isxdigit(c))
				return -EINVAL;
			v = v * 16 + (unsigned)(isdigit(c) ? c - '0' : c - 'a' + 10);
		}
		mac[i] = (uint8_t)v;
		if (i < 5 && *s != ':' && *s != '-')
			return -EINVAL;
		if (i < 5)
			s++;
	}
	return *s ? -EINVAL : 0;
}

const char *np_mac_format(const uint8_t mac[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
		 mac[5]);
	return buf;
}
