// SPDX-License-Identifier: GPL-2.0-only
/* Text and JSON rendering of links (detail, table, rates). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "link_show.h"

#define IFF_UP_ 0x1

bool np_link_is_down(const struct np_link_info *li)
{
	/* IF_OPER_NOTPRESENT 1, DOWN 2, LOWERLAYERDOWN 3 */
	return !(li->flags & IFF_UP_) || (li->operstate >= 1 && li->operstate <= 3);
}

/* One ip -s style block: a header line of labels, then the values under
 * them.  JSON gets each value by its kernel name. */
static void stat_block(struct np_out *o, const struct np_link_info *li, const char *title,
		       const char *const *names)
{
	np_text(o, "    %-4s", title);
	for (int i = 0; names[i]; i++)
		np_text(o, " %-12s", np_link_stats[np_link_stat_index(names[i])].label);
	np_text(o, "\n        ");
	for (int i = 0; names[i]; i++) {
		int k = np_link_stat_index(names[i]);
		np_print_u64(o, names[i], " %-12" PRIu64, np_link_stat_value(&li->st, (size_t)k));
	}
	np_text(o, "\n");
}

/* "    peer eth0 in netns np-a (nsid 0)": where the other end of a veth
 * lives, in the form -n accepts; a vlan/tunnel's lower device likewise. */
static void show_peer(struct np_out *o, const struct np_link_info *li,
		      const struct np_link_peer *peer)
{
	const char *name = peer && peer->name[0] ? peer->name : "";
	const char *ns = peer ? peer->netns : "";
	np_print_i64(o, "peer_ifindex", NULL, li->link);
	np_print_i64(o, "peer_netnsid", NULL, li->link_netnsid);
	np_print_str(o, "peer", NULL, name);
	np_print_str(o, "peer_netns", NULL, ns);
	if (!li->link)
		return;
	np_text(o, "    %s ", strcmp(li->kind, "veth") ? "link" : "peer");
	if (*name)
		np_text(o, "%s", name);
	else
		np_text(o, "ifindex %d", li->link);
	if (li->link_netnsid >= 0)
		np_text(o, " in netns %s (nsid %d)\n", *ns ? ns : "?", li->link_netnsid);
	else
		np_text(o, " (this namespace)\n");
}

void np_link_show_detail(struct np_out *o, const struct np_link_info *li, const char *master,
			 const struct np_link_peer *peer, int rps_queues)
{
	static const char *const rx1[] = {"rx_bytes",	"rx_packets",	    "rx_errors",
					  "rx_dropped", "rx_missed_errors", "multicast",
					  NULL};
	static const char *const rx2[] = {"rx_length_errors",	  "rx_over_errors", "rx_crc_errors",
					  "rx_frame_errors",	  "rx_fifo_errors", "rx_nohandler",
					  "rx_otherhost_dropped", "rx_compressed",  NULL};
	static const char *const tx1[] = {"tx_bytes",	"tx_packets",	     "tx_errors",
					  "tx_dropped", "tx_carrier_errors", "collisions",
					  NULL};
	static const char *const tx2[] = {"tx_aborted_errors",	 "tx_fifo_errors",
					  "tx_heartbeat_errors", "tx_window_errors",
					  "tx_compressed",	 NULL};
	bool up = li->flags & IFF_UP_;

	np_print_str(o, "name", "%s:", li->name);
	np_print_i64(o, "ifindex", " ifindex %" PRId64, li->ifindex);
	/* JSON: "" for physical / no master; text: "-". */
	np_print_str(o, "kind", NULL, li->kind);
	np_print_str(o, "master", NULL, master);
	np_text(o, " kind %s master %s\n", li->kind[0] ? li->kind : "-", master[0] ? master : "-");
	np_text(o, "    state ");
	if (np_link_is_down(li))
		np_text_color(o, NP_C_RED, "%s", np_link_operstate_name(li->operstate));
	else
		np_text(o, "%s", np_link_operstate_name(li->operstate));
	np_print_str(o, "operstate", NULL, np_link_operstate_name(li->operstate));
	np_print_bool(o, "admin_up", NULL, up);
	np_text(o, "  admin %s", up ? "up" : "down");
	np_print_i64(o, "carrier", "  carrier %" PRId64, li->carrier);
	np_print_u64(o, "mtu", "  mtu %" PRIu64, li->mtu);
	np_print_str(o, "xdp", "  xdp %s", np_link_xdp_name(li->xdp_mode));
	np_print_u64(o, "xdp_prog_id", li->xdp_prog_id ? " (prog id %" PRIu64 ")" : NULL,
		     li->xdp_prog_id);
	np_text(o, "\n");
	show_peer(o, li, peer);
	np_print_u64(o, "rx_queues", "    queues rx %" PRIu64, li->rx_queues);
	np_print_u64(o, "tx_queues", " tx %" PRIu64, li->tx_queues);
	if (rps_queues >= 0)
		np_print_i64(o, "rps_queues", ", RPS on %" PRId64 " rx queue(s)", rps_queues);
	np_text(o, "\n");
	np_open_obj(o, "stats64");
	stat_block(o, li, "RX:", rx1);
	stat_block(o, li, "", rx2);
	stat_block(o, li, "TX:", tx1);
	stat_block(o, li, "", tx2);
	np_close_obj(o);
}

static const struct np_col table_cols[] = {
    {"name", "NAME", NP_COL_STR},	   {"operstate", "STATE", NP_COL_STR},
    {"carrier", "CARRIER", NP_COL_I64},	   {"mtu", "MTU", NP_COL_U64},
    {"rx_packets", "RX PKTS", NP_COL_U64}, {"tx_packets", "TX PKTS", NP_COL_U64},
    {"rx_dropped", "RX DROP", NP_COL_U64}, {"tx_dropped", "TX DROP", NP_COL_U64},
    {"errors", "ERRORS", NP_COL_U64},	   {"xdp", "XDP", NP_COL_STR},
};

void np_link_show_table(struct np_out *o, const struct np_link_info *v, int n)
{
	struct np_table *t =
	    np_table_begin(o, "links", NULL, table_cols, (int)NP_ARRAY_SIZE(table_cols));
	for (int i = 0; i < n; i++) {
		const struct rtnl_link_stats64 *s = &v[i].st;
		char state[32];
		/* Admin down says more than the operstate it implies. */
		snprintf(state, sizeof(state), "%s",
			 (v[i].flags & IFF_UP_) ? np_link_operstate_name(v[i].operstate)
						: "admin-down");
		np_row_begin(t);
		np_cell_str(t, v[i].name);
		np_cell_str(t, np_out_json(o) ? np_link_operstate_name(v[i].operstate) : state);
		np_cell_i64(t, v[i].carrier);
		np_cell_u64(t, v[i].mtu);
		np_cell_u64(t, s->rx_packets);
		np_cell_u64(t, s->tx_packets);
		/* ip(8) counts a ring overflow (missed) as a drop. */
		np_cell_u64(t, s->rx_dropped + s->rx_missed_errors);
		np_cell_u64(t, s->tx_dropped);
		np_cell_u64(t, s->rx_errors + s->tx_errors);
		np_cell_str(t, np_link_xdp_name(v[i].xdp_mode));
		np_row_end(t);
	}
	np_table_end(t);
}

static const struct np_col rate_cols[] = {
    {"name", "NAME", NP_COL_STR},
    {"rx_pps", "RX PKT/s", NP_COL_DBL, 0, 1},
    {"tx_pps", "TX PKT/s", NP_COL_DBL, 0, 1},
    {"rx_bytes_ps", "RX B/s", NP_COL_DBL, 0, 0},
    {"tx_bytes_ps", "TX B/s", NP_COL_DBL, 0, 0},
    {"rx_drop_ps", "RX DROP/s", NP_COL_DBL, 0, 1},
    {"tx_drop_ps", "TX DROP/s", NP_COL_DBL, 0, 1},
    {"rx_err_ps", "RX ERR/s", NP_COL_DBL, 0, 1},
    {"tx_err_ps", "TX ERR/s", NP_COL_DBL, 0, 1},
    /* Text: "rx_dropped+4 ..."; JSON: an object {"rx_dropped":4} (below). */
    {"moved", "MOVED", NP_COL_STR, NP_COL_TEXT_ONLY},
};

/* JSON "moved": every error/drop counter that rose, with its delta. */
static void moved_json(struct np_out *o, const struct rtnl_link_stats64 *a,
		       const struct rtnl_link_stats64 *b)
{
	np_open_obj(o, "moved");
	for (size_t i = 0; i < np_link_nstats; i++) {
		uint64_t x = np_link_stat_value(a, i), y = np_link_stat_value(b, i);
		if (np_link_stats[i].loss && y > x)
			np_print_u64(o, np_link_stats[i].name, NULL, y - x);
	}
	np_close_obj(o);
}

int np_link_show_rates(struct np_out *o, const struct np_link_info *a, int na,
		       const struct np_link_info *b, int nb, double dt)
{
	struct np_table *t;
	int moved_links = 0;

	np_print_dbl(o, "interval_s", "rates over %.2fs (MOVED: error/drop counters that rose)\n",
		     dt);
	t = np_table_begin(o, "links", NULL, rate_cols, (int)NP_ARRAY_SIZE(rate_cols));
	for (int i = 0; i < nb; i++) {
		const struct np_link_info *prev = NULL;
		struct np_link_rates r;
		char moved[512];
		for (int j = 0; j < na && !prev; j++)
			if (a[j].ifindex == b[i].ifindex)
				prev = &a[j];
		if (!prev)
			continue; /* appeared while we watched: no baseline */
		np_link_rates(&prev->st, &b[i].st, dt, &r);
		if (np_link_moved(&prev->st, &b[i].st, moved, sizeof(moved)))
			moved_links++;
		np_row_begin(t);
		np_cell_str(t, b[i].name);
		np_cell_dbl(t, r.rx_pps);
		np_cell_dbl(t, r.tx_pps);
		np_cell_dbl(t, r.rx_bytes_ps);
		np_cell_dbl(t, r.tx_bytes_ps);
		np_cell_dbl(t, r.rx_drop_ps);
		np_cell_dbl(t, r.tx_drop_ps);
		np_cell_dbl(t, r.rx_err_ps);
		np_cell_dbl(t, r.tx_err_ps);
		np_cell_str(t, moved[0] ? moved : "-");
		if (np_out_json(o))
			moved_json(o, &prev->st, &b[i].st);
		np_row_end(t);
	}
	np_table_end(t);
	return moved_links;
}
