// SPDX-License-Identifier: GPL-2.0-only
/* The libmnl-path parsers (sockets, conntrack, taps) on arbitrary bytes:
 * the first byte picks the parser, the rest is the netlink message (or the
 * /proc/net/stat/nf_conntrack text).  Every message parses or is refused;
 * strings stay terminated; tallies stay consistent. */
#include <linux/netlink.h>
#include <netinet/in.h>

#include "conn_parse.h"
#include "ctstats.h"
#include "fuzz.h"
#include "sockdiag.h"
#include "tapsinfo.h"

static void msg(uint8_t which, const uint8_t *data, size_t size)
{
	/* u64-aligned like a socket buffer; the header length made to match
	 * the input, as mnl_cb_run guarantees before calling a parser. */
	static uint64_t buf[16384 / 8];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	if (size < sizeof(*nlh) || size > sizeof(buf))
		return;
	memcpy(buf, data, size);
	nlh->nlmsg_len = (uint32_t)size;
	switch (which % 8) {
	case 0: {
		struct np_sock s;
		if (np_sockdiag_parse(nlh, IPPROTO_TCP, &s) == 0) {
			FUZZ_ASSERT(strlen(s.local) < sizeof(s.local));
			FUZZ_ASSERT(strlen(s.peer) < sizeof(s.peer));
			FUZZ_ASSERT(s.lport < 65536 && s.rport < 65536);
			struct np_sockagg g = {0};
			np_sockagg_add(&g, &s);
			FUZZ_ASSERT(g.count == 1);
		}
		break;
	}
	case 1: {
		struct np_ct_stats st;
		int cpu;
		if (np_ct_parse_cpu(nlh, &st, &cpu) == 0)
			FUZZ_ASSERT(cpu >= 0 && cpu < 65536);
		break;
	}
	case 2: {
		uint64_t count = 0, max = 0;
		char why[200];
		if (np_ct_parse_global(nlh, &count, &max) == 0)
			FUZZ_ASSERT(np_ct_judge(count, max, NULL, why, sizeof(why)) <= NP_CRIT);
		break;
	}
	case 3: {
		static struct np_ct_tally t;
		uint64_t before = t.total;
		int rc = np_ct_tally_msg(nlh, &t);
		FUZZ_ASSERT(t.total == before + (rc == 0));
		break;
	}
	case 4: {
		struct np_xdp_link l;
		if (np_xdp_parse_link(nlh, &l) == 0) {
			FUZZ_ASSERT(l.name[0] && strlen(l.name) < sizeof(l.name));
			FUZZ_ASSERT(np_xdp_mode_name(l.attached)[0]);
		}
		break;
	}
	case 5: {
		struct np_tc_filter f;
		if (np_tc_parse_filter(nlh, &f) == 0) {
			FUZZ_ASSERT(strlen(f.kind) < sizeof(f.kind));
			FUZZ_ASSERT(strlen(f.bpf_name) < sizeof(f.bpf_name));
		}
		break;
	}
	case 6: {
		struct np_packet_sock p;
		if (np_packet_parse(nlh, &p) == 0)
			FUZZ_ASSERT(p.protocol < 65536);
		break;
	}
	case 7: {
		/* conn[DST] facts: a socket counts once; min/max stay in range. */
		struct np_sock s;
		struct np_connagg g = {0};
		int64_t v[NP_CONN_NFIELDS];
		if (np_sockdiag_parse(nlh, IPPROTO_TCP, &s) == 0) {
			np_connagg_add(&g, &s);
			np_connagg_add(&g, &s);
			np_connagg_values(&g, v);
			FUZZ_ASSERT(v[0] == 2 && v[1] <= 2 && v[2] <= 2 && v[1] + v[2] <= 2);
			FUZZ_ASSERT(!s.has_tcp || (uint64_t)v[8] == s.pmtu);
			for (int i = 0; i < NP_CONN_NFIELDS; i++)
				FUZZ_ASSERT(v[i] >= 0);
		}
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] == 'P') {
		/* /proc/net/stat/nf_conntrack text */
		char *text = fuzz_cstr(data + 1, size - 1);
		struct np_ct_stats s;
		uint64_t entries;
		int cpus;
		if (np_ct_parse_proc(text, &s, &entries, &cpus) == 0)
			FUZZ_ASSERT(cpus > 0);
		free(text);
		return 0;
	}
	msg(data[0], data + 1, size - 1);
	return 0;
}
