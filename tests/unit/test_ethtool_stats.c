// SPDX-License-Identifier: GPL-2.0-only
/* Driver statistic names: string-set slots, fact-safe names, the drop
 * classification and sums, on the name sets of veth and virtio_net as
 * this kernel reports them, and an i40e-like set. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "ethtool_stats.h"

/* Lay names out as ETHTOOL_GSTRINGS does: 32-byte NUL-padded slots. */
static unsigned pack(const char *const *names, uint8_t *buf)
{
	unsigned n = 0;
	for (; names[n]; n++) {
		memset(buf + n * NP_ETH_NAME_LEN, 0, NP_ETH_NAME_LEN);
		memcpy(buf + n * NP_ETH_NAME_LEN, names[n], strlen(names[n]));
	}
	return n;
}

static void test_strings(void)
{
	uint8_t buf[64];
	char out[NP_ETH_NAME_LEN + 1];
	/* A name filling the whole slot has no NUL of its own. */
	memset(buf, 'a', 32);
	memcpy(buf + 32, "rx_drops\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 32);
	np_eth_string(buf, 0, out);
	CHECK(strlen(out) == 32);
	np_eth_string(buf, 1, out);
	CHECK_STR(out, "rx_drops");

	np_eth_fact_name("port.rx_dropped", out, sizeof(out));
	CHECK_STR(out, "port_rx_dropped");
	np_eth_fact_name("rx queue 0 drops", out, sizeof(out));
	CHECK_STR(out, "rx_queue_0_drops");
	np_eth_fact_name("tx-3.bytes", out, sizeof(out));
	CHECK_STR(out, "tx-3_bytes");
	np_eth_fact_name("", out, sizeof(out));
	CHECK_STR(out, "_");
}

static void test_classify(void)
{
	CHECK(np_eth_classify("rx_queue_0_drops") == NP_ETH_DROP);
	CHECK(np_eth_classify("rx_queue_0_xdp_drops") == NP_ETH_XDP_DROP);
	CHECK(np_eth_classify("rx_queue_0_xdp_packets") == NP_ETH_OTHER);
	CHECK(np_eth_classify("rx_missed_errors") == NP_ETH_DROP);
	CHECK(np_eth_classify("rx_out_of_buffer") == NP_ETH_DROP); /* mlx5: ring had no descriptor */
	CHECK(np_eth_classify("rx_discards_phy") == NP_ETH_DROP);
	CHECK(np_eth_classify("rx_no_buffer_count") == NP_ETH_DROP);
	CHECK(np_eth_classify("rx_no_buf") == NP_ETH_DROP);
	CHECK(np_eth_classify("rx_fifo_errors") == NP_ETH_DROP);
	CHECK(np_eth_classify("RxDiscards") == NP_ETH_DROP);
	CHECK(np_eth_classify("page_alloc_fail") == NP_ETH_DROP);
	CHECK(np_eth_classify("tx_kicks") == NP_ETH_OTHER);

	CHECK(np_eth_per_queue("rx_queue_0_drops"));
	CHECK(np_eth_per_queue("rx0_drops"));
	CHECK(np_eth_per_queue("tx12_kicks"));
	CHECK(np_eth_per_queue("rx-3.drops"));
	CHECK(!np_eth_per_queue("rx_drops"));
	CHECK(!np_eth_per_queue("peer_ifindex"));
}

static void test_generic(void)
{
	char g[40];
	np_eth_queue_generic("rx_queue_0_drops", g, sizeof(g));
	CHECK_STR(g, "rx_drops");
	np_eth_queue_generic("rx_queue_12_xdp_drops", g, sizeof(g));
	CHECK_STR(g, "rx_xdp_drops");
	np_eth_queue_generic("rx0_drops", g, sizeof(g));
	CHECK_STR(g, "rx_drops");
	np_eth_queue_generic("tx3_xdp_tx_drops", g, sizeof(g));
	CHECK_STR(g, "tx_xdp_tx_drops");
	np_eth_queue_generic("rx-2.drops", g, sizeof(g));
	CHECK_STR(g, "rx.drops");
	np_eth_queue_generic("rx_drops", g, sizeof(g));
	CHECK_STR(g, "rx_drops");
}

static void test_sums(void)
{
	static uint8_t buf[64 * NP_ETH_NAME_LEN];
	struct np_eth_sums s;
	/* veth on 6.18: per-queue only, so the per-queue values are summed. */
	static const char *const veth[] = {"peer_ifindex",	   "rx_queue_0_xdp_packets",
					   "rx_queue_0_xdp_bytes", "rx_queue_0_drops",
					   "rx_queue_0_xdp_redirect", "rx_queue_0_xdp_drops",
					   "rx_queue_0_xdp_tx",	   "rx_queue_0_xdp_tx_errors",
					   "tx_queue_0_xdp_xmit",  "tx_queue_0_xdp_xmit_errors",
					   "rx_queue_1_drops",	   "rx_queue_1_xdp_drops",
					   NULL};
	uint64_t vveth[] = {7, 10, 600, 3, 0, 10, 0, 0, 0, 0, 4, 1};
	unsigned n = pack(veth, buf);
	np_eth_sum(buf, vveth, n, &s);
	CHECK(s.drops == 7);
	CHECK(s.xdp_drops == 11);

	/* virtio_net on this VM: totals and per-queue copies: no double count. */
	static const char *const virtio[] = {"rx_drops",   "rx_xdp_packets",  "rx_xdp_drops",
					     "rx_kicks",   "tx_xdp_tx_drops", "tx_tx_timeouts",
					     "rx0_drops",  "rx0_xdp_drops",   "rx0_kicks",
					     "tx0_xdp_tx_drops", NULL};
	uint64_t vvirtio[] = {5, 0, 2, 165, 1, 0, 5, 2, 165, 1};
	n = pack(virtio, buf);
	np_eth_sum(buf, vvirtio, n, &s);
	CHECK(s.drops == 5);
	CHECK(s.xdp_drops == 3);

	/* i40e-like: aggregate names plus rx-N.* per-queue names. */
	static const char *const i40e[] = {"rx_dropped", "port.rx_dropped", "rx_missed_errors",
					   "rx-0.packets", "rx-1.packets", NULL};
	uint64_t vi40e[] = {1, 2, 4, 100, 100};
	n = pack(i40e, buf);
	np_eth_sum(buf, vi40e, n, &s);
	CHECK(s.drops == 7);
	CHECK(s.xdp_drops == 0);

	np_eth_sum(buf, vi40e, 0, &s);
	CHECK(s.drops == 0 && s.xdp_drops == 0);
}

int main(void)
{
	test_strings();
	test_classify();
	test_generic();
	test_sums();
	return check_done();
}
