/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a device through the ethtool ioctl (ethtool_read.c): the
 * `ethtool` command and the ethtool fact family share it. */
#ifndef NP_ETHTOOL_READ_H
#define NP_ETHTOOL_READ_H

#include <linux/ethtool.h>
#include <stdint.h>

#include "ethtool_stats.h"

#define NP_ETH_NFEAT 5

/* Everything `ethtool DEV` shows, read once. */
struct np_eth_info {
	char driver[32], version[32], bus[32];
	int have_drv;
	unsigned n;	/* statistics */
	uint8_t *names; /* n * 32 bytes */
	uint64_t *vals; /* n values */
	int stats_err;	/* why there are none (0: the driver has none) */
	int have_ring;
	struct ethtool_ringparam ring;
	int have_chan;
	struct ethtool_channels chan;
	int feat[NP_ETH_NFEAT]; /* -1 unknown, 0 off, 1 on */
	struct np_eth_sums sums;
};

/* The offload features read, in feat[] order. */
extern const struct np_eth_feature {
	const char *name;
	uint32_t cmd;
} np_eth_features[NP_ETH_NFEAT];

/* Read dev.  0, -ENODEV when there is no such device, or -errno (the
 * driver information alone is enough to answer). */
int np_eth_read(const char *dev, struct np_eth_info *e);
void np_eth_free(struct np_eth_info *e);

#endif
