/* SPDX-License-Identifier: GPL-2.0-only */
/* Driver statistics as ETHTOOL_GSTRINGS/ETHTOOL_GSTATS return them: name
 * extraction, fact-safe names and the drop classification behind
 * ethtool[DEV].drops_sum / .xdp_drops_sum.  Pure functions. */
#ifndef NP_ETHTOOL_STATS_H
#define NP_ETHTOOL_STATS_H

#include <stddef.h>
#include <stdint.h>

#define NP_ETH_NAME_LEN 32 /* ETH_GSTRING_LEN */

/* Name i of a GSTRINGS buffer (n fixed 32-byte slots, NUL padded but not
 * necessarily terminated) into out (at least 33 bytes). */
void np_eth_string(const uint8_t *data, unsigned i, char *out);
/* A name usable as a fact segment: [A-Za-z0-9_-], other bytes -> '_'
 * ("port.rx_dropped" -> "port_rx_dropped", "rx queue 0" -> "rx_queue_0"). */
void np_eth_fact_name(const char *name, char *out, size_t len);

enum np_eth_kind {
	NP_ETH_OTHER,
	NP_ETH_DROP,	 /* drop, discard, miss, no_buf, fifo, overrun, alloc_fail, out_of_buffer; not xdp */
	NP_ETH_XDP_DROP, /* xdp and drop */
};
enum np_eth_kind np_eth_classify(const char *name);
/* rx_queue_0_drops, rx0_discards, tx3_fifo: a per-queue copy of a counter. */
int np_eth_per_queue(const char *name);

/* The aggregate name a per-queue name copies: rx_queue_0_drops -> rx_drops,
 * rx0_drops -> rx_drops (the name itself when not per-queue). */
void np_eth_queue_generic(const char *name, char *out, size_t len);

/* Sums over a whole stat set.  A per-queue counter is skipped when the
 * driver also exports its aggregate (virtio: rx_drops and rx0_drops), so
 * nothing is counted twice; veth has only per-queue ones, which are summed. */
struct np_eth_sums {
	uint64_t drops, xdp_drops;
};
void np_eth_sum(const uint8_t *names, const uint64_t *vals, unsigned n, struct np_eth_sums *s);

#endif
