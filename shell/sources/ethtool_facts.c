// SPDX-License-Identifier: GPL-2.0-only
/* The ethtool fact family: ethtool[DEV].NAME for every driver statistic
 * (fact-safe names), rings, channels, features and the drop sums, from one
 * ethtool_read.c reading of the device. */
#include <stdio.h>
#include <string.h>

#include "ethtool_facts.h"
#include "family.h"
#include "validate.h"

void np_eth_publish(struct np_ctx *ctx, const char *dev, const struct np_eth_info *e)
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
		np_fact_setf_int(ctx->facts, e->ring.rx_max_pending, "ethtool[%s].rx_ring_max",
				 dev);
		np_fact_setf_int(ctx->facts, e->ring.tx_pending, "ethtool[%s].tx_ring", dev);
		np_fact_setf_int(ctx->facts, e->ring.tx_max_pending, "ethtool[%s].tx_ring_max",
				 dev);
	}
	if (e->have_chan) {
		np_fact_setf_int(ctx->facts, e->chan.rx_count, "ethtool[%s].channels_rx", dev);
		np_fact_setf_int(ctx->facts, e->chan.tx_count, "ethtool[%s].channels_tx", dev);
		np_fact_setf_int(ctx->facts, e->chan.combined_count,
				 "ethtool[%s].channels_combined", dev);
	}
	for (int i = 0; i < 5; i++)
		if (e->feat[i] >= 0)
			np_fact_setf_int(ctx->facts, e->feat[i], "ethtool[%s].%s", dev,
					 np_eth_features[i].name);
}

static int eth_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_eth_info e;
	const char *dev = np_factkey_arg(key, 0);
	int err = np_eth_read(dev, &e);
	if (err == -ENODEV)
		return -ENOENT;
	if (err)
		return err;
	np_eth_publish(ctx, dev, &e);
	np_eth_free(&e);
	return 0;
}

static int eth_canon(struct np_factkey *key, char *why, size_t len)
{
	if (key->nseg != 2 || !key->seg[0].has_arg || key->seg[1].has_arg) {
		snprintf(why, len,
			 "expected ethtool[DEV].NAME, e.g. ethtool[eth0].rx_queue_0_drops");
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
	struct np_eth_info e;
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
	if (np_eth_read(dev, &e))
		return;
	for (unsigned i = 0; i < e.n; i++) {
		np_eth_string(e.names, i, name);
		np_eth_fact_name(name, fname, sizeof(fname));
		snprintf(key, sizeof(key), "ethtool[%s].%s", dev, fname);
		if (!strncmp(key, prefix, strlen(prefix)))
			add(cookie, key);
	}
	np_eth_free(&e);
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
