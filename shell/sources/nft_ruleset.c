// SPDX-License-Identifier: GPL-2.0-only
/* The kernel half of the ruleset reader: dump every family's chains and
 * rules over nfnetlink (NFT_MSG_GETCHAIN / GETRULE, NFPROTO_UNSPEC) and
 * decode them with libnftnl into a snapshot.  Read-only: only GET
 * requests are ever sent.  A dump that races a ruleset change (the
 * generation id moved, or the kernel flagged the dump) is retried. */
#include <errno.h>
#include <netinet/in.h> /* before the linux/ headers: glibc's definitions win */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/gen.h>
#include <libnftnl/rule.h>
#include <libnftnl/udata.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>

#include "ctx.h"
#include "nft.h"
#include "rtnl_util.h"
#include "xalloc.h"

struct dump {
	struct np_nft_snap *s;
	size_t ccap, rcap;
	size_t last_chain; /* rules arrive grouped by chain */
	int err;
};

static char *xdup(const char *s)
{
	return s ? np_xstrdup(s) : NULL;
}

/* Room for one more element in *v (n used, *cap allocated): doubles. */
static void grow(void **v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return;
	*v = np_xreallocarray(*v, *cap ? *cap * 2 : 32, size);
	*cap = *cap ? *cap * 2 : 32;
}

static int chain_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump *d = data;
	struct nftnl_chain *c = nftnl_chain_alloc();
	struct np_nft_chain *o;

	if (!c || nftnl_chain_nlmsg_parse(nlh, c) < 0)
		goto out; /* not decodable: skipped, the rest still counts */
	grow((void **)&d->s->chains, d->s->nchains, &d->ccap, sizeof(*d->s->chains));
	o = &d->s->chains[d->s->nchains];
	memset(o, 0, sizeof(*o));
	o->family = (uint8_t)nftnl_chain_get_u32(c, NFTNL_CHAIN_FAMILY);
	o->table = xdup(nftnl_chain_get_str(c, NFTNL_CHAIN_TABLE));
	o->name = xdup(nftnl_chain_get_str(c, NFTNL_CHAIN_NAME));
	if (!o->table || !o->name) {
		free(o->table);
		free(o->name);
		goto out; /* a chain without a table or name: not decodable */
	}
	o->handle = nftnl_chain_get_u64(c, NFTNL_CHAIN_HANDLE);
	o->use = nftnl_chain_get_u32(c, NFTNL_CHAIN_USE);
	if (nftnl_chain_is_set(c, NFTNL_CHAIN_HOOKNUM)) {
		o->base = true;
		o->hook = np_nft_hook_bit(o->family, nftnl_chain_get_u32(c, NFTNL_CHAIN_HOOKNUM));
		o->prio = nftnl_chain_get_s32(c, NFTNL_CHAIN_PRIO);
		o->policy_drop = nftnl_chain_is_set(c, NFTNL_CHAIN_POLICY) &&
				 nftnl_chain_get_u32(c, NFTNL_CHAIN_POLICY) == NF_DROP;
		o->dev = xdup(nftnl_chain_get_str(c, NFTNL_CHAIN_DEV));
	}
	/* The kernel sends chain counters only for chains created with them
	 * (iptables-nft does: they are its policy counters). */
	if (nftnl_chain_is_set(c, NFTNL_CHAIN_PACKETS)) {
		o->has_counter = true;
		o->packets = nftnl_chain_get_u64(c, NFTNL_CHAIN_PACKETS);
		o->bytes = nftnl_chain_get_u64(c, NFTNL_CHAIN_BYTES);
	}
	d->s->nchains++;
out:
	if (c)
		nftnl_chain_free(c);
	return d->err ? MNL_CB_ERROR : MNL_CB_OK;
}

static void verdict_of(struct np_nft_rule *o, struct nftnl_expr *e)
{
	int32_t v;
	if (!nftnl_expr_is_set(e, NFTNL_EXPR_IMM_VERDICT))
		return; /* loads data into a register, not a verdict */
	v = (int32_t)nftnl_expr_get_u32(e, NFTNL_EXPR_IMM_VERDICT);
	switch (v) {
	case NF_DROP:
		o->verdict = NP_NFT_V_DROP;
		break;
	case NF_ACCEPT:
		o->verdict = NP_NFT_V_ACCEPT;
		break;
	case NF_QUEUE:
		o->verdict = NP_NFT_V_QUEUE;
		break;
	case NFT_JUMP:
	case NFT_GOTO:
		o->verdict = v == NFT_JUMP ? NP_NFT_V_JUMP : NP_NFT_V_GOTO;
		free(o->target);
		o->target = xdup(nftnl_expr_get_str(e, NFTNL_EXPR_IMM_CHAIN));
		break;
	case NFT_RETURN:
		o->verdict = NP_NFT_V_RETURN;
		break;
	case NFT_CONTINUE:
		o->verdict = NP_NFT_V_CONTINUE;
		break;
	default:
		o->verdict = NP_NFT_V_OTHER;
	}
}

/* iptables-nft keeps `-m comment` as an xtables match: the info is the
 * kernel's struct xt_comment_info, a NUL-padded char[256]. */
static void xt_comment(struct np_nft_rule *o, struct nftnl_expr *e)
{
	uint32_t len = 0;
	const char *info;
	if (strcmp(nftnl_expr_get_str(e, NFTNL_EXPR_MT_NAME), "comment") || o->comment)
		return;
	info = nftnl_expr_get_data(e, NFTNL_EXPR_MT_INFO, &len);
	if (info && len)
		o->comment = np_xstrndup(info, len);
}

static int expr_cb(struct nftnl_expr *e, void *data)
{
	struct np_nft_rule *o = data;
	const char *name = nftnl_expr_get_str(e, NFTNL_EXPR_NAME);
	if (!name)
		return MNL_CB_OK;
	if (!strcmp(name, "counter")) {
		o->has_counter = true;
		o->packets = nftnl_expr_get_u64(e, NFTNL_EXPR_CTR_PACKETS);
		o->bytes = nftnl_expr_get_u64(e, NFTNL_EXPR_CTR_BYTES);
	} else if (!strcmp(name, "immediate")) {
		verdict_of(o, e);
	} else if (!strcmp(name, "reject")) {
		o->verdict = NP_NFT_V_REJECT;
	} else if (!strcmp(name, "queue")) {
		o->verdict = NP_NFT_V_QUEUE;
	} else if (!strcmp(name, "target")) {
		/* iptables-nft targets it has no native form for */
		const char *tg = nftnl_expr_get_str(e, NFTNL_EXPR_TG_NAME);
		if (tg && !strcmp(tg, "REJECT"))
			o->verdict = NP_NFT_V_REJECT;
		else if (tg && !strcmp(tg, "NFQUEUE"))
			o->verdict = NP_NFT_V_QUEUE;
	} else if (!strcmp(name, "match")) {
		xt_comment(o, e);
	}
	return MNL_CB_OK;
}

static int udata_cb(const struct nftnl_udata *attr, void *data)
{
	const struct nftnl_udata **tb = data;
	if (nftnl_udata_type(attr) == NFTNL_UDATA_RULE_COMMENT)
		tb[0] = attr;
	return MNL_CB_OK;
}

static void rule_comment(struct np_nft_rule *o, const struct nftnl_rule *r)
{
	const struct nftnl_udata *tb[1] = {NULL};
	uint32_t len = 0;
	const void *ud;
	if (!nftnl_rule_is_set(r, NFTNL_RULE_USERDATA))
		return;
	ud = nftnl_rule_get_data(r, NFTNL_RULE_USERDATA, &len);
	if (!ud || nftnl_udata_parse(ud, len, udata_cb, tb) < 0 || !tb[0])
		return;
	free(o->comment);
	o->comment = np_xstrndup(nftnl_udata_get(tb[0]), nftnl_udata_len(tb[0]));
}

static long chain_of(struct dump *d, uint8_t family, const char *table, const char *chain)
{
	const struct np_nft_snap *s = d->s;
	if (d->last_chain < s->nchains) {
		const struct np_nft_chain *c = &s->chains[d->last_chain];
		if (c->family == family && !strcmp(c->name, chain) && !strcmp(c->table, table))
			return (long)d->last_chain;
	}
	for (size_t i = 0; i < s->nchains; i++) {
		const struct np_nft_chain *c = &s->chains[i];
		if (c->family == family && !strcmp(c->name, chain) && !strcmp(c->table, table)) {
			d->last_chain = i;
			return (long)i;
		}
	}
	return -1;
}

static int rule_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump *d = data;
	struct nftnl_rule *r = nftnl_rule_alloc();
	struct np_nft_rule *o;
	const char *table, *chain;
	long ci;

	if (!r || nftnl_rule_nlmsg_parse(nlh, r) < 0)
		goto out;
	table = nftnl_rule_get_str(r, NFTNL_RULE_TABLE);
	chain = nftnl_rule_get_str(r, NFTNL_RULE_CHAIN);
	ci = table && chain
		 ? chain_of(d, (uint8_t)nftnl_rule_get_u32(r, NFTNL_RULE_FAMILY), table, chain)
		 : -1;
	if (ci < 0)
		goto out; /* its chain appeared after the chain dump: next snapshot */
	grow((void **)&d->s->rules, d->s->nrules, &d->rcap, sizeof(*d->s->rules));
	o = &d->s->rules[d->s->nrules++];
	memset(o, 0, sizeof(*o));
	o->chain = (size_t)ci;
	o->handle = nftnl_rule_get_u64(r, NFTNL_RULE_HANDLE);
	nftnl_expr_foreach(r, expr_cb, o);
	rule_comment(o, r);
out:
	if (r)
		nftnl_rule_free(r);
	return d->err ? MNL_CB_ERROR : MNL_CB_OK;
}

static int gen_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nftnl_gen *g = nftnl_gen_alloc();
	if (g && nftnl_gen_nlmsg_parse(nlh, g) == 0)
		*(uint32_t *)data = nftnl_gen_get_u32(g, NFTNL_GEN_ID);
	if (g)
		nftnl_gen_free(g);
	return MNL_CB_OK;
}

static int request(struct np_ctx *ctx, struct np_nl *nl, uint16_t cmd, mnl_cb_t cb, void *data)
{
	struct nlmsghdr *nlh;
	bool dump = cmd != NFT_MSG_GETGEN;
	memset(nl->buf, 0, 256);
	nlh = nftnl_nlmsg_build_hdr(nl->buf, cmd, NFPROTO_UNSPEC, dump ? NLM_F_DUMP : 0, ++nl->seq);
	if (!dump)
		return np_nl_get(nl, nlh, cb, data);
	return np_nl_dump(ctx, nl, nlh, cb, data, "nftables");
}

static int snapshot_once(struct np_ctx *ctx, struct np_nl *nl, struct np_nft_snap *s)
{
	struct dump d = {.s = s};
	uint32_t gen_after = 0;
	int err = request(ctx, nl, NFT_MSG_GETGEN, gen_cb, &s->genid);
	if (!err)
		err = request(ctx, nl, NFT_MSG_GETCHAIN, chain_cb, &d);
	if (!err)
		err = request(ctx, nl, NFT_MSG_GETRULE, rule_cb, &d);
	if (!err)
		err = d.err;
	if (!err)
		err = request(ctx, nl, NFT_MSG_GETGEN, gen_cb, &gen_after);
	if (!err && gen_after != s->genid)
		err = -EAGAIN; /* the ruleset changed between the dumps */
	return err;
}

int np_nft_snapshot(struct np_ctx *ctx, struct np_nft_snap *s, char *why, size_t len)
{
	struct np_nl nl;
	double t0 = np_now();
	int err;

	memset(s, 0, sizeof(*s));
	err = np_nl_open_bus(ctx, &nl, NETLINK_NETFILTER);
	if (err) {
		snprintf(why, len, "nfnetlink: %s", strerror(-err));
		return err;
	}
	nl.quiet = true;
	for (int tries = 0; tries < 4; tries++) {
		np_nft_snap_free(s);
		err = snapshot_once(ctx, &nl, s);
		if (err != -EAGAIN)
			break;
	}
	np_nl_close(&nl);
	/* The counters were read during the dumps: their middle is when. */
	s->t = (t0 + np_now()) / 2;
	if (!err)
		err = np_nft_snap_finish(s);
	if (!err)
		return 0;
	np_nft_snap_free(s);
	if (err == -EPERM || err == -EACCES)
		snprintf(why, len, "reading the nftables ruleset needs CAP_NET_ADMIN");
	else if (err == -EPROTONOSUPPORT || err == -ENOENT)
		snprintf(why, len, "nf_tables is not available in this kernel");
	else if (err == -EAGAIN)
		snprintf(why, len, "the ruleset kept changing while it was read");
	else if (err == -EINTR)
		snprintf(why, len, "interrupted");
	else
		snprintf(why, len, "nftables ruleset: %s", strerror(-err));
	return err;
}

/* ip_tables_names and friends list the legacy (x_tables) tables of this
 * namespace that exist; the files are absent without the modules. */
int np_nft_legacy(char *buf, size_t len)
{
	int tables = 0;
	static const char *const files[][2] = {{"ip", "/proc/net/ip_tables_names"},
					       {"ip6", "/proc/net/ip6_tables_names"},
					       {"arp", "/proc/net/arp_tables_names"}};
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char line[64], names[256] = "";
		size_t n = 0;
		FILE *f = fopen(files[i][1], "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f) && n < sizeof(names)) {
			line[strcspn(line, "\n")] = '\0';
			if (!*line)
				continue;
			n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s", n ? "," : "",
					      line);
			tables++;
		}
		fclose(f);
		if (n && o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s%s: %s", o ? "; " : "",
					      files[i][0], names);
	}
	return tables;
}
