// SPDX-License-Identifier: GPL-2.0-only
/* bridge [BR] [fdb [MAC]]: Linux bridges as evidence for the host side of
 * a container's path.  Without BR every bridge of the namespace with its
 * settings (STP, VLAN filtering, br_netfilter) and its ports (state, link,
 * learning, flooding, PVID, VLANs); with `fdb` the forwarding database,
 * streamed entry by entry (one dump the kernel filters to the bridge).
 * Readers: shell/sources/bridge_*.c; facts: bridge_facts.c. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge_facts.h"
#include "bridge_judge.h"
#include "command.h"
#include "xalloc.h"

enum { A_BR, A_WHAT, A_MAC };

static const char *const what_choices[] = {"fdb", NULL};

static const struct np_arg bridge_args[] = {
    [A_BR] = {NULL, NP_A_IFACE, "BR", "one bridge (default: every bridge of the namespace)"},
    [A_WHAT] = {NULL, NP_A_ENUM, "fdb", "the forwarding database of BR, streamed", what_choices},
    [A_MAC] = {NULL, NP_A_WORD, "MAC", "with fdb: only this MAC address (where is it?)"},
};

static const char *on_off(int v)
{
	return v < 0 ? "-" : v ? "on" : "off";
}

/* The port table: text keeps 80 columns (a trunk's VLAN list is cut with
 * "..."), JSON has numbers and the whole list. */
static void show_ports(struct np_ctx *ctx, const struct np_br_ports *ps)
{
	static const struct np_col cols[] = {
	    {"name", "PORT", NP_COL_STR},
	    {"state", "STATE", NP_COL_STR},
	    {"link_up", "LINK", NP_COL_STR, NP_COL_TEXT_ONLY},
	    {"link_up", "", NP_COL_I64, NP_COL_JSON_ONLY},
	    {"learning", "LEARNING", NP_COL_STR, NP_COL_TEXT_ONLY},
	    {"learning", "", NP_COL_I64, NP_COL_JSON_ONLY},
	    {"flood", "FLOOD", NP_COL_STR, NP_COL_TEXT_ONLY},
	    {"flood", "", NP_COL_I64, NP_COL_JSON_ONLY},
	    {"pvid", "PVID", NP_COL_U64},
	    {"vlans", "VLANS", NP_COL_STR, NP_COL_TEXT_ONLY},
	    {"vlans", "", NP_COL_STR, NP_COL_JSON_ONLY},
	};
	struct np_table *t = np_table_begin(ctx->out, "ports", NULL, cols, NP_ARRAY_SIZE(cols));
	char vlans[24], all[1024];
	for (int i = 0; i < ps->n; i++) {
		const struct np_br_port *p = &ps->v[i];
		np_row_begin(t);
		np_cell_str(t, p->name);
		np_cell_str(t, np_br_state_name(p->state));
		np_cell_str(t, np_br_port_link_up(p) ? "up" : "down");
		np_cell_i64(t, np_br_port_link_up(p));
		np_cell_str(t, on_off(p->learning));
		np_cell_i64(t, p->learning);
		np_cell_str(t, on_off(p->flood));
		np_cell_i64(t, p->flood);
		if (p->pvid)
			np_cell_u64(t, p->pvid);
		else
			np_cell_null(t);
		np_br_vlans_text(p, vlans, sizeof(vlans));
		np_cell_str(t, vlans[0] ? vlans : NULL);
		np_cell_str(t, np_br_vlans_text(p, all, sizeof(all)));
		np_row_end(t);
	}
	np_table_end(t);
}

/* "iptables on": the effective br_netfilter switch of one bridge. */
static void print_nf(struct np_out *o, const char *table, int v)
{
	char key[32];
	snprintf(key, sizeof(key), "nf_call_%s", table);
	np_print_i64(o, key, NULL, v);
	np_text(o, "  %s %s", table, on_off(v));
}

static int count_fdb(const struct np_br_fdb *e, void *arg)
{
	(void)e;
	(*(long *)arg)++;
	return 0;
}

/* One bridge: settings, br_netfilter, FDB size, the port table, and which
 * ports hold traffic back.  Publishes what it read. */
static int show_bridge(struct np_ctx *ctx, struct np_nl *nl, const struct np_br_info *bi,
		       const struct np_br_nf *nf)
{
	struct np_br_ports ps;
	struct np_out *o = ctx->out;
	char held[512];
	long fdb = 0;
	int n, err = np_br_read_ports(ctx, nl, bi->ifindex, &ps);

	if (err)
		return err;
	err = np_br_fdb_walk(ctx, nl, bi->ifindex, count_fdb, &fdb);
	np_br_publish_info(ctx, bi->name, bi, nf);
	np_br_publish_ports(ctx, bi->name, bi, &ps);
	if (!err)
		np_fact_setf_int(ctx->facts, fdb, "bridge[%s].fdb_entries", bi->name);
	np_open_obj(o, NULL);
	np_print_str(o, "name", "%s:", bi->name);
	np_print_i64(o, "ifindex", " ifindex %" PRId64, bi->ifindex);
	np_print_i64(o, "stp_state", NULL, bi->stp_state);
	np_text(o, "  stp %s",
		bi->stp_state == 2 ? "on (user space)"
		: bi->stp_state	   ? "on (kernel)"
				   : "off");
	np_print_i64(o, "vlan_filtering", NULL, bi->vlan_filtering);
	np_text(o, "  vlan_filtering %s", on_off(bi->vlan_filtering));
	np_print_u64(o, "default_pvid", bi->default_pvid ? " (default pvid %" PRIu64 ")" : NULL,
		     bi->default_pvid);
	if (!err)
		np_print_i64(o, "fdb_entries", "  fdb %" PRId64 " entries", fdb);
	np_text(o, "\n");
	np_text(o, "  br_netfilter");
	print_nf(o, "iptables", np_br_nf_effective(nf, nf->call_iptables, bi->nf_call_iptables));
	print_nf(o, "ip6tables", np_br_nf_effective(nf, nf->call_ip6tables, bi->nf_call_ip6tables));
	print_nf(o, "arptables", np_br_nf_effective(nf, nf->call_arptables, bi->nf_call_arptables));
	np_text(o, "\n");
	show_ports(ctx, &ps);
	n = np_br_not_forwarding(ps.v, ps.n, held, sizeof(held));
	np_print_i64(o, "not_forwarding", n ? "  %" PRId64 : NULL, n);
	np_print_str(o, "not_forwarding_ports",
		     n ? " port(s) with the link up do not forward: %s\n" : NULL, held);
	np_close_obj(o);
	/* Held by hand (no STP to blame): traffic to those ports is lost. */
	if (n && !bi->stp_state)
		ctx->health = NP_CRIT;
	np_br_ports_free(&ps);
	return 0;
}

struct list {
	struct np_br_info *v;
	int n;
};

static int list_add(const struct np_br_info *bi, void *arg)
{
	struct list *l = arg;
	void *p = np_xreallocarray(l->v, (size_t)(l->n + 1), sizeof(*l->v));
	l->v = p;
	l->v[l->n++] = *bi;
	return 0;
}

static int show_bridges(struct np_ctx *ctx, struct np_nl *nl, const char *br)
{
	struct np_br_nf nf;
	struct list l = {0};
	int err = 0;

	np_br_nf_read(&nf);
	np_br_publish_nf(ctx, &nf);
	if (br) {
		struct np_br_info bi;
		err = np_br_lookup(ctx, nl, br, &bi);
		if (!err)
			err = list_add(&bi, &l);
	} else {
		err = np_br_list(ctx, nl, list_add, &l);
	}
	np_open_obj(ctx->out, "br_netfilter");
	np_print_bool(ctx->out, "loaded", NULL, nf.loaded);
	np_print_i64(ctx->out, "nf_call_iptables", NULL, nf.call_iptables);
	np_print_i64(ctx->out, "nf_call_ip6tables", NULL, nf.call_ip6tables);
	np_print_i64(ctx->out, "nf_call_arptables", NULL, nf.call_arptables);
	np_close_obj(ctx->out);
	np_open_arr(ctx->out, "bridges");
	for (int i = 0; !err && i < l.n; i++) {
		if (i)
			np_text(ctx->out, "\n");
		err = show_bridge(ctx, nl, &l.v[i], &nf);
	}
	np_close_arr(ctx->out);
	if (!err && !l.n)
		np_text(ctx->out, "no bridges in this namespace\n");
	if (!err && !nf.loaded)
		np_text(ctx->out, "br_netfilter is not loaded here: bridged traffic bypasses "
				  "iptables\n");
	free(l.v);
	return err;
}

/* ---- the FDB, streamed ---- */

struct fdb_show {
	struct np_ctx *ctx;
	const struct np_br_info *bi;
	struct np_ifcache ifc;
	const uint8_t *mac; /* filter, or NULL */
	long n, local, stat, dyn;
};

static int fdb_row(const struct np_br_fdb *e, void *arg)
{
	struct fdb_show *w = arg;
	struct np_out *o = w->ctx->out;
	const char *kind = np_br_fdb_kind(e);
	char mac[18];

	if (w->mac && memcmp(w->mac, e->mac, 6))
		return 0;
	w->n++;
	*(kind[0] == 'l' ? &w->local : kind[0] == 's' ? &w->stat : &w->dyn) += 1;
	np_open_obj(o, NULL);
	np_print_str(o, "mac", "%-17s", np_mac_format(e->mac, mac, sizeof(mac)));
	if (e->vlan) {
		np_print_u64(o, "vlan", " %4" PRIu64, e->vlan);
	} else {
		np_print_null(o, "vlan");
		np_text(o, " %4s", "-");
	}
	np_print_str(o, "port", "  %-15s",
		     e->ifindex == w->bi->ifindex ? w->bi->name
						  : np_ifname(&w->ifc, (unsigned)e->ifindex));
	np_print_str(o, "kind", " %-8s", kind);
	if (e->updated_s >= 0)
		np_print_i64(o, "updated_s", " %7" PRId64 "s", e->updated_s);
	np_close_obj(o);
	np_text(o, "\n");
	return 0;
}

static int show_fdb(struct np_ctx *ctx, struct np_nl *nl, const char *br, const char *mac_text)
{
	struct np_br_info bi;
	uint8_t mac[6];
	struct fdb_show w = {.ctx = ctx, .bi = &bi};
	int err;

	if (mac_text && np_mac_parse(mac_text, mac)) {
		np_error(ctx->out, "e.g. bridge br0 fdb 02:42:ac:11:00:02",
			 "'%.32s' is not a MAC address", mac_text);
		return -NP_EUSAGE;
	}
	err = np_br_lookup(ctx, nl, br, &bi);
	if (err)
		return err;
	w.mac = mac_text ? mac : NULL;
	np_print_str(ctx->out, "bridge", NULL, br);
	np_text(ctx->out, "%-17s %4s  %-15s %-8s %8s\n", "MAC", "VLAN", "PORT", "KIND", "UPDATED");
	np_open_arr(ctx->out, "fdb");
	err = np_br_fdb_walk(ctx, nl, bi.ifindex, fdb_row, &w);
	np_close_arr(ctx->out);
	np_ifcache_free(&w.ifc);
	if (err)
		return err;
	np_print_i64(ctx->out, "entries", "%" PRId64 " entries", w.n);
	np_text(ctx->out, " (%ld local, %ld static, %ld dynamic)\n", w.local, w.stat, w.dyn);
	if (mac_text && !w.n)
		np_text(ctx->out,
			"%s is not in the FDB of %s: frames to it are flooded to every "
			"port that floods unknown unicast\n",
			mac_text, br);
	if (!mac_text)
		np_fact_setf_int(ctx->facts, w.n, "bridge[%s].fdb_entries", br);
	return 0;
}

static int bridge_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *br = a->v[A_BR].set ? a->v[A_BR].str : NULL;
	struct np_nl nl;
	int err;

	if (a->v[A_MAC].set && !a->v[A_WHAT].set) {
		np_error(ctx->out, "bridge BR fdb MAC", "a MAC goes after fdb");
		return -NP_EUSAGE;
	}
	err = np_nl_open(ctx, &nl);
	if (err)
		return err;
	if (a->v[A_WHAT].set)
		err = show_fdb(ctx, &nl, br, a->v[A_MAC].set ? a->v[A_MAC].str : NULL);
	else
		err = show_bridges(ctx, &nl, br);
	np_nl_close(&nl);
	return err;
}

const struct np_cmd np_cmd_bridge = {
    .name = "bridge",
    .summary = "Linux bridges: port state, VLANs, FDB, br_netfilter (bridge link/fdb/vlan)",
    .help = "Without BR: every bridge of the namespace with its settings (STP, VLAN filtering "
	    "and default PVID, the FDB size, whether br_netfilter sends its bridged IPv4/IPv6/ARP "
	    "traffic through iptables, ip6tables, arptables) and its ports: STP state "
	    "(disabled, listening, learning, forwarding, blocking), link, learning, unknown-"
	    "unicast flooding, PVID and member VLANs. A port whose link is up but which does "
	    "not forward is named; with STP off (someone set the state) the exit status is "
	    "CRITICAL: frames to that port are lost. With BR fdb: the forwarding database of "
	    "BR, streamed (MAC, VLAN, port, local/static/dynamic, seconds since last update); "
	    "with a MAC, where that address is (not in the FDB: flooded). Facts: "
	    "bridge[BR].FIELD, bridge[BR].port[PORT].FIELD, bridge[BR].fdb[MAC].FIELD, "
	    "bridge.nf_call_iptables.",
    .args = bridge_args,
    .nargs = NP_ARRAY_SIZE(bridge_args),
    .run = bridge_run,
    .facts = NP_FAMILIES("bridge"),
    .examples = "bridge\nbridge br0\nbridge br0 fdb\nbridge br0 fdb 02:42:ac:11:00:02\n"
		"get bridge[br0].port[veth0].state",
};
