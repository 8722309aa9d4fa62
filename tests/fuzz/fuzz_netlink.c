// SPDX-License-Identifier: GPL-2.0-only
/* The netlink message parsers fed with hostile messages: RTM_NEWLINK
 * (link), tcmsg (qdisc), inet_diag (sockets), ctnetlink stats and entries
 * (conntrack), ethtool string sets.  The first byte picks the parser; the
 * rest is one message.  As on the real path (mnl_cb_run), a message reaches
 * a parser only when its nlmsg_len fits the received bytes: the attributes
 * inside are what the fuzzer controls.  No socket is opened. */
#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <netinet/in.h>

#include "ctstats.h"
#include "ethtool_stats.h"
#include "fuzz.h"
#include "link_parse.h"
#include "rtfmt.h"
#include "sockdiag.h"

static void ethtool_strings(const uint8_t *data, size_t size)
{
	/* A GSTRINGS set of n 32-byte names and a value per name. */
	unsigned n = (unsigned)(size / (32 + 8));
	const uint8_t *names = data;
	uint64_t *vals = calloc(n ? n : 1, sizeof(*vals));
	struct np_eth_sums sums = {0};
	char name[33], fact[128], gen[128];

	if (!vals)
		abort();
	memcpy(vals, data + (size_t)n * 32, (size_t)n * 8);
	np_eth_sum(names, vals, n, &sums);
	for (unsigned i = 0; i < n; i++) {
		np_eth_string(names, i, name);
		FUZZ_ASSERT(strlen(name) <= 32);
		np_eth_fact_name(name, fact, sizeof(fact));
		np_eth_queue_generic(name, gen, sizeof(gen));
		(void)np_eth_classify(name);
		(void)np_eth_per_queue(name);
	}
	free(vals);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Aligned copy: the kernel hands netlink buffers 4-byte aligned. */
	static uint32_t buf[65536 / 4];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	size_t n;
	unsigned sel;

	if (size < 1 || size - 1 > sizeof(buf))
		return 0;
	sel = data[0];
	n = size - 1;
	if ((sel & 7) == 7) {
		ethtool_strings(data + 1, n);
		return 0;
	}
	memset(buf, 0, sizeof(buf));
	memcpy(buf, data + 1, n);
	if (!mnl_nlmsg_ok(nlh, (int)n))
		return 0;
	switch (sel & 7) {
	case 0: {
		struct np_link_info li;
		if (np_link_parse(nlh, &li) == 0) {
			FUZZ_ASSERT(strlen(li.name) < IF_NAMESIZE);
			FUZZ_ASSERT(strlen(li.kind) < sizeof(li.kind));
			(void)np_link_operstate_name(li.operstate);
			(void)np_link_xdp_name(li.xdp_mode);
		}
		break;
	}
	case 1: {
		char kind[32];
		struct np_tcstats st;
		if (np_tc_parse(nlh, kind, sizeof(kind), &st) == 0)
			FUZZ_ASSERT(strlen(kind) < sizeof(kind));
		break;
	}
	case 2:
	case 3: {
		struct np_sock s;
		if (np_sockdiag_parse(nlh, (sel & 1) ? IPPROTO_UDP : IPPROTO_TCP, &s) == 0) {
			FUZZ_ASSERT(strlen(s.local) < sizeof(s.local));
			FUZZ_ASSERT(strlen(s.peer) < sizeof(s.peer));
			(void)np_sk_state_name(s.state);
		}
		break;
	}
	case 4: {
		struct np_ct_stats st;
		int cpu = -1;
		(void)np_ct_parse_cpu(nlh, &st, &cpu);
		break;
	}
	case 5: {
		uint64_t count = 0, max = 0;
		(void)np_ct_parse_global(nlh, &count, &max);
		break;
	}
	case 6: {
		static struct np_ct_tally t;
		char pbuf[32];
		if (np_ct_tally_msg(nlh, &t) == 0)
			for (int p = 0; p < 256; p++)
				if (t.proto[p])
					(void)np_ct_proto_name(p, pbuf, sizeof(pbuf));
		break;
	}
	}
	return 0;
}
