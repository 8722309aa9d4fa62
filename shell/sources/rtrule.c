// SPDX-License-Identifier: GPL-2.0-only
/* Policy rule parsing, description and matching. */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "np.h"
#include "rtrule.h"

static int rule_attr(const struct nlattr *a, void *data)
{
	struct np_rule *r = data;
	uint16_t len = mnl_attr_get_payload_len(a);
	const void *p = mnl_attr_get_payload(a);
	size_t alen = r->family == AF_INET6 ? 16 : 4;

	switch (mnl_attr_get_type(a)) {
	case FRA_PRIORITY:
		if (len >= 4)
			r->prio = mnl_attr_get_u32(a);
		break;
	case FRA_TABLE:
		if (len >= 4)
			r->table = mnl_attr_get_u32(a);
		break;
	case FRA_GOTO:
		if (len >= 4)
			r->goto_target = mnl_attr_get_u32(a);
		break;
	case FRA_SRC:
		if (len >= alen)
			memcpy(r->src, p, alen);
		break;
	case FRA_DST:
		if (len >= alen)
			memcpy(r->dst, p, alen);
		break;
	case FRA_IIFNAME:
		snprintf(r->iif, sizeof(r->iif), "%.*s", (int)strnlen(p, len), (const char *)p);
		break;
	case FRA_OIFNAME:
		snprintf(r->oif, sizeof(r->oif), "%.*s", (int)strnlen(p, len), (const char *)p);
		break;
	case FRA_FWMARK:
		if (len >= 4) {
			r->mark = mnl_attr_get_u32(a);
			r->has_mark = true;
		}
		break;
	case FRA_FWMASK:
		if (len >= 4) {
			r->mask = mnl_attr_get_u32(a);
			r->has_mark = true;
		}
		break;
	case FRA_SUPPRESS_PREFIXLEN:
		if (len >= 4)
			r->suppress_prefixlen = (int)mnl_attr_get_u32(a);
		break;
	case FRA_L3MDEV:
		if (len >= 1)
			r->l3mdev = mnl_attr_get_u8(a);
		break;
	case FRA_UID_RANGE: {
		struct fib_rule_uid_range u;
		if (len >= sizeof(u)) {
			memcpy(&u, p, sizeof(u));
			r->uid_start = u.start;
			r->uid_end = u.end;
			r->has_uid = true;
		}
		break;
	}
	case FRA_IP_PROTO:
		if (len >= 1)
			r->ipproto = mnl_attr_get_u8(a);
		break;
	case FRA_SPORT_RANGE:
	case FRA_DPORT_RANGE: {
		struct fib_rule_port_range pr;
		if (len < sizeof(pr))
			break;
		memcpy(&pr, p, sizeof(pr));
		if (mnl_attr_get_type(a) == FRA_SPORT_RANGE) {
			r->sport_lo = pr.start;
			r->sport_hi = pr.end;
		} else {
			r->dport_lo = pr.start;
			r->dport_hi = pr.end;
		}
		break;
	}
	case FRA_PROTOCOL:
		if (len >= 1)
			r->protocol = mnl_attr_get_u8(a);
		break;
	}
	return MNL_CB_OK;
}

int np_rule_parse(const struct nlmsghdr *nlh, struct np_rule *r)
{
	const struct fib_rule_hdr *h;
	memset(r, 0, sizeof(*r));
	r->suppress_prefixlen = -1;
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*h)))
		return -EINVAL;
	h = mnl_nlmsg_get_payload(nlh);
	r->family = h->family;
	r->action = h->action;
	r->table = h->table;
	r->flags = h->flags;
	r->src_len = h->src_len;
	r->dst_len = h->dst_len;
	r->tos = h->tos;
	if (mnl_attr_parse(nlh, sizeof(*h), rule_attr, r) < 0)
		return -EINVAL;
	return 0;
}

void np_rule_describe(const struct np_rule *r, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN], t[32];
	size_t off = 0;
#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (off < len)                                                                     \
			off += (size_t)snprintf(buf + off, len - off, __VA_ARGS__);                \
	} while (0)
	ADD("%" PRIu32 ":", r->prio);
	if (r->flags & FIB_RULE_INVERT)
		ADD(" not");
	if (r->src_len)
		ADD(" from %s/%u", inet_ntop(r->family, r->src, a, sizeof(a)), r->src_len);
	else
		ADD(" from all");
	if (r->dst_len)
		ADD(" to %s/%u", inet_ntop(r->family, r->dst, a, sizeof(a)), r->dst_len);
	if (r->tos)
		ADD(" tos 0x%x", r->tos);
	if (r->has_mark)
		ADD(" fwmark 0x%" PRIx32 "/0x%" PRIx32, r->mark, r->mask);
	if (r->iif[0])
		ADD(" iif %s", r->iif);
	if (r->oif[0])
		ADD(" oif %s", r->oif);
	if (r->has_uid)
		ADD(" uidrange %" PRIu32 "-%" PRIu32, r->uid_start, r->uid_end);
	if (r->ipproto)
		ADD(" ipproto %u", r->ipproto);
	if (r->sport_lo)
		ADD(" sport %u-%u", r->sport_lo, r->sport_hi);
	if (r->dport_lo)
		ADD(" dport %u-%u", r->dport_lo, r->dport_hi);
	if (r->l3mdev)
		ADD(" lookup [l3mdev-table]");
	else if (r->action == FR_ACT_TO_TBL)
		ADD(" lookup %s", np_rt_table_name(r->table, t, sizeof(t)));
	else if (r->action == FR_ACT_GOTO)
		ADD(" goto %" PRIu32, r->goto_target);
	else
		ADD(" %s", np_rule_action_name(r->action, t, sizeof(t)));
	if (r->suppress_prefixlen >= 0)
		ADD(" suppress_prefixlength %d", r->suppress_prefixlen);
#undef ADD
}

static bool prefix_match(const unsigned char *a, const unsigned char *p, unsigned plen)
{
	unsigned bytes = plen / 8, bits = plen % 8;
	if (memcmp(a, p, bytes))
		return false;
	if (bits) {
		unsigned char m = (unsigned char)(0xff << (8 - bits));
		return (a[bytes] & m) == (p[bytes] & m);
	}
	return true;
}

bool np_rule_matches(const struct np_rule *r, const struct np_rule_flow *f)
{
	const char *iif = f->iif[0] ? f->iif : "lo";
	bool m = true;

	if (r->family != f->family)
		return false;
	if (r->src_len && !(f->has_src && prefix_match(f->src, r->src, r->src_len)))
		m = false;
	if (r->dst_len && !prefix_match(f->dst, r->dst, r->dst_len))
		m = false;
	if (r->iif[0] && strcmp(r->iif, iif))
		m = false;
	if (r->oif[0] && strcmp(r->oif, f->oif))
		m = false;
	if (r->has_mark && ((f->mark ^ r->mark) & r->mask))
		m = false;
	if (r->has_uid && (f->iif[0] || f->uid < r->uid_start || f->uid > r->uid_end))
		m = false;
	if (r->ipproto && r->ipproto != f->ipproto)
		m = false;
	if (r->sport_lo && (f->sport < r->sport_lo || f->sport > r->sport_hi))
		m = false;
	if (r->dport_lo && (f->dport < r->dport_lo || f->dport > r->dport_hi))
		m = false;
	if (r->tos || r->l3mdev)
		m = false; /* the query carries no TOS and no VRF */
	return (r->flags & FIB_RULE_INVERT) ? !m : m;
}
