// SPDX-License-Identifier: GPL-2.0-only
/* Reading neighbours (ARP/NDP): entries streamed from a dump (never a
 * cache) or the one entry of an address on the device a packet to it
 * would leave by, tallied by state and published as neigh[ADDR] facts on
 * the way; the neighbour tables (thresholds, statistics) and their
 * unresolved_discards from /proc/net/stat. */
#include <arpa/inet.h>
#include <linux/rtnetlink.h>
#include <libmnl/libmnl.h>
#include <linux/neighbour.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "neigh_read.h"
#include "rtfmt.h"

struct neigh_ent {
	const struct ndmsg *ndm;
	const void *dst, *lladdr;
	unsigned dstlen, lllen;
	uint32_t probes;
	bool has_probes;
};

static int neigh_attr(const struct nlattr *a, void *data)
{
	struct neigh_ent *e = data;
	switch (mnl_attr_get_type(a)) {
	case NDA_DST:
		e->dst = mnl_attr_get_payload(a);
		e->dstlen = mnl_attr_get_payload_len(a);
		break;
	case NDA_LLADDR:
		e->lladdr = mnl_attr_get_payload(a);
		e->lllen = mnl_attr_get_payload_len(a);
		break;
	case NDA_PROBES:
		if (mnl_attr_get_payload_len(a) >= 4) {
			e->probes = mnl_attr_get_u32(a);
			e->has_probes = true;
		}
		break;
	}
	return MNL_CB_OK;
}

void np_lladdr_text(const unsigned char *p, unsigned len, char *buf, size_t blen)
{
	static const char hex[] = "0123456789abcdef";
	size_t off = 0;
	/* By hand: one snprintf per byte showed up in 10k-entry profiles. */
	for (unsigned i = 0; i < len && off + 4 <= blen; i++) {
		if (i)
			buf[off++] = ':';
		buf[off++] = hex[p[i] >> 4];
		buf[off++] = hex[p[i] & 15];
	}
	buf[off < blen ? off : blen - 1] = '\0';
}

static int neigh_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_neigh_walk *w = data;
	struct neigh_ent e = {0};
	char a[INET6_ADDRSTRLEN], sb[64];
	struct np_neigh_row row;
	int fam;

	if (nlh->nlmsg_type != RTM_NEWNEIGH || nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e.ndm)))
		return MNL_CB_OK;
	e.ndm = mnl_nlmsg_get_payload(nlh);
	fam = e.ndm->ndm_family;
	if (fam != AF_INET && fam != AF_INET6)
		return MNL_CB_OK; /* bridge fdb entries are not neighbours */
	if (mnl_attr_parse(nlh, sizeof(*e.ndm), neigh_attr, &e) < 0 || !e.dst ||
	    e.dstlen != (fam == AF_INET6 ? 16u : 4u))
		return MNL_CB_OK;
	if (w->want_addr && (w->want.family != fam || memcmp(w->want.a, e.dst, e.dstlen)))
		return MNL_CB_OK;
	inet_ntop(fam, e.dst, a, sizeof(a));
	row = (struct np_neigh_row){
	    .dst = a,
	    .family = fam,
	    .dev = np_ifname(&w->ifc, (unsigned)e.ndm->ndm_ifindex),
	    .state = np_neigh_state_name(e.ndm->ndm_state, sb, sizeof(sb)),
	    .nud = e.ndm->ndm_state,
	    .router = e.ndm->ndm_flags & NTF_ROUTER,
	    .lladdr = e.lladdr,
	    .lllen = e.lllen,
	    .has_probes = e.has_probes,
	    .probes = e.probes,
	};
	w->total++;
	if (row.nud & NUD_FAILED)
		w->failed++;
	if (row.nud & NUD_INCOMPLETE)
		w->incomplete++;
	if (!(row.nud & (NUD_PERMANENT | NUD_NOARP)))
		*(fam == AF_INET6 ? &w->gc6 : &w->gc4) += 1;
	for (unsigned i = 0; i < 8; i++)
		if (row.nud & (1u << i))
			w->by_state[i]++;
	/* PERMANENT and NOARP entries are static configuration (and not bounded
	 * by gc_thresh3): publishing 10k of them would cost more than the dump.
	 * A fact fetch still answers neigh[ADDR] for them on demand. */
	if (!w->row || w->want_addr || !(row.nud & (NUD_PERMANENT | NUD_NOARP))) {
		np_fact_setf_str(w->ctx->facts, row.state, "neigh[%s].state", a);
		np_fact_setf_str(w->ctx->facts, row.dev ? row.dev : "", "neigh[%s].dev", a);
	}
	if (w->row)
		w->row(&row, w->arg);
	return MNL_CB_OK;
}

static int ntbl_attr(const struct nlattr *a, void *data)
{
	struct np_ntbl *t = data;
	uint16_t len = mnl_attr_get_payload_len(a);
	switch (mnl_attr_get_type(a)) {
	case NDTA_NAME:
		snprintf(t->name, sizeof(t->name), "%.*s",
			 (int)strnlen(mnl_attr_get_payload(a), len),
			 (const char *)mnl_attr_get_payload(a));
		break;
	case NDTA_THRESH1:
		if (len >= 4)
			t->thresh1 = mnl_attr_get_u32(a);
		break;
	case NDTA_THRESH2:
		if (len >= 4)
			t->thresh2 = mnl_attr_get_u32(a);
		break;
	case NDTA_THRESH3:
		if (len >= 4)
			t->thresh3 = mnl_attr_get_u32(a);
		break;
	case NDTA_CONFIG: {
		struct ndt_config c;
		if (len >= sizeof(c)) {
			memcpy(&c, mnl_attr_get_payload(a), sizeof(c));
			t->entries = c.ndtc_entries;
		}
		break;
	}
	case NDTA_STATS: {
		struct ndt_stats s;
		if (len >= sizeof(s)) {
			memcpy(&s, mnl_attr_get_payload(a), sizeof(s));
			t->res_failed = s.ndts_res_failed;
			t->table_fulls = s.ndts_table_fulls;
			t->forced_gc_runs = s.ndts_forced_gc_runs;
			t->allocs = s.ndts_allocs;
			t->lookups = s.ndts_lookups;
		}
		break;
	}
	}
	return MNL_CB_OK;
}

static int ntbl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct np_ntbl_walk *w = data;
	struct np_ntbl t = {0};
	if (nlh->nlmsg_type != RTM_NEWNEIGHTBL ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(struct ndtmsg)))
		return MNL_CB_OK;
	if (mnl_attr_parse(nlh, sizeof(struct ndtmsg), ntbl_attr, &t) < 0)
		return MNL_CB_OK;
	/* Per-device parameter messages carry no thresholds: skip them. */
	if (!t.thresh3 || !t.name[0] || w->n >= (int)NP_ARRAY_SIZE(w->t))
		return MNL_CB_OK;
	w->t[w->n++] = t;
	return MNL_CB_OK;
}

/* unresolved_discards is only in /proc/net/stat/NAME (hex, one row per
 * CPU, columns named by the header).  The kernel creates that file in the
 * initial namespace only, although the table is host-wide: inside another
 * namespace read it through PID 1's view. */
static void read_unresolved(struct np_ntbl *t)
{
	char path[64], line[1024], *save, *tok;
	int col = -1, i;
	FILE *f;
	snprintf(path, sizeof(path), "/proc/net/stat/%s", t->name);
	f = fopen(path, "re");
	if (!f) {
		snprintf(path, sizeof(path), "/proc/1/net/stat/%s", t->name);
		f = fopen(path, "re");
	}
	if (!f)
		return;
	if (fgets(line, sizeof(line), f))
		for (i = 0, tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save), i++)
			if (!strcmp(tok, "unresolved_discards"))
				col = i;
	while (col >= 0 && fgets(line, sizeof(line), f))
		for (i = 0, tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save), i++)
			if (i == col)
				t->unresolved_discards += strtoull(tok, NULL, 16);
	fclose(f);
}

int np_neigh_tables(struct np_ctx *ctx, struct np_nl *nl, struct np_ntbl_walk *tw)
{
	struct ndtmsg *ndt;
	struct nlmsghdr *nlh =
	    np_nl_req(nl, RTM_GETNEIGHTBL, NLM_F_DUMP, sizeof(*ndt), (void **)&ndt);
	int err = np_nl_dump(ctx, nl, nlh, ntbl_cb, tw, "neighbour tables");
	if (err)
		return err;
	for (int i = 0; i < tw->n; i++) {
		struct np_ntbl *t = &tw->t[i];
		read_unresolved(t);
		np_fact_setf_int(ctx->facts, (int64_t)t->unresolved_discards,
				 "neightbl[%s].unresolved_discards", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->table_fulls, "neightbl[%s].table_fulls",
				 t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->forced_gc_runs,
				 "neightbl[%s].forced_gc_runs", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->res_failed, "neightbl[%s].res_failed",
				 t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->entries, "neightbl[%s].entries", t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->thresh1, "neightbl[%s].gc_thresh1",
				 t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->thresh2, "neightbl[%s].gc_thresh2",
				 t->name);
		np_fact_setf_int(ctx->facts, (int64_t)t->thresh3, "neightbl[%s].gc_thresh3",
				 t->name);
	}
	return 0;
}

int np_neigh_dump(struct np_ctx *ctx, struct np_nl *nl, struct np_neigh_walk *w, int dev)
{
	struct ndmsg *ndm;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETNEIGH, NLM_F_DUMP, sizeof(*ndm), (void **)&ndm);
	if (dev > 0 && nl->strict)
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)dev);
	return np_nl_dump(ctx, nl, nlh, neigh_cb, w, "neighbours");
}

static int oif_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;
	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(struct rtmsg)) if (mnl_attr_get_type(a) == RTA_OIF &&
							    mnl_attr_get_payload_len(a) >= 4) *
	    (uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

int np_neigh_get(struct np_nl *nl, struct np_neigh_walk *w)
{
	size_t alen = w->want.family == AF_INET6 ? 16 : 4;
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct ndmsg *ndm;
	uint32_t oif = 0;
	int err;

	nlh = np_nl_req(nl, RTM_GETROUTE, 0, sizeof(*rtm), (void **)&rtm);
	rtm->rtm_family = (unsigned char)w->want.family;
	rtm->rtm_dst_len = (unsigned char)(alen * 8);
	mnl_attr_put(nlh, RTA_DST, alen, w->want.a);
	if ((err = np_nl_get(nl, nlh, oif_cb, &oif)))
		return err;
	if (!oif)
		return -ENOENT;
	nlh = np_nl_req(nl, RTM_GETNEIGH, 0, sizeof(*ndm), (void **)&ndm);
	ndm->ndm_family = (unsigned char)w->want.family;
	ndm->ndm_ifindex = (int)oif;
	mnl_attr_put(nlh, NDA_DST, alen, w->want.a);
	return np_nl_get(nl, nlh, neigh_cb, w);
}
