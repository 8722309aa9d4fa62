// SPDX-License-Identifier: GPL-2.0-only
/* The two parsers of probe flow on arbitrary bytes.  The ICMP/ICMPv6
 * error parser (probes/flow_parse.h: the very code the BPF program runs)
 * from the network header on: it accepts only errors quoting a packet of
 * the same family and never reads outside its buffer (ASan, and the masks
 * the verifier relies on); what it returns is consistent.  The raw-BTF
 * name lookup that decides which tracepoints exist (flow_plan.c): a name
 * it finds is in the input, NUL-delimited. */
#include "flow_api.h"
#include "flow_plan.h"
#include "fuzz.h"

static void btf_names(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"btf_trace_kfree_skb", "int", "a"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		bool found = false;
		if (!np_btf_has_name(data, size, names[i]))
			continue;
		for (size_t o = 1; o + n < size && !found; o++)
			found = !data[o - 1] && !memcmp(data + o, names[i], n) && !data[o + n];
		FUZZ_ASSERT(found);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exactly the buffer the kernel side has: NP_SNAP_BUF bytes, the
	 * packet's first NP_SNAP meaningful, the rest stale (here: 0xa5). */
	static uint8_t b[NP_SNAP_BUF];
	static const uint8_t zero[16];
	struct np_icmp_err e;
	size_t n = size < NP_SNAP_BUF ? size : NP_SNAP_BUF;

	memset(b, 0xa5, sizeof(b));
	memcpy(b, data, n);
	btf_names(data, size);
	memset(&e, 0x5a, sizeof(e));
	if (!np_icmp_err_parse(b, (uint32_t)size, &e))
		return 0;
	FUZZ_ASSERT(size >= 28);
	FUZZ_ASSERT(e.outer_family == 4 || e.outer_family == 6);
	FUZZ_ASSERT(e.family == e.outer_family);
	FUZZ_ASSERT(e.outer_family == (data[0] >> 4));
	FUZZ_ASSERT(e.kind < NP_ICMP_KINDS);
	FUZZ_ASSERT(np_icmp_kind_name(e.kind) != NULL);
	FUZZ_ASSERT(e.kind == np_icmp_kind(e.outer_family, e.type, e.code));
	FUZZ_ASSERT(e.kind == NP_ICMP_FRAG_NEEDED || e.mtu == 0);
	if (e.family == 4) {
		/* IPv4 addresses fill 4 bytes, the rest is zero (map keys). */
		FUZZ_ASSERT(!memcmp(e.saddr + 4, zero, 12) && !memcmp(e.daddr + 4, zero, 12));
		FUZZ_ASSERT(!memcmp(e.from + 4, zero, 12) && !memcmp(e.to + 4, zero, 12));
		/* The outer source is the packet's own bytes 12..15. */
		FUZZ_ASSERT(!memcmp(e.from, data + 12, 4));
	} else {
		FUZZ_ASSERT(!memcmp(e.from, data + 8, 16));
	}
	/* Ports only for protocols that have them at the L4 header's start. */
	if (e.sport || e.dport)
		FUZZ_ASSERT(e.l4 == 6 || e.l4 == 17 || e.l4 == 136 || e.l4 == 132 || e.l4 == 33);
	return 0;
}
