// SPDX-License-Identifier: GPL-2.0-only
/* Conntrack statistics parsing and judgement (see ctstats.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctstats.h"
#include "ipproto.h"

const char *const np_ct_stat_names[NP_CT_NSTATS] = {
	"found", "invalid", "insert", "insert_failed", "drop", "early_drop", "icmp_error",
	"search_restart", "clash_resolve", "chaintoolong",
};

/* ctnetlink attribute of each counter. */
static const int cta_of[NP_CT_NSTATS] = {
	CTA_STATS_FOUND, CTA_STATS_INVALID, CTA_STATS_INSERT, CTA_STATS_INSERT_FAILED,
	CTA_STATS_DROP, CTA_STATS_EARLY_DROP, CTA_STATS_ERROR, CTA_STATS_SEARCH_RESTART,
	CTA_STATS_CLASH_RESOLVE, CTA_STATS_CHAIN_TOOLONG,
};

/* /proc column name of each counter. */
static const char *const proc_of[NP_CT_NSTATS] = {
	"found", "invalid", "insert", "insert_failed", "drop", "early_drop", "icmp_error",
	"search_restart", "clashres", "chainlength",
};

struct nlmsghdr *np_ct_req(void *buf, int msg, int dump, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | msg;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : NLM_F_ACK);
	nlh->nlmsg_seq = seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_UNSPEC; /* every l3 protocol */
	nfg->version = NFNETLINK_V0;
	nfg->res_id = 0;
	return nlh;
}

static int is_ct_msg(const struct nlmsghdr *nlh)
{
	return (nlh->nlmsg_type >> 8) == NFNL_SUBSYS_CTNETLINK &&
	       nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + sizeof(struct nfgenmsg);
}

static int be32_attr(const struct nlattr *a, uint64_t *v)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return -EINVAL;
	*v = ntohl(mnl_attr_get_u32(a));
	return 0;
}

int np_ct_parse_cpu(const struct nlmsghdr *nlh, struct np_ct_stats *out, int *cpu)
{
	const struct nlattr *a;
	memset(out, 0, sizeof(*out));
	if (!is_ct_msg(nlh) || (nlh->nlmsg_type & 0xff) != IPCTNL_MSG_CT_GET_STATS_CPU)
		return -EINVAL;
	*cpu = ntohs(((const struct nfgenmsg *)mnl_nlmsg_get_payload(nlh))->res_id);
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg))
	{
		for (int i = 0; i < NP_CT_NSTATS; i++)
			if (mnl_attr_get_type(a) == cta_of[i] && be32_attr(a, &out->v[i]))
				return -EINVAL;
	}
	return 0;
}

int np_ct_parse_global(const struct nlmsghdr *nlh, uint64_t *count, uint64_t *max)
{
	const struct nlattr *a;
	int seen = 0;
	if (!is_ct_msg(nlh) || (nlh->nlmsg_type & 0xff) != IPCTNL_MSG_CT_GET_STATS)
		return -EINVAL;
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg))
	{
		if (mnl_attr_get_type(a) == CTA_STATS_GLOBAL_ENTRIES && !be32_attr(a, count))
			seen |= 1;
		if (mnl_attr_get_type(a) == CTA_STATS_GLOBAL_MAX_ENTRIES && !be32_attr(a, max))
			seen |= 2;
	}
	return seen == 3 ? 0 : -EINVAL;
}

int np_ct_parse_proc(const char *text, struct np_ct_stats *sum, uint64_t *entries, int *cpus)
{
	int col[NP_CT_NSTATS], ncol = 0, entries_col = -1;
	char name[32];
	const char *p = text, *eol = strchr(text, '\n');

	memset(sum, 0, sizeof(*sum));
	*entries = 0;
	*cpus = 0;
	for (int i = 0; i < NP_CT_NSTATS; i++)
		col[i] = -1;
	if (!eol)
		return -EINVAL;
	/* Header: map names to column numbers (the layout changed across
	 * kernels, so never assume positions). */
	while (p < eol) {
		int n = 0;
		if (sscanf(p, "%31s%n", name, &n) != 1 || p + n > eol + 1)
			break;
		if (!strcmp(name, "entries"))
			entries_col = ncol;
		for (int i = 0; i < NP_CT_NSTATS; i++)
			if (!strcmp(name, proc_of[i]))
				col[i] = ncol;
		ncol++;
		p += n;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	if (entries_col < 0 || col[NP_CT_DROP] < 0)
		return -EINVAL;
	for (p = eol + 1; *p; p = eol + 1) {
		uint64_t vals[64];
		int n = 0;
		char *end;
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		while (n < ncol && n < 64) {
			unsigned long long v = strtoull(p, &end, 16);
			if (end == p || end > eol)
				break;
			vals[n++] = v;
			p = end;
		}
		if (n == 0 && p == eol) { /* blank line */
			if (!*eol)
				break;
			continue;
		}
		if (n != ncol)
			return -EINVAL;
		if (*cpus == 0)
			*entries = vals[entries_col]; /* the netns total, on every row */
		for (int i = 0; i < NP_CT_NSTATS; i++)
			if (col[i] >= 0)
				sum->v[i] += vals[col[i]];
		(*cpus)++;
		if (!*eol)
			break;
	}
	return *cpus ? 0 : -EINVAL;
}

void np_ct_delta(const struct np_ct_stats *a, const struct np_ct_stats *b, struct np_ct_stats *d)
{
	for (int i = 0; i < NP_CT_NSTATS; i++)
		d->v[i] = b->v[i] >= a->v[i] ? b->v[i] - a->v[i] : 0;
}

enum np_health np_ct_judge(uint64_t count, uint64_t max, const struct np_ct_stats *delta,
			   char *why, size_t len)
{
	enum np_health h = NP_OK;
	snprintf(why, len, "table at %llu of %llu entries", (unsigned long long)count,
		 (unsigned long long)max);
	if (max) {
		double r = (double)count / (double)max;
		if (r >= 0.98) {
			h = NP_CRIT;
			snprintf(why, len,
				 "table full: %llu of %llu entries (%.0f%%); new flows are dropped",
				 (unsigned long long)count, (unsigned long long)max, r * 100);
		} else if (r >= 0.90) {
			h = NP_WARN;
			snprintf(why, len, "table nearly full: %llu of %llu entries (%.0f%%)",
				 (unsigned long long)count, (unsigned long long)max, r * 100);
		}
	}
	if (!delta)
		return h;
	if (delta->v[NP_CT_DROP] || delta->v[NP_CT_CHAINTOOLONG]) {
		snprintf(why, len,
			 "%llu packets dropped: table full (drop %llu) or hash chain too long "
			 "(chaintoolong %llu)",
			 (unsigned long long)(delta->v[NP_CT_DROP] + delta->v[NP_CT_CHAINTOOLONG]),
			 (unsigned long long)delta->v[NP_CT_DROP],
			 (unsigned long long)delta->v[NP_CT_CHAINTOOLONG]);
		return NP_CRIT;
	}
	if (h == NP_CRIT)
		return h;
	if (delta->v[NP_CT_EARLY_DROP]) {
		snprintf(why, len, "%llu entries evicted to make room (early_drop): table full",
			 (unsigned long long)delta->v[NP_CT_EARLY_DROP]);
		return NP_WARN;
	}
	if (delta->v[NP_CT_INSERT_FAILED]) {
		snprintf(why, len,
			 "%llu packets lost to insert races (insert_failed: parallel packets of a "
			 "new flow, typically UDP DNS)",
			 (unsigned long long)delta->v[NP_CT_INSERT_FAILED]);
		return NP_WARN;
	}
	return h;
}

/* ---- entry tally ---- */

static const char *const tcp_states[NP_CT_TCP_STATES] = {
	"NONE",	     "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
	"CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE",	     "SYN_SENT2",
};

const char *np_ct_tcp_state_name(int state)
{
	return state >= 0 && state < NP_CT_TCP_STATES ? tcp_states[state] : "UNKNOWN";
}

const char *np_ct_proto_name(int proto, char *buf, size_t len)
{
	return np_proto_name(proto, buf, len);
}

/* The nested attribute of type `type` directly under parent, or NULL. */
static const struct nlattr *nested(const struct nlattr *parent, int type)
{
	const struct nlattr *a;
	mnl_attr_for_each_nested(a, parent)
	{
		if (mnl_attr_get_type(a) == type)
			return a;
	}
	return NULL;
}

int np_ct_tally_msg(const struct nlmsghdr *nlh, struct np_ct_tally *t)
{
	const struct nlattr *a, *x;
	int proto = -1, tcp_state = -1;
	uint64_t status = 0;
	const struct nfgenmsg *nfg;

	if (!is_ct_msg(nlh))
		return -EINVAL;
	nfg = mnl_nlmsg_get_payload(nlh);
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg))
	{
		switch (mnl_attr_get_type(a) & NLA_TYPE_MASK) {
		case CTA_TUPLE_ORIG:
			x = nested(a, CTA_TUPLE_PROTO);
			x = x ? nested(x, CTA_PROTO_NUM) : NULL;
			if (x && mnl_attr_validate(x, MNL_TYPE_U8) == 0)
				proto = mnl_attr_get_u8(x);
			break;
		case CTA_PROTOINFO:
			x = nested(a, CTA_PROTOINFO_TCP);
			x = x ? nested(x, CTA_PROTOINFO_TCP_STATE) : NULL;
			if (x && mnl_attr_validate(x, MNL_TYPE_U8) == 0)
				tcp_state = mnl_attr_get_u8(x);
			break;
		case CTA_STATUS:
			be32_attr(a, &status);
			break;
		}
	}
	if (proto < 0)
		return -EINVAL;
	t->total++;
	t->proto[proto]++;
	if (nfg->nfgen_family == AF_INET6)
		t->ipv6++;
	else
		t->ipv4++;
	if (proto == IPPROTO_TCP)
		t->tcp_state[tcp_state >= 0 && tcp_state < NP_CT_TCP_STATES ? tcp_state
									   : NP_CT_TCP_STATES]++;
	if (!(status & IPS_SEEN_REPLY))
		t->unreplied++;
	if (status & IPS_ASSURED)
		t->assured++;
	return 0;
}
