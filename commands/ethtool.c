// SPDX-License-Identifier: GPL-2.0-only
/* ethtool DEV [all]: driver statistics (ETHTOOL_GSTRINGS + ETHTOOL_GSTATS
 * through the SIOCETHTOOL ioctl, the only interface to driver-private
 * stats), ring sizes, channel counts and the offloads that change what
 * the stack sees (GRO, GSO, TSO, checksumming). */
#include <inttypes.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "command.h"
#include "family.h"
#include "ethtool_stats.h"

/* One SIOCETHTOOL call.  0 or -errno. */
static int eth_ioctl(int fd, const char *dev, void *cmd)
{
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	ifr.ifr_data = cmd;
	return ioctl(fd, SIOCETHTOOL, &ifr) < 0 ? -errno : 0;
}

/* Everything `ethtool DEV` shows, read once. */
struct eth_info {
	char driver[32], version[32], bus[32];
	int have_drv;
	unsigned n;	  /* statistics */
	uint8_t *names;	  /* n * 32 bytes */
	uint64_t *vals;	  /* n values */
	int stats_err;	  /* why there are none (0: the driver has none) */
	int have_ring;
	struct ethtool_ringparam ring;
	int have_chan;
	struct ethtool_channels chan;
	int feat[5]; /* -1 unknown, 0 off, 1 on */
	struct np_eth_sums sums;
};

static const struct {
	const char *name;
	uint32_t cmd;
} features[5] = {
	{"gro", ETHTOOL_GGRO},		  {"gso", ETHTOOL_GGSO},
	{"tso", ETHTOOL_GTSO},		  {"rx_checksum", ETHTOOL_GRXCSUM},
	{"tx_checksum", ETHTOOL_GTXCSUM},
};

static void eth_free(struct eth_info *e)
{
	free(e->names);
	free(e->vals);
	e->names = NULL;
	e->vals = NULL;
}

static int read_stats(int fd, const char *dev, struct eth_info *e)
{
	/* ethtool_sset_info ends in a flexible array: room for one count.
	 * (A struct wrapping it is a GNU extension clang warns about.) */
	uint64_t sset_buf[(sizeof(struct ethtool_sset_info) + sizeof(uint32_t) + 7) / 8] = {0};
	struct ethtool_sset_info *sset = (struct ethtool_sset_info *)sset_buf;
	struct ethtool_gstrings *gs;
	struct ethtool_stats *st;
	unsigned n;
	int err;

	sset->cmd = ETHTOOL_GSSET_INFO;
	sset->sset_mask = 1ULL << ETH_SS_STATS;
	err = eth_ioctl(fd, dev, sset);
	if (err)
		return err;
	n = (sset->sset_mask & (1ULL << ETH_SS_STATS)) ? sset->data[0] : 0;
	if (n == 0 || n > 100000)
		return 0;
	gs = calloc(1, sizeof(*gs) + (size_t)n * ETH_GSTRING_LEN);
	st = calloc(1, sizeof(*st) + (size_t)n * sizeof(uint64_t));
	if (!gs || !st) {
		free(gs);
		free(st);
		return -ENOMEM;
	}
	gs->cmd = ETHTOOL_GSTRINGS;
	gs->string_set = ETH_SS_STATS;
	gs->len = n;
	st->cmd = ETHTOOL_GSTATS;
	st->n_stats = n;
	err = eth_ioctl(fd, dev, gs);
	if (!err)
		err = eth_ioctl(fd, dev, st);
	/* The count can shrink between calls (queues reconfigured). */
	if (!err && (gs->len < n || st->n_stats < n))
		n = gs->len < st->n_stats ? gs->len : st->n_stats;
	if (!err) {
		e->names = malloc((size_t)n * ETH_GSTRING_LEN + 1);
		e->vals = malloc((size_t)n * sizeof(uint64_t) + 1);
		if (!e->names || !e->vals)
			err = -ENOMEM;
		else {
			memcpy(e->names, gs->data, (size_t)n * ETH_GSTRING_LEN);
			memcpy(e->vals, st->data, (size_t)n * sizeof(uint64_t));
			e->n = n;
			np_eth_sum(e->names, e->vals, n, &e->sums);
		}
	}
	free(gs);
	free(st);
	return err;
}

/* 0, or -ENODEV (no such interface) / -errno of the socket. */
static int eth_read(const char *dev, struct eth_info *e)
{
	struct ethtool_drvinfo drv = {.cmd = ETHTOOL_GDRVINFO};
	int fd;

	memset(e, 0, sizeof(*e));
	if (!if_nametoindex(dev))
		return -ENODEV;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (!eth_ioctl(fd, dev, &drv)) {
		e->have_drv = 1;
		snprintf(e->driver, sizeof(e->driver), "%s", drv.driver);
		snprintf(e->version, sizeof(e->version), "%s", drv.version);
		snprintf(e->bus, sizeof(e->bus), "%s", drv.bus_info);
	}
	e->stats_err = read_stats(fd, dev, e);
	e->ring.cmd = ETHTOOL_GRINGPARAM;
	e->have_ring = !eth_ioctl(fd, dev, &e->ring);
	e->chan.cmd = ETHTOOL_GCHANNELS;
	e->have_chan = !eth_ioctl(fd, dev, &e->chan);
	for (int i = 0; i < 5; i++) {
		struct ethtool_value v = {.cmd = features[i].cmd};
		e->feat[i] = eth_ioctl(fd, dev, &v) ? -1 : !!v.data;
	}
	close(fd);
	/* The device may have gone between if_nametoindex and the ioctls. */
	if (!e->have_drv && !e->n && !e->have_ring && !if_nametoindex(dev))
		return -ENODEV;
	return 0;
}

static void publish(struct np_ctx *ctx, const char *dev, const struct eth_info *e)
{
	char name[NP_ETH_NAME_LEN + 1], fname[NP_ETH_NAME_LEN + 2];
	char prefix[IF_NAMESIZE + 16];

	snprintf(prefix, sizeof(prefix), "ethtool[%s].", dev);
	np_facts_clear_prefix(ctx->facts, prefix);
	for (unsigned i = 0; i < e->n; i++) {
		np_eth_string(e->names, i, name);
		np_eth_fact_name(name, fname, sizeof(fname));
		np_fact_setf_int(ctx->facts, (int64_t)e->vals[i], "ethtool[%s].%s", dev, fname);
	}
	np_fact_setf_int(ctx->facts, e->n, "ethtool[%s].n_stats", dev);
	np_fact_setf_int(ctx->facts, (int64_t)e->sums.drops, "ethtool[%s].drops_sum", dev);
	np_fact_setf_int(ctx->facts, (int64_t)e->sums.xdp_drops, "ethtool[%s].xdp_drops_sum", dev);
	np_fact_setf_str(ctx->facts, e->driver, "ethtool[%s].driver", dev);
	if (e->have_ring) {
		np_fact_setf_int(ctx->facts, e->ring.rx_pending, "ethtool[%s].rx_ring", dev);
		np_fact_setf_int(ctx->facts, e->ring.rx_max_pending, "ethtool[%s].rx_ring_max", dev);
		np_fact_setf_int(ctx->facts, e->ring.tx_pending, "ethtool[%s].tx_ring", dev);
		np_fact_setf_int(ctx->facts, e->ring.tx_max_pending, "ethtool[%s].tx_ring_max", dev);
	}
	if (e->have_chan) {
		np_fact_setf_int(ctx->facts, e->chan.rx_count, "ethtool[%s].channels_rx", dev);
		np_fact_setf_int(ctx->facts, e->chan.tx_count, "ethtool[%s].channels_tx", dev);
		np_fact_setf_int(ctx->facts, e->chan.combined_count, "ethtool[%s].channels_combined",
				 dev);
	}
	for (int i = 0; i < 5; i++)
		if (e->feat[i] >= 0)
			np_fact_setf_int(ctx->facts, e->feat[i], "ethtool[%s].%s", dev,
					 features[i].name);
}

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

static int eth_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct eth_info e;
	const char *dev = np_factkey_arg(key, 0);
	int err = eth_read(dev, &e);
	if (err == -ENODEV)
		return -ENOENT;
	if (err)
		return err;
	publish(ctx, dev, &e);
	eth_free(&e);
	return 0;
}

static int eth_canon(struct np_factkey *key, char *why, size_t len)
{
	if (key->nseg != 2 || !key->seg[0].has_arg || key->seg[1].has_arg) {
		snprintf(why, len, "expected ethtool[DEV].NAME, e.g. ethtool[eth0].rx_queue_0_drops");
		return -ENOENT;
	}
	if (key->seg[0].arg[0] == '$')
		return 0;
	return np_validate_iface(key->seg[0].arg, why, len) ? -ENOENT : 0;
}

static void eth_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	/* Driver stat names of the device being typed: ethtool[eth0].rx_<Tab>. */
	char dev[IF_NAMESIZE], key[128], name[NP_ETH_NAME_LEN + 1], fname[NP_ETH_NAME_LEN + 2];
	const char *open = strchr(prefix, '['), *close = open ? strchr(open, ']') : NULL;
	struct eth_info e;
	static const char *const fixed[] = {"drops_sum", "xdp_drops_sum", "rx_ring", "rx_ring_max",
					    "tx_ring",	 "tx_ring_max",	  NULL};
	(void)ctx;
	if (!open || !close || (size_t)(close - open - 1) >= sizeof(dev))
		return;
	memcpy(dev, open + 1, (size_t)(close - open - 1));
	dev[close - open - 1] = '\0';
	for (int i = 0; fixed[i]; i++) {
		snprintf(key, sizeof(key), "ethtool[%s].%s", dev, fixed[i]);
		if (!strncmp(key, prefix, strlen(prefix)))
			add(cookie, key);
	}
	if (eth_read(dev, &e))
		return;
	for (unsigned i = 0; i < e.n; i++) {
		np_eth_string(e.names, i, name);
		np_eth_fact_name(name, fname, sizeof(fname));
		snprintf(key, sizeof(key), "ethtool[%s].%s", dev, fname);
		if (!strncmp(key, prefix, strlen(prefix)))
			add(cookie, key);
	}
	eth_free(&e);
}

const struct np_fact_family np_family_ethtool = {
    .ns = "ethtool",
    .pattern = "ethtool[DEV].NAME",
    .describe = "driver statistics by name (ethtool -S), rx_ring/_max, tx_ring/_max, "
		"drops_sum, xdp_drops_sum, channels_*, gro/gso/tso/rx_checksum/tx_checksum",
    .canon = eth_canon,
    .fetch = eth_fetch,
    .complete = eth_complete,
};

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

static void print_ring(struct np_ctx *ctx, const struct eth_info *e)
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

static void print_channels(struct np_ctx *ctx, const struct eth_info *e)
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

static void print_features(struct np_ctx *ctx, const struct eth_info *e)
{
	np_open_obj(ctx->out, "offloads");
	np_text(ctx->out, "offloads:");
	for (int i = 0; i < 5; i++) {
		char fmt[48];
		if (e->feat[i] < 0) {
			np_print_null(ctx->out, features[i].name);
			np_text(ctx->out, " %s ?", features[i].name);
			continue;
		}
		snprintf(fmt, sizeof(fmt), " %s %%s", features[i].name);
		np_print_bool(ctx->out, features[i].name, NULL, e->feat[i]);
		np_text(ctx->out, fmt, e->feat[i] ? "on" : "off");
	}
	np_text(ctx->out, "\n");
	np_close_obj(ctx->out);
}

static int eth_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *dev = a->v[A_DEV].str;
	bool all = a->v[A_ALL].set;
	struct eth_info e;
	int err = eth_read(dev, &e);
	char name[NP_ETH_NAME_LEN + 1];
	unsigned shown = 0;

	if (err)
		return report_read_error(ctx, dev, err);
	publish(ctx, dev, &e);
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
		eth_free(&e);
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
	eth_free(&e);
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
