// SPDX-License-Identifier: GPL-2.0-only
/* probe flow, the parts that run without the kernel: the ICMP error
 * parser the BPF program uses (probes/flow_parse.h, the same code), the
 * kind of every ICMP/ICMPv6 error, the plan of which parts run on a
 * kernel (synthetic BTF), the schedule text, the fact-name contract and
 * the exit status. */
#include <arpa/inet.h>
#include <bpf/btf.h>
#include <string.h>

#include "check.h"
#include "family.h"
#include "flow_api.h"
#include "flow_plan.h"

/* ---- packets ---- */

static uint8_t pkt[NP_SNAP_BUF];

static void put16(uint8_t *b, unsigned v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

/* Quoted IPv4 packet at q with inner_opts 4-byte option words; returns
 * the length up to 8 bytes past its header (what routers quote). */
static size_t quote4(size_t q, int inner_opts, uint8_t l4, const char *src, const char *dst,
		     unsigned sport, unsigned dport)
{
	size_t ihl = (size_t)(5 + inner_opts) * 4;
	pkt[q] = (uint8_t)(0x40 | (5 + inner_opts));
	pkt[q + 9] = l4;
	inet_pton(AF_INET, src, pkt + q + 12);
	inet_pton(AF_INET, dst, pkt + q + 16);
	put16(pkt + q + ihl, sport);
	put16(pkt + q + ihl + 2, dport);
	return q + ihl + 8;
}

/* Router 10.0.1.254 -> 10.0.1.1: ICMP type/code about 10.0.1.1:40000 ->
 * 10.0.2.1:5001 (TCP). */
static size_t err4(int outer_opts, uint8_t type, uint8_t code, unsigned mtu, int inner_opts)
{
	size_t off = (size_t)(5 + outer_opts) * 4;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = (uint8_t)(0x40 | (5 + outer_opts));
	pkt[9] = 1;
	inet_pton(AF_INET, "10.0.1.254", pkt + 12);
	inet_pton(AF_INET, "10.0.1.1", pkt + 16);
	pkt[off] = type;
	pkt[off + 1] = code;
	put16(pkt + off + 6, mtu);
	return quote4(off + 8, inner_opts, 6, "10.0.1.1", "10.0.2.1", 40000, 5001);
}

/* fd00:1::fe -> fd00:1::1 with nexth extension headers of 8 bytes
 * (hop-by-hop) before ICMPv6 type/code about [fd00:1::1]:40000 ->
 * [fd00:2::1]:5001 (UDP). */
static size_t err6(int next, uint8_t type, uint8_t code, uint32_t mtu)
{
	size_t off = 40 + (size_t)next * 8, q;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x60;
	pkt[6] = next ? 0 : 58;
	inet_pton(AF_INET6, "fd00:1::fe", pkt + 8);
	inet_pton(AF_INET6, "fd00:1::1", pkt + 24);
	for (int i = 0; i < next; i++)
		pkt[40 + i * 8] = i + 1 == next ? 58 : 0;
	pkt[off] = type;
	pkt[off + 1] = code;
	put16(pkt + off + 4, mtu >> 16);
	put16(pkt + off + 6, mtu & 0xffff);
	q = off + 8;
	pkt[q] = 0x60;
	pkt[q + 6] = 17;
	inet_pton(AF_INET6, "fd00:1::1", pkt + q + 8);
	inet_pton(AF_INET6, "fd00:2::1", pkt + q + 24);
	put16(pkt + q + 40, 40000);
	put16(pkt + q + 42, 5001);
	return q + 48;
}

static bool addr_is(const uint8_t *a, int fam, const char *text)
{
	uint8_t want[16] = {0};
	inet_pton(fam, text, want);
	return !memcmp(a, want, 16);
}

static void test_parse_v4(void)
{
	struct np_icmp_err e;
	size_t n = err4(0, 3, 4, 1200, 0);

	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 1);
	CHECK(e.outer_family == 4 && e.family == 4 && e.kind == NP_ICMP_FRAG_NEEDED);
	CHECK(e.mtu == 1200);
	CHECK(addr_is(e.from, AF_INET, "10.0.1.254") && addr_is(e.to, AF_INET, "10.0.1.1"));
	CHECK(addr_is(e.saddr, AF_INET, "10.0.1.1") && addr_is(e.daddr, AF_INET, "10.0.2.1"));
	CHECK(e.l4 == 6 && e.sport == 40000 && e.dport == 5001);

	/* Options in the outer and the quoted header move everything. */
	n = err4(3, 3, 13, 0, 2);
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 1);
	CHECK(e.kind == NP_ICMP_ADMIN_PROHIBITED && e.mtu == 0);
	CHECK(e.sport == 40000 && e.dport == 5001);

	/* A quote that stops before the ports: the addresses still count. */
	n = err4(0, 11, 0, 0, 0);
	CHECK(np_icmp_err_parse(pkt, (uint32_t)(n - 8), &e) == 1);
	CHECK(e.kind == NP_ICMP_TTL_EXCEEDED && e.sport == 0 && e.dport == 0);

	/* Not errors, or not whole: refused. */
	n = err4(0, 0, 0, 0, 0); /* echo reply */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err4(0, 5, 1, 0, 0); /* redirect */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err4(0, 3, 3, 0, 0);
	pkt[6] = 0x20; /* more fragments */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err4(0, 3, 3, 0, 0);
	pkt[9] = 17; /* not ICMP */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err4(0, 3, 3, 0, 0);
	CHECK(np_icmp_err_parse(pkt, 27, &e) == 0);	     /* truncated */
	CHECK(np_icmp_err_parse(pkt, 20 + 8 + 19, &e) == 0); /* quote too short */
	n = err4(0, 3, 3, 0, 0);
	pkt[28] = 0x60; /* an IPv6 packet quoted in ICMP (v4) */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err4(0, 3, 3, 0, 0);
	pkt[0] = 0x44; /* IHL below 5 */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
}

static void test_parse_v6(void)
{
	struct np_icmp_err e;
	size_t n = err6(0, 2, 0, 1280);

	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 1);
	CHECK(e.outer_family == 6 && e.family == 6 && e.kind == NP_ICMP_FRAG_NEEDED);
	CHECK(e.mtu == 1280);
	CHECK(addr_is(e.from, AF_INET6, "fd00:1::fe"));
	CHECK(addr_is(e.saddr, AF_INET6, "fd00:1::1") && addr_is(e.daddr, AF_INET6, "fd00:2::1"));
	CHECK(e.l4 == 17 && e.sport == 40000 && e.dport == 5001);

	/* Extension headers before ICMPv6: up to NP_ICMP_MAX_EXTHDR. */
	n = err6(2, 1, 4, 0);
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 1);
	CHECK(e.kind == NP_ICMP_PORT_UNREACH && e.dport == 5001);
	n = err6(NP_ICMP_MAX_EXTHDR, 1, 3, 0);
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 1);
	CHECK(e.kind == NP_ICMP_HOST_UNREACH);
	n = err6(NP_ICMP_MAX_EXTHDR + 1, 1, 3, 0);
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);

	/* A first fragment is parsed, a later one is not. */
	n = err6(1, 3, 0, 0);
	pkt[6] = 44;
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 1);
	CHECK(e.kind == NP_ICMP_TTL_EXCEEDED);
	put16(pkt + 42, 8 << 3);
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);

	n = err6(0, 135, 0, 0); /* neighbour solicitation */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err6(0, 1, 4, 0);
	pkt[6] = 17; /* UDP, not ICMPv6 */
	CHECK(np_icmp_err_parse(pkt, (uint32_t)n, &e) == 0);
	n = err6(0, 1, 4, 0);
	CHECK(np_icmp_err_parse(pkt, 40 + 8 + 39, &e) == 0); /* quote too short */
}

static void test_kinds(void)
{
	static const struct {
		uint8_t fam, type, code, kind;
	} cases[] = {
	    {4, 3, 0, NP_ICMP_NET_UNREACH},
	    {4, 3, 1, NP_ICMP_HOST_UNREACH},
	    {4, 3, 2, NP_ICMP_PROTO_UNREACH},
	    {4, 3, 3, NP_ICMP_PORT_UNREACH},
	    {4, 3, 4, NP_ICMP_FRAG_NEEDED},
	    {4, 3, 9, NP_ICMP_ADMIN_PROHIBITED},
	    {4, 3, 10, NP_ICMP_ADMIN_PROHIBITED},
	    {4, 3, 13, NP_ICMP_ADMIN_PROHIBITED},
	    {4, 3, 5, NP_ICMP_OTHER},
	    {4, 11, 0, NP_ICMP_TTL_EXCEEDED},
	    {4, 11, 1, NP_ICMP_TTL_EXCEEDED},
	    {4, 12, 0, NP_ICMP_OTHER},
	    {4, 0, 0, NP_ICMP_NOT_ERROR},
	    {4, 8, 0, NP_ICMP_NOT_ERROR},
	    {4, 5, 0, NP_ICMP_NOT_ERROR},
	    {6, 1, 0, NP_ICMP_NET_UNREACH},
	    {6, 1, 1, NP_ICMP_ADMIN_PROHIBITED},
	    {6, 1, 3, NP_ICMP_HOST_UNREACH},
	    {6, 1, 4, NP_ICMP_PORT_UNREACH},
	    {6, 1, 2, NP_ICMP_OTHER},
	    {6, 2, 0, NP_ICMP_FRAG_NEEDED},
	    {6, 3, 0, NP_ICMP_TTL_EXCEEDED},
	    {6, 4, 1, NP_ICMP_PROTO_UNREACH},
	    {6, 4, 0, NP_ICMP_OTHER},
	    {6, 128, 0, NP_ICMP_NOT_ERROR},
	    {6, 135, 0, NP_ICMP_NOT_ERROR},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(np_icmp_kind(cases[i].fam, cases[i].type, cases[i].code) == cases[i].kind);
	CHECK_STR(np_icmp_kind_name(NP_ICMP_FRAG_NEEDED), "frag_needed");
	CHECK_STR(np_icmp_kind_name(NP_ICMP_ADMIN_PROHIBITED), "admin_prohibited");
	CHECK_STR(np_icmp_kind_name(NP_ICMP_OTHER), "other");
	CHECK(np_icmp_kind_name(NP_ICMP_KINDS) == NULL);
}

/* ---- plan ---- */

/* Synthetic kernel BTF: every part's btf_trace_ typedef but one. */
static struct btf *kernel_without(const char *missing)
{
	struct btf *btf = btf__new_empty();
	int int_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	for (int i = 0; i < NP_FLOW_PARTS; i++) {
		char name[96];
		const char *tp = strchr(np_flow_parts[i].tp, ':') + 1;
		if (missing && !strcmp(tp, missing))
			continue;
		snprintf(name, sizeof(name), "btf_trace_%s", tp);
		btf__add_typedef(btf, name, int_id);
	}
	return btf;
}

static void test_plan(void)
{
	struct np_flow_plan p;
	struct btf *btf = kernel_without("icmp_send");
	char skip[512], mode[24];
	uint32_t len;
	const void *raw = btf__raw_data(btf, &len);

	/* The string-section lookup: whole names only. */
	CHECK(np_btf_has_name(raw, len, "btf_trace_kfree_skb"));
	CHECK(np_btf_has_name(raw, len, "int"));
	CHECK(!np_btf_has_name(raw, len, "btf_trace_icmp_send"));
	CHECK(!np_btf_has_name(raw, len, "btf_trace_kfree")); /* a prefix */
	CHECK(!np_btf_has_name(raw, len, "kfree_skb"));	      /* a suffix */
	CHECK(!np_btf_has_name(raw, len, ""));
	CHECK(!np_btf_has_name(raw, 10, "int")); /* truncated */
	CHECK(!np_btf_has_name("not btf at all, not btf at all", 30, "btf"));

	CHECK(np_flow_plan_make(raw, len, true, NULL, &p));
	CHECK(p.may_raw);
	for (int i = 0; i < NP_FLOW_PARTS; i++)
		CHECK(p.use[i] == (i == NP_FLOW_PART_ICMP4_SENT ? NP_USE_OFF : NP_USE_BTF));
	np_flow_plan_describe(&p, skip, sizeof(skip), mode, sizeof(mode));
	CHECK_STR(skip, "icmp_sent (icmp:icmp_send: not in this kernel)");
	CHECK_STR(mode, "tp_btf");

	/* A part refused at load falls back alone: the mode says both. */
	p.use[3] = NP_USE_RAW;
	np_flow_plan_off(&p, 0, "refused by the kernel: %s", "Permission denied");
	np_flow_plan_describe(&p, skip, sizeof(skip), mode, sizeof(mode));
	CHECK_STR(mode, "tp_btf+raw_tp");
	CHECK(strstr(skip, "state (sock:inet_sock_set_state: refused by the kernel: Permission "
			   "denied), icmp_sent") == skip);

	/* Forced raw_tp, or no BTF to attach tp_btf to: raw_tp everywhere,
	 * no further fallback. */
	CHECK(np_flow_plan_make(raw, len, true, "raw_tp", &p));
	CHECK(p.use[0] == NP_USE_RAW && !p.may_raw);
	CHECK(np_flow_plan_make(raw, len, false, NULL, &p));
	CHECK(p.use[0] == NP_USE_RAW && !p.may_raw);
	CHECK(np_flow_plan_make(raw, len, true, "tp_btf", &p));
	CHECK(p.use[0] == NP_USE_BTF && !p.may_raw);
	CHECK(!np_flow_plan_make(raw, len, true, "tracepoint", &p));
	btf__free(btf);

	/* An IPv4 flow: no ICMPv6 error can quote it, net_dev_queue (a run
	 * per packet sent) is left out, silently; not without icmp_send. */
	{
		struct np_filter f = {.flags = NP_F_DST, .dst = {.family = 4}};
		CHECK(np_flow_plan_make(NULL, 0, true, NULL, &p));
		np_flow_plan_filter(&p, &f);
		CHECK(p.use[NP_FLOW_PART_ICMP6_SENT] == NP_USE_UNNEEDED);
		np_flow_plan_describe(&p, skip, sizeof(skip), mode, sizeof(mode));
		CHECK_STR(skip, "");
		f.dst.family = 6;
		CHECK(np_flow_plan_make(NULL, 0, true, NULL, &p));
		np_flow_plan_filter(&p, &f);
		CHECK(p.use[NP_FLOW_PART_ICMP6_SENT] == NP_USE_BTF);
		f.dst.family = 4;
		np_flow_plan_off(&p, NP_FLOW_PART_ICMP4_SENT, "not in this kernel");
		np_flow_plan_filter(&p, &f);
		CHECK(p.use[NP_FLOW_PART_ICMP6_SENT] == NP_USE_BTF);
	}

	/* No BTF to ask: every part is tried. */
	CHECK(np_flow_plan_make(NULL, 0, true, NULL, &p));
	for (int i = 0; i < NP_FLOW_PARTS; i++)
		CHECK(p.use[i] == NP_USE_BTF);
	np_flow_plan_describe(&p, skip, sizeof(skip), mode, sizeof(mode));
	CHECK_STR(skip, "");
}

/* ---- facts and judgement ---- */

static int check_key(const char *key)
{
	struct np_fact_ref ref;
	char why[512];
	return np_fact_resolve(key, &ref, why, sizeof(why));
}

static void test_facts(void)
{
	static const char *const good[] = {
	    "flow.connects",
	    "flow.established",
	    "flow.failed",
	    "flow.syn_retrans",
	    "flow.syn_schedule",
	    "flow.rst_received",
	    "flow.rst_from",
	    "flow.errors",
	    "flow.error",
	    "flow.err[ECONNREFUSED]",
	    "flow.err[EMSGSIZE]",
	    "flow.err[$e]",
	    "flow.icmp.received",
	    "flow.icmp[frag_needed]",
	    "flow.icmp[admin_prohibited]",
	    "flow.icmp[$kind]",
	    "flow.icmp.from",
	    "flow.icmp.mtu",
	    "flow.icmp.dropped",
	    "flow.icmp.drop_reason",
	    "flow.icmp.sent",
	    "flow.icmp_sent[ttl_exceeded]",
	    "flow.icmp.sent_to",
	    "flow.available",
	    "flow.skip",
	    "flow.attach",
	    "flow.skip_parts",
	};
	static const char *const bad[] = {
	    "flow.bogus",      "flow.icmp[bogus]", "flow.icmp.bogus", "flow.err[econnrefused]",
	    "flow.err[]",      "flow.connects[x]", "flow.icmp",	      "flow.icmp_sent.received",
	    "flow.icmp.mtu.x", "flow.err",
	};
	uint32_t ms[] = {1000, 3000, 7049};
	char buf[64];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (check_key(good[i]) != 0) {
			fprintf(stderr, "refused: %s\n", good[i]);
			CHECK(0);
		}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check_key(bad[i]) == 0) {
			fprintf(stderr, "accepted: %s\n", bad[i]);
			CHECK(0);
		}
	np_flow_schedule_text(ms, 3, buf, sizeof(buf));
	CHECK_STR(buf, "1.0 3.0 7.0");
	np_flow_schedule_text(ms, 0, buf, sizeof(buf));
	CHECK_STR(buf, "");
}

static void test_health(void)
{
	struct np_flow_totals t;
	memset(&t, 0, sizeof(t));
	CHECK(np_flow_health(&t) == NP_OK);
	t.c.connects = t.c.established = 4;
	CHECK(np_flow_health(&t) == NP_OK);
	t.c.syn_retrans = 1;
	CHECK(np_flow_health(&t) == NP_WARN);
	/* Path MTU discovery at work: a warning, not a failure... */
	t.c.icmp_rx = t.c.rx_kind[NP_ICMP_FRAG_NEEDED] = 2;
	CHECK(np_flow_health(&t) == NP_WARN);
	/* ...unless this host drops them: a black hole. */
	t.c.icmp_drop = 2;
	CHECK(np_flow_health(&t) == NP_CRIT);
	memset(&t, 0, sizeof(t));
	t.c.icmp_rx = t.c.rx_kind[NP_ICMP_HOST_UNREACH] = 1;
	CHECK(np_flow_health(&t) == NP_CRIT);
	memset(&t, 0, sizeof(t));
	t.c.failed = 1;
	CHECK(np_flow_health(&t) == NP_CRIT);
	memset(&t, 0, sizeof(t));
	t.c.rst = 1;
	CHECK(np_flow_health(&t) == NP_CRIT);
	memset(&t, 0, sizeof(t));
	t.c.icmp_tx = 3;
	CHECK(np_flow_health(&t) == NP_WARN);
}

int main(void)
{
	test_parse_v4();
	test_parse_v6();
	test_kinds();
	test_plan();
	test_facts();
	test_health();
	return check_done();
}
