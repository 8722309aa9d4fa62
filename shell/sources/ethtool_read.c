// SPDX-License-Identifier: GPL-2.0-only
/* Reading a device's driver information through the SIOCETHTOOL ioctl:
 * driver, statistics by name (summed by ethtool_stats.c), rings, channels
 * and offload features, everything `ethtool DEV` shows, read once. */
#include <errno.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ethtool_read.h"
#include "xalloc.h"

const struct np_eth_feature np_eth_features[NP_ETH_NFEAT] = {
    {"gro", ETHTOOL_GGRO},
    {"gso", ETHTOOL_GGSO},
    {"tso", ETHTOOL_GTSO},
    {"rx_checksum", ETHTOOL_GRXCSUM},
    {"tx_checksum", ETHTOOL_GTXCSUM},
};

/* One SIOCETHTOOL call.  0 or -errno. */
static int eth_ioctl(int fd, const char *dev, void *cmd)
{
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	ifr.ifr_data = cmd;
	return ioctl(fd, SIOCETHTOOL, &ifr) < 0 ? -errno : 0;
}

void np_eth_free(struct np_eth_info *e)
{
	free(e->names);
	free(e->vals);
	e->names = NULL;
	e->vals = NULL;
}

static int read_stats(int fd, const char *dev, struct np_eth_info *e)
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
	gs = np_xcalloc(1, sizeof(*gs) + (size_t)n * ETH_GSTRING_LEN);
	st = np_xcalloc(1, sizeof(*st) + (size_t)n * sizeof(uint64_t));
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
		e->names = np_xmalloc((size_t)n * ETH_GSTRING_LEN + 1);
		e->vals = np_xmalloc((size_t)n * sizeof(uint64_t) + 1);
		memcpy(e->names, gs->data, (size_t)n * ETH_GSTRING_LEN);
		memcpy(e->vals, st->data, (size_t)n * sizeof(uint64_t));
		e->n = n;
		np_eth_sum(e->names, e->vals, n, &e->sums);
	}
	free(gs);
	free(st);
	return err;
}

/* 0, or -ENODEV (no such interface) / -errno of the socket. */
int np_eth_read(const char *dev, struct np_eth_info *e)
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
		struct ethtool_value v = {.cmd = np_eth_features[i].cmd};
		e->feat[i] = eth_ioctl(fd, dev, &v) ? -1 : !!v.data;
	}
	close(fd);
	/* The device may have gone between if_nametoindex and the ioctls. */
	if (!e->have_drv && !e->n && !e->have_ring && !if_nametoindex(dev))
		return -ENODEV;
	return 0;
}
