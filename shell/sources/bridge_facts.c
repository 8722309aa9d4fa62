// SPDX-License-Identifier: GPL-2.0-only
/* bridge[BR].*, bridge.nf_*: the fact provider.  A fetch reads only what
 * the key needs: the bridge by name (settings) always, the AF_BRIDGE port
 * dump for port facts, the FDB dump for FDB facts, and publishes every
 * sibling those replies carry. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge_facts.h"
#include "bridge_judge.h"
#include "bridge_key.h"
#include "command.h"
#include "xalloc.h"

/* A trunk port's VLANs are published one fact each only up to this many
 * (a playbook's own vlan[VID] is always answered). */
#define VLAN_FACTS_MAX 64

void np_br_publish_nf(struct np_ctx *ctx, const struct np_br_nf *nf)
{
	np_fact_set_int(ctx->facts, "bridge.nf_loaded", nf->loaded);
	np_fact_set_int(ctx->facts, "bridge.nf_call_iptables", nf->call_iptables);
	np_fact_set_int(ctx->facts, "bridge.nf_call_ip6tables", nf->call_ip6tables);
	np_fact_set_int(ctx->facts, "bridge.nf_call_arptables", nf->call_arptables);
}

void np_br_publish_info(struct np_ctx *ctx, const char *br, const struct np_br_info *bi,
			const struct np_br_nf *nf)
{
	struct np_facts *fs = ctx->facts;
	np_fact_setf_int(fs, bi->vlan_filtering, "bridge[%s].vlan_filtering", br);
	np_fact_setf_int(fs, bi->stp_state ? 1 : 0, "bridge[%s].stp", br);
	np_fact_setf_int(fs, bi->ifindex, "bridge[%s].ifindex", br);
	np_fact_setf_int(fs, bi->default_pvid, "bridge[%s].pvid", br);
	np_fact_setf_int(fs, np_br_nf_effective(nf, nf->call_iptables, bi->nf_call_iptables),
			 "bridge[%s].nf_call_iptables", br);
	np_fact_setf_int(fs, np_br_nf_effective(nf, nf->call_ip6tables, bi->nf_call_ip6tables),
			 "bridge[%s].nf_call_ip6tables", br);
	np_fact_setf_int(fs, np_br_nf_effective(nf, nf->call_arptables, bi->nf_call_arptables),
			 "bridge[%s].nf_call_arptables", br);
}

static void publish_port(struct np_ctx *ctx, const char *br, const struct np_br_info *bi,
			 const struct np_br_ports *ps, int i)
{
	struct np_facts *fs = ctx->facts;
	const struct np_br_port *p = &ps->v[i];
	char vlans[256];

	np_fact_setf_str(fs, np_br_state_name(p->state), "bridge[%s].port[%s].state", br, p->name);
	np_fact_setf_int(fs, p->learning, "bridge[%s].port[%s].learning", br, p->name);
	np_fact_setf_int(fs, p->flood, "bridge[%s].port[%s].flood", br, p->name);
	np_fact_setf_int(fs, p->mcast_flood, "bridge[%s].port[%s].mcast_flood", br, p->name);
	np_fact_setf_int(fs, p->bcast_flood, "bridge[%s].port[%s].bcast_flood", br, p->name);
	np_fact_setf_int(fs, p->pvid, "bridge[%s].port[%s].pvid", br, p->name);
	np_fact_setf_int(fs, p->ifindex, "bridge[%s].port[%s].ifindex", br, p->name);
	np_fact_setf_str(fs, np_br_vlans_text(p, vlans, sizeof(vlans)), "bridge[%s].port[%s].vlans",
			 br, p->name);
	np_fact_setf_int(fs, np_br_pvid_peers(ps->v, ps->n, i, bi->vlan_filtering),
			 "bridge[%s].port[%s].pvid_peers", br, p->name);
	if (p->nvlans > VLAN_FACTS_MAX)
		return;
	for (unsigned v = 1; v < NP_VLAN_N; v++)
		if (np_br_vlan_has(p, v))
			np_fact_setf_int(fs, 1, "bridge[%s].port[%s].vlan[%u]", br, p->name, v);
}

void np_br_publish_ports(struct np_ctx *ctx, const char *br, const struct np_br_info *bi,
			 const struct np_br_ports *ps)
{
	char names[512];
	int nf = np_br_not_forwarding(ps->v, ps->n, names, sizeof(names));
	np_fact_setf_int(ctx->facts, ps->n, "bridge[%s].ports", br);
	np_fact_setf_int(ctx->facts, nf, "bridge[%s].not_forwarding", br);
	np_fact_setf_str(ctx->facts, names, "bridge[%s].not_forwarding_ports", br);
	for (int i = 0; i < ps->n; i++)
		publish_port(ctx, br, bi, ps, i);
}

/* The port facts a key asks for that the listing does not publish: a
 * VID outside the published list, the vlan_ok pair.  -ENOENT when a
 * named port is not on the bridge. */
static int publish_port_key(struct np_ctx *ctx, const struct np_br_key *bk,
			    const struct np_br_info *bi, const struct np_br_ports *ps)
{
	int in = np_br_port_find(ps, bk->port), out;
	if (in < 0) {
		np_error(ctx->out, "`bridge` lists each bridge with its ports",
			 "%s is not a port of bridge %s", bk->port, bk->br);
		return -ENOENT;
	}
	if (bk->kind == NP_BRK_PORT_VLAN)
		np_fact_setf_int(ctx->facts, np_br_vlan_has(&ps->v[in], bk->vid),
				 "bridge[%s].port[%s].vlan[%s]", bk->br, bk->port, bk->vid_text);
	if (bk->kind != NP_BRK_PORT_VLAN_OK)
		return 0;
	out = np_br_port_find(ps, bk->out);
	if (out < 0) {
		np_error(ctx->out, "`bridge` lists each bridge with its ports",
			 "%s is not a port of bridge %s", bk->out, bk->br);
		return -ENOENT;
	}
	np_fact_setf_int(ctx->facts, np_br_vlan_ok(&ps->v[in], &ps->v[out], bi->vlan_filtering),
			 "bridge[%s].port[%s].vlan_ok[%s]", bk->br, bk->port, bk->out);
	return 0;
}

/* ---- the forwarding database ---- */

struct fdb_pick {
	struct np_ctx *ctx;
	const struct np_br_key *bk; /* an fdb[MAC] key, or NULL */
	const struct np_br_info *bi;
	const char *br; /* as the key spells it */
	struct np_ifcache ifc;
	long count;
	bool all; /* publish every entry (a whole-bridge read) */
	bool found;
	struct np_br_fdb best;
};

static const char *fdb_port(struct fdb_pick *w, const struct np_br_fdb *e)
{
	if (e->ifindex == w->bi->ifindex)
		return w->br; /* the bridge's own address */
	return np_ifname(&w->ifc, (unsigned)e->ifindex);
}

static void publish_entry(struct fdb_pick *w, const char *mac, const struct np_br_fdb *e)
{
	struct np_facts *fs = w->ctx->facts;
	np_fact_setf_str(fs, e ? fdb_port(w, e) : "", "bridge[%s].fdb[%s].port", w->br, mac);
	np_fact_setf_int(fs, e ? e->vlan : 0, "bridge[%s].fdb[%s].vlan", w->br, mac);
	np_fact_setf_str(fs, e ? np_br_fdb_kind(e) : "", "bridge[%s].fdb[%s].kind", w->br, mac);
}

/* One MAC may be in the FDB once per VLAN: an entry on a port says more
 * about where frames go than the bridge's own (local) entry. */
static bool on_port(const struct fdb_pick *w, const struct np_br_fdb *e)
{
	return e->ifindex != w->bi->ifindex;
}

static int fdb_each(const struct np_br_fdb *e, void *arg)
{
	struct fdb_pick *w = arg;
	w->count++;
	if (w->bk && !memcmp(e->mac, w->bk->mac, 6) &&
	    (!w->found || (on_port(w, e) && !on_port(w, &w->best)))) {
		w->best = *e;
		w->found = true;
	}
	if (w->all) {
		char mac[18], key[NP_FACTKEY_MAX];
		const struct np_fact *f;
		np_mac_format(e->mac, mac, sizeof(mac));
		snprintf(key, sizeof(key), "bridge[%s].fdb[%s].port", w->br, mac);
		f = np_fact_lookup(w->ctx->facts, key);
		if (!f || on_port(w, e) || f->type != NP_FACT_STR || !strcmp(f->s, w->br))
			publish_entry(w, mac, e);
	}
	return 0;
}

static int read_fdb(struct np_ctx *ctx, struct np_nl *nl, const struct np_br_key *bk,
		    const struct np_br_info *bi, bool all)
{
	struct fdb_pick w = {.ctx = ctx, .bi = bi, .br = bk->br, .all = all};
	int err;
	if (bk->kind == NP_BRK_FDB)
		w.bk = bk;
	err = np_br_fdb_walk(ctx, nl, bi->ifindex, fdb_each, &w);
	if (!err) {
		np_fact_setf_int(ctx->facts, w.count, "bridge[%s].fdb_entries", bk->br);
		/* Absent from the FDB is an answer: port "" (frames to it flood). */
		if (w.bk)
			publish_entry(&w, bk->mac_text, w.found ? &w.best : NULL);
	}
	np_ifcache_free(&w.ifc);
	return err;
}

/* ---- fetch ---- */

int np_br_lookup(struct np_ctx *ctx, struct np_nl *nl, const char *br, struct np_br_info *bi)
{
	int err = np_br_read_info(nl, br, bi);
	if (err == -ENODEV) {
		np_error(ctx->out, "`bridge` lists the bridges of this namespace",
			 "bridge %s: no such interface%s%s", br, ctx->netns[0] ? " in netns " : "",
			 ctx->netns);
		return -ENOENT;
	}
	if (err) {
		np_error(ctx->out, NULL, "bridge %s: %s", br, strerror(-err));
		return err;
	}
	if (strcmp(bi->kind, "bridge")) {
		np_error(ctx->out, "`bridge` lists the bridges of this namespace",
			 "%s is not a bridge (kind %s)", br, bi->kind[0] ? bi->kind : "none");
		return -ENOENT;
	}
	return 0;
}

static int read_bridge(struct np_ctx *ctx, struct np_nl *nl, const struct np_br_key *bk,
		       const struct np_br_nf *nf)
{
	struct np_br_info bi;
	struct np_br_ports ps;
	bool whole = bk->kind == NP_BRK_BRIDGE && !bk->field;
	int err = np_br_lookup(ctx, nl, bk->br, &bi);

	if (err)
		return err;
	np_br_publish_info(ctx, bk->br, &bi, nf);
	if (bk->need_ports) {
		err = np_br_read_ports(ctx, nl, bi.ifindex, &ps);
		if (err)
			return err;
		np_br_publish_ports(ctx, bk->br, &bi, &ps);
		if (bk->kind >= NP_BRK_PORT && bk->kind <= NP_BRK_PORT_VLAN_OK)
			err = publish_port_key(ctx, bk, &bi, &ps);
		np_br_ports_free(&ps);
		if (err)
			return err;
	}
	return bk->need_fdb ? read_fdb(ctx, nl, bk, &bi, whole) : 0;
}

struct names {
	char (*v)[IF_NAMESIZE];
	int n;
};

static int collect_name(const struct np_br_info *bi, void *arg)
{
	struct names *nm = arg;
	void *p = np_xreallocarray(nm->v, (size_t)(nm->n + 1), sizeof(*nm->v));
	nm->v = p;
	memcpy(nm->v[nm->n++], bi->name, IF_NAMESIZE);
	return 0;
}

/* `facts bridge`: every bridge of the namespace, everything about each. */
static int read_all(struct np_ctx *ctx, struct np_nl *nl, const struct np_br_nf *nf)
{
	struct names nm = {0};
	int err = np_br_list(ctx, nl, collect_name, &nm);
	for (int i = 0; !err && i < nm.n; i++) {
		struct np_br_key bk = {.kind = NP_BRK_BRIDGE, .br = nm.v[i]};
		bk.need_ports = bk.need_fdb = true;
		err = read_bridge(ctx, nl, &bk, nf);
	}
	free(nm.v);
	return err;
}

static int bridge_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_br_key bk;
	struct np_br_nf nf;
	struct np_nl nl;
	char why[256];
	int err;

	if (np_br_key_parse(key, &bk, why, sizeof(why))) {
		np_error(ctx->out, "bridge[BR].FIELD, bridge[BR].port[PORT].FIELD", "%s", why);
		return -ENOENT;
	}
	np_br_nf_read(&nf);
	np_br_publish_nf(ctx, &nf);
	if (bk.kind == NP_BRK_NF)
		return 0;
	err = np_nl_open(ctx, &nl);
	if (err)
		return err;
	err = bk.kind == NP_BRK_FAMILY ? read_all(ctx, &nl, &nf) : read_bridge(ctx, &nl, &bk, &nf);
	np_nl_close(&nl);
	return err;
}

/* The one spelling: a MAC in lower case with colons, a VID in decimal
 * (bridge[br0].fdb[02:42:AC:11:00:02] is bridge[br0].fdb[02:42:ac:11:00:02]). */
static int bridge_canon(struct np_factkey *key, char *why, size_t len)
{
	struct np_br_key bk;
	int err = np_br_key_parse(key, &bk, why, len);
	if (err)
		return err;
	if (bk.kind == NP_BRK_FDB && bk.mac_text[0] != '$')
		snprintf(key->seg[1].arg, sizeof(key->seg[1].arg), "%02x:%02x:%02x:%02x:%02x:%02x",
			 bk.mac[0], bk.mac[1], bk.mac[2], bk.mac[3], bk.mac[4], bk.mac[5]);
	if (bk.kind == NP_BRK_PORT_VLAN && bk.vid_text[0] != '$')
		snprintf(key->seg[2].arg, sizeof(key->seg[2].arg), "%u", bk.vid);
	return 0;
}

/* ---- completion ---- */

struct complete_walk {
	const char *prefix;
	np_complete_fn add;
	void *cookie;
};

static int complete_bridge(const struct np_br_info *bi, void *arg)
{
	struct complete_walk *w = arg;
	char buf[NP_FACTKEY_MAX];
	snprintf(buf, sizeof(buf), "bridge[%s].", bi->name);
	if (!strncmp(buf, w->prefix, strlen(w->prefix)))
		w->add(w->cookie, buf);
	return 0;
}

static void add_fields(const char *base, size_t blen, const char *const *list, const char *prefix,
		       np_complete_fn add, void *cookie)
{
	char buf[NP_FACTKEY_MAX];
	for (int i = 0; list[i]; i++) {
		snprintf(buf, sizeof(buf), "%.*s%s", (int)blen, base, list[i]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

/* bridge[BR].port[<TAB>: the ports of BR, ready for a field. */
static void complete_ports(struct np_ctx *ctx, const char *prefix, const char *close,
			   np_complete_fn add, void *cookie)
{
	char br[IF_NAMESIZE], buf[NP_FACTKEY_MAX];
	struct np_br_info bi;
	struct np_br_ports ps;
	struct np_nl nl;

	snprintf(br, sizeof(br), "%.*s", (int)(close - prefix - 7), prefix + 7);
	np_out_quiet_begin(ctx->out);
	if (!np_nl_open(ctx, &nl)) {
		if (!np_br_read_info(&nl, br, &bi) &&
		    !np_br_read_ports(ctx, &nl, bi.ifindex, &ps)) {
			for (int i = 0; i < ps.n; i++) {
				snprintf(buf, sizeof(buf), "%.*sport[%s].",
					 (int)(close + 2 - prefix), prefix, ps.v[i].name);
				if (!strncmp(buf, prefix, strlen(prefix)))
					add(cookie, buf);
			}
			np_br_ports_free(&ps);
		}
		np_nl_close(&nl);
	}
	np_out_quiet_end(ctx->out, NULL, 0);
}

static void bridge_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add,
			    void *cookie)
{
	static const char *const objects[] = {"port[", "fdb[", NULL};
	static const char *const port_more[] = {"vlan[", "vlan_ok[", NULL};
	const char *close = strstr(prefix, "]."), *last = close, *rest;
	struct complete_walk w = {prefix, add, cookie};
	struct np_nl nl;

	if (!strncmp(prefix, "bridge.", 7) || !strcmp(prefix, "bridge")) {
		add_fields("bridge.", 7, np_br_nf_fields, prefix, add, cookie);
		return;
	}
	if (strncmp(prefix, "bridge[", 7))
		return;
	if (!close) {
		np_out_quiet_begin(ctx->out);
		if (!np_nl_open(ctx, &nl)) {
			np_br_list(ctx, &nl, complete_bridge, &w);
			np_nl_close(&nl);
		}
		np_out_quiet_end(ctx->out, NULL, 0);
		return;
	}
	rest = close + 2;
	for (const char *p = rest; (p = strstr(p, "].")); p += 2)
		last = p;
	if (last == close) {
		if (!strncmp(rest, "port[", 5)) {
			complete_ports(ctx, prefix, close, add, cookie);
			return;
		}
		add_fields(prefix, (size_t)(rest - prefix), np_br_fields, prefix, add, cookie);
		add_fields(prefix, (size_t)(rest - prefix), objects, prefix, add, cookie);
		return;
	}
	if (!strncmp(rest, "port[", 5)) {
		add_fields(prefix, (size_t)(last + 2 - prefix), np_br_port_fields, prefix, add,
			   cookie);
		add_fields(prefix, (size_t)(last + 2 - prefix), port_more, prefix, add, cookie);
	} else if (!strncmp(rest, "fdb[", 4)) {
		add_fields(prefix, (size_t)(last + 2 - prefix), np_br_fdb_fields, prefix, add,
			   cookie);
	}
}

const struct np_fact_family np_family_bridge = {
    .ns = "bridge",
    .pattern = "bridge[BR].FIELD (.port[P].F, .fdb[MAC].F), bridge.nf_*",
    .describe = "Linux bridges: STP and VLAN filtering, port state/learning/flood/PVID/VLANs, "
		"FDB lookups, br_netfilter switches",
    .canon = bridge_canon,
    .fetch = bridge_fetch,
    .complete = bridge_complete,
};
