// SPDX-License-Identifier: GPL-2.0-only
/* ethtool DEV [all]: driver statistics (ETHTOOL_GSTRINGS + ETHTOOL_GSTATS
 * through the SIOCETHTOOL ioctl, the only interface to driver-private
 * stats), ring sizes, channel counts and the offloads that change what
 * the stack sees (GRO, GSO, TSO, checksumming). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "ethtool_facts.h"

static int report_read_error(struct np_ctx *ctx, const char *dev, int err)
{
	if (err == -ENODEV)
		np_error(ctx->out, "`link` lists the interfaces of this namespace",
			 "ethtool %s: no such interface", dev);
	else
		np_error(ctx->out, NULL, "ethtool %s: %s", dev, strerror(-err));
	return err;
}

/* ---- facts ---- */

/* ---- the command ---- */

enum { A_DEV, A_ALL };

static const struct np_arg eth_args[] = {
	[A_DEV] = {NULL, NP_A_IFACE, "DEV", "the interface", NULL, NP_ARG_REQUIRED},
	[A_ALL] = {"all", NP_A_FLAG, NULL, "list zero statistics too"},
};

static const struct np_col stat_cols[] = {
	{"name", "STATISTIC", NP_COL_STR},
	{"value", "VALUE", NP_COL_U64},
	{"kind", "KIND", NP_COL_STR},
};

static void print_ring(struct np_ctx *ctx, const struct np_eth_info *e)
{
	if (!e->have_ring) {
		np_print_null(ctx->out, "ring");
		np_text(ctx->out, "rings: not reported by the driver\n");
		return;
	}
	np_open_obj(ctx->out, "ring");
	np_print_u64(ctx->out, "rx", "rings: rx %" PRIu64, e->ring.rx_pending);
	np_print_u64(ctx->out, "rx_max", " (max %" PRIu64 ")", e->ring.rx_max_pending);
	np_print_u64(ctx->out, "tx", ", tx %" PRIu64, e->ring.tx_pending);
	np_print_u64(ctx->out, "tx_max", " (max %" PRIu64 ")\n", e->ring.tx_max_pending);
	np_close_obj(ctx->out);
}

static void print_channels(struct np_ctx *ctx, const struct np_eth_info *e)
{
	if (!e->have_chan) {
		np_print_null(ctx->out, "channels");
		np_text(ctx->out, "channels: not reported by the driver\n");
		return;
	}
	np_open_obj(ctx->out, "channels");
	np_print_u64(ctx->out, "combined", "channels: combined %" PRIu64, e->chan.combined_count);
	np_print_u64(ctx->out, "combined_max", " (max %" PRIu64 ")", e->chan.max_combined);
	np_print_u64(ctx->out, "rx", ", rx %" PRIu64, e->chan.rx_count);
	np_print_u64(ctx->out, "tx", ", tx %" PRIu64, e->chan.tx_count);
	np_print_u64(ctx->out, "other", ", other %" PRIu64 "\n", e->chan.other_count);
	np_close_obj(ctx->out);
}

static void print_features(struct np_ctx *ctx, const struct np_eth_info *e)
{
	np_open_obj(ctx->out, "offloads");
	np_text(ctx->out, "offloads:");
	for (int i = 0; i < 5; i++) {
		char fmt[48];
		if (e->feat[i] < 0) {
			np_print_null(ctx->out, np_eth_features[i].name);
			np_text(ctx->out, " %s ?", np_eth_features[i].name);
			continue;
		}
		snprintf(fmt, sizeof(fmt), " %s %%s", np_eth_features[i].name);
		np_print_bool(ctx->out, np_eth_features[i].name, NULL, e->feat[i]);
		np_text(ctx->out, fmt, e->feat[i] ? "on" : "off");
	}
	np_text(ctx->out, "\n");
	np_close_obj(ctx->out);
}

static int eth_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *dev = a->v[A_DEV].str;
	bool all = a->v[A_ALL].set;
	struct np_eth_info e;
	int err = np_eth_read(dev, &e);
	char name[NP_ETH_NAME_LEN + 1];
	unsigned shown = 0;

	if (err)
		return report_read_error(ctx, dev, err);
	np_eth_publish(ctx, dev, &e);
	np_print_str(ctx->out, "dev", NULL, dev);
	np_print_str(ctx->out, "driver", "driver: %s", e.have_drv ? e.driver : "");
	if (e.have_drv && e.bus[0])
		np_print_str(ctx->out, "bus", " (%s)", e.bus);
	np_text(ctx->out, "%s\n", e.have_drv ? "" : "(not reported)");
	print_ring(ctx, &e);
	print_channels(ctx, &e);
	print_features(ctx, &e);
	np_print_u64(ctx->out, "n_stats", NULL, e.n);

	if (e.n == 0) {
		np_print_str(ctx->out, "stats_note", "%s\n",
			     e.stats_err && e.stats_err != -EOPNOTSUPP
				     ? strerror(-e.stats_err)
				     : "no driver statistics: this driver does not export any "
				       "(ethtool -S has nothing to show); use `link` counters");
		np_eth_free(&e);
		return 0;
	}
	np_text(ctx->out, "\n");
	struct np_table *t = np_table_begin(ctx->out, "stats",
					    all ? "driver statistics:"
						: "driver statistics (non-zero, and every drop "
						  "counter; `all` for the rest):",
					    stat_cols, NP_ARRAY_SIZE(stat_cols));
	for (unsigned i = 0; i < e.n; i++) {
		enum np_eth_kind k;
		np_eth_string(e.names, i, name);
		k = np_eth_classify(name);
		if (!all && !np_out_json(ctx->out) && !e.vals[i] && k == NP_ETH_OTHER)
			continue;
		np_row_begin(t);
		np_cell_str(t, name);
		np_cell_u64(t, e.vals[i]);
		np_cell_str(t, k == NP_ETH_DROP ? "drop" : k == NP_ETH_XDP_DROP ? "xdp-drop" : NULL);
		np_row_end(t);
		shown++;
	}
	np_table_end(t);
	np_print_u64(ctx->out, "drops_sum", "\ndrops (sum of drop counters): %" PRIu64,
		     e.sums.drops);
	np_print_u64(ctx->out, "xdp_drops_sum", ", XDP drops: %" PRIu64 "\n", e.sums.xdp_drops);
	if (e.sums.drops && e.have_ring && e.ring.rx_pending < e.ring.rx_max_pending)
		np_text_color(ctx->out, NP_C_YELLOW,
			      "the driver dropped packets and the RX ring is below its maximum: "
			      "ethtool -G %s rx %u\n",
			      dev, e.ring.rx_max_pending);
	if (e.sums.xdp_drops)
		np_text_color(ctx->out, NP_C_YELLOW,
			      "an XDP program dropped packets: tcpdump on %s cannot see them "
			      "(`taps %s`)\n",
			      dev, dev);
	(void)shown;
	np_eth_free(&e);
	return 0;
}

const struct np_cmd np_cmd_ethtool = {
    .name = "ethtool",
    .summary = "driver statistics, ring sizes, channels, offloads",
    .help = "Reads the driver's own statistics (what `ethtool -S` prints: ETHTOOL_GSTRINGS and "
	    "ETHTOOL_GSTATS through the SIOCETHTOOL ioctl), the RX/TX ring sizes against their "
	    "maximum, channel counts and the offloads that change what the stack and tcpdump "
	    "see (GRO, GSO, TSO, RX/TX checksumming). Text output lists non-zero statistics and "
	    "every drop-like one (drop, discard, miss, no_buf, fifo, overrun, alloc_fail); "
	    "`all` lists every one; JSON always has them all. drops_sum adds the drop "
	    "counters without counting a per-queue copy of an aggregate twice; XDP drops are "
	    "summed apart. A driver without statistics (loopback, many virtual devices) is "
	    "answered plainly.",
    .args = eth_args,
    .nargs = NP_ARRAY_SIZE(eth_args),
    .run = eth_run,
    .facts = NP_FAMILIES("ethtool"),
    .examples = "ethtool eth0\nethtool veth0 all\nget ethtool[eth0].drops_sum",
};
