// SPDX-License-Identifier: GPL-2.0-only
/* The nftables evidence without a kernel: snapshots built by hand, their
 * difference, which hooks reach a chain, the culprit for a drop count, the
 * candidates and the add-a-counter advice, and rule text placed from a
 * listing recorded from nft 1.0.6 (tests/unit/fixtures_nft.h). */
#include <linux/netfilter.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixtures_nft.h"
#include "nft.h"

static size_t add_chain(struct np_nft_snap *s, uint8_t fam, const char *table, const char *name,
			unsigned hook, int prio, bool pdrop, bool counter, uint64_t pk,
			uint64_t handle)
{
	struct np_nft_chain *c;
	s->chains = realloc(s->chains, (s->nchains + 1) * sizeof(*c));
	c = &s->chains[s->nchains];
	memset(c, 0, sizeof(*c));
	c->family = fam;
	c->table = strdup(table);
	c->name = strdup(name);
	c->base = hook != 0;
	c->hook = hook;
	c->prio = prio;
	c->policy_drop = pdrop;
	c->has_counter = counter;
	c->packets = pk;
	c->bytes = pk * 100;
	c->handle = handle;
	return s->nchains++;
}

static size_t add_rule(struct np_nft_snap *s, size_t chain, uint64_t handle, enum np_nft_verdict v,
		       const char *target, bool counter, uint64_t pk, const char *text)
{
	struct np_nft_rule *r;
	s->rules = realloc(s->rules, (s->nrules + 1) * sizeof(*r));
	r = &s->rules[s->nrules];
	memset(r, 0, sizeof(*r));
	r->chain = chain;
	r->handle = handle;
	r->verdict = v;
	r->target = target ? strdup(target) : NULL;
	r->has_counter = counter;
	r->packets = pk;
	r->bytes = pk * 100;
	r->text = text ? strdup(text) : NULL;
	/* The kernel's use count: a chain's rules and what jumps to it. */
	s->chains[chain].use++;
	if (target)
		for (size_t i = 0; i < s->nchains; i++)
			if (!strcmp(s->chains[i].name, target))
				s->chains[i].use++;
	return s->nrules++;
}

/* A host in the shape of the scenarios: iptables-nft INPUT with a decoy
 * accept, a user chain, an nft inet table with counterless drops, an
 * output chain, a forward policy.  k scales the counters (before/after). */
static void host(struct np_nft_snap *s, uint64_t in_drop, uint64_t sub_drop, uint64_t out_drop,
		 uint64_t fwd_policy)
{
	size_t in, sub, out, inet_in, unused;
	memset(s, 0, sizeof(*s));
	in = add_chain(s, NFPROTO_IPV4, "filter", "INPUT", NP_NFT_H_INPUT, 0, false, false, 0, 1);
	sub = add_chain(s, NFPROTO_IPV4, "filter", "MYCHAIN", 0, 0, false, false, 0, 5);
	add_chain(s, NFPROTO_IPV4, "filter", "FORWARD", NP_NFT_H_FORWARD, 0, true, true, fwd_policy,
		  8);
	out = add_chain(s, NFPROTO_IPV4, "filter", "OUTPUT", NP_NFT_H_OUTPUT, 0, false, true, 0, 9);
	inet_in =
	    add_chain(s, NFPROTO_INET, "filter", "input", NP_NFT_H_INPUT, -10, false, false, 0, 1);
	unused = add_chain(s, NFPROTO_INET, "filter", "unused", 0, 0, false, false, 0, 2);
	add_rule(s, in, 2, NP_NFT_V_ACCEPT, NULL, true, 1000 + in_drop,
		 "tcp dport 22 counter accept");
	add_rule(s, in, 3, NP_NFT_V_DROP, NULL, true, in_drop, "udp dport 5001 counter drop");
	add_rule(s, in, 7, NP_NFT_V_JUMP, "MYCHAIN", true, 50, "counter jump MYCHAIN");
	add_rule(s, sub, 6, NP_NFT_V_REJECT, NULL, true, sub_drop,
		 "ip saddr 10.9.9.9 counter reject");
	add_rule(s, out, 10, NP_NFT_V_DROP, NULL, true, out_drop, "udp dport 5001 counter drop");
	add_rule(s, inet_in, 4, NP_NFT_V_DROP, NULL, false, 0,
		 "udp dport 5353 drop comment \"mdns\"");
	add_rule(s, inet_in, 5, NP_NFT_V_REJECT, NULL, false, 0,
		 "tcp dport { 1, 2, 3 } reject with tcp reset");
	add_rule(s, unused, 3, NP_NFT_V_DROP, NULL, false, 0, "udp dport 7 drop");
	CHECK(np_nft_snap_finish(s) == 0);
}

static void test_names(void)
{
	CHECK(np_nft_hook_bit(NFPROTO_IPV4, 1) == NP_NFT_H_INPUT);
	CHECK(np_nft_hook_bit(NFPROTO_INET, 5) == NP_NFT_H_INGRESS);
	CHECK(np_nft_hook_bit(NFPROTO_ARP, 1) == NP_NFT_H_OUTPUT);
	CHECK(np_nft_hook_bit(NFPROTO_NETDEV, 1) == NP_NFT_H_EGRESS);
	CHECK(np_nft_hook_bit(NFPROTO_BRIDGE, 2) == NP_NFT_H_FORWARD);
	CHECK(np_nft_hook_bit(NFPROTO_IPV4, 9) == 0);
	CHECK_STR(np_nft_family_name(NFPROTO_IPV6), "ip6");
	CHECK(np_nft_family_from_name("netdev") == NFPROTO_NETDEV);
	CHECK(np_nft_family_from_name("ipx") == -1);
	CHECK(np_nft_path_hooks("rx") == NP_NFT_PATH_RX);
	CHECK(np_nft_path_hooks("sideways") == 0);
	CHECK(np_nft_hook_first(NP_NFT_PATH_FORWARD) == NP_NFT_H_INGRESS);
	CHECK_STR(np_nft_hook_name(np_nft_hook_first(NP_NFT_PATH_TX)), "output");
}

static void test_reach(void)
{
	struct np_nft_snap s;
	host(&s, 0, 0, 0, 0);
	CHECK(s.chains[1].reach == NP_NFT_H_INPUT); /* MYCHAIN, jumped to from INPUT */
	CHECK(s.chains[1].prio == 0);
	CHECK(s.chains[5].reach == 0); /* unused: its rule counts, nothing refers to it */
	/* Referenced (a verdict map) but jumped to by no rule: any hook. */
	s.chains[5].use++;
	CHECK(np_nft_snap_finish(&s) == 0);
	CHECK(s.chains[5].reach == NP_NFT_H_ALL);
	CHECK(np_nft_find_rule(&s, NFPROTO_IPV4, "filter", 6) == 3);
	CHECK(np_nft_find_rule(&s, NFPROTO_INET, "filter", 3) == 7); /* same handle, other table */
	CHECK(np_nft_find_rule(&s, NFPROTO_IPV6, "filter", 3) == -1);
	np_nft_snap_free(&s);
}

static void test_diff(void)
{
	struct np_nft_snap a, b;
	struct np_nft_move *m;
	size_t n;
	host(&a, 10, 5, 0, 100);
	host(&b, 207, 5, 3, 140);
	CHECK(np_nft_diff(&a, &b, &m, &n) == 0);
	/* accept +197, drop +197, forward policy +40, output drop +3 */
	CHECK(n == 4);
	CHECK(m[0].packets == 197 && m[1].packets == 197);
	CHECK(!m[0].policy && b.rules[m[0].idx].handle == 2); /* ties: dump order */
	CHECK(b.rules[m[1].idx].handle == 3);
	CHECK(m[1].bytes == 19700);
	CHECK(m[2].policy && m[2].packets == 40 && !strcmp(b.chains[m[2].idx].name, "FORWARD"));
	CHECK(!m[3].policy && m[3].packets == 3);
	free(m);
	/* Counters that went back (reset, replaced rule) are not movement;
	 * a rule that appeared during the window counted only in it. */
	b.rules[1].packets = 1;
	b.rules[0].handle = 99;
	CHECK(np_nft_snap_finish(&b) == 0);
	CHECK(np_nft_diff(&a, &b, &m, &n) == 0);
	CHECK(n == 3);
	CHECK(b.rules[m[0].idx].handle == 99 && m[0].packets == 1207);
	free(m);
	np_nft_snap_free(&a);
	np_nft_snap_free(&b);
}

static void pick(const struct np_nft_snap *a, const struct np_nft_snap *b, unsigned hooks,
		 int64_t drops, struct np_nft_culprit *c)
{
	struct np_nft_move *m;
	size_t n;
	CHECK(np_nft_diff(a, b, &m, &n) == 0);
	CHECK(np_nft_pick(b, m, n, hooks, drops, c) == 0);
	free(m);
}

static void test_pick(void)
{
	struct np_nft_snap a, b;
	struct np_nft_culprit c;
	char buf[512];

	/* The drop rule that moved exactly by the probe's count, not the
	 * accept rule beside it nor the output rule. */
	host(&a, 10, 0, 0, 0);
	host(&b, 207, 0, 197, 0);
	pick(&a, &b, NP_NFT_PATH_RX, 197, &c);
	CHECK(c.found && c.exact && c.count_match);
	CHECK(!c.ref.policy && b.rules[c.ref.idx].handle == 3 && c.packets == 197);
	CHECK_STR(np_nft_ref_hook(&b, &c.ref, NP_NFT_PATH_RX), "input");
	np_nft_ref_label(&b, &c.ref, buf, sizeof(buf));
	CHECK_STR(buf, "ip filter INPUT handle 3: udp dport 5001 counter drop");
	np_nft_culprit_free(&c);
	/* On the send path the output rule is the one. */
	pick(&a, &b, NP_NFT_PATH_TX, 197, &c);
	CHECK(c.found && c.exact && b.rules[c.ref.idx].handle == 10);
	np_nft_culprit_free(&c);
	/* The probe saw nothing for this flow: nobody is named. */
	pick(&a, &b, NP_NFT_PATH_RX, 0, &c);
	CHECK(!c.found && !c.ncand);
	np_nft_culprit_free(&c);
	np_nft_snap_free(&a);
	np_nft_snap_free(&b);

	/* Exact beats bigger: the user chain's reject moved by 40 = drops,
	 * the INPUT drop by 300 (other flows). */
	host(&a, 0, 0, 0, 0);
	host(&b, 300, 40, 0, 0);
	pick(&a, &b, NP_NFT_PATH_RX, 40, &c);
	CHECK(c.exact && b.rules[c.ref.idx].handle == 6);
	CHECK_STR(np_nft_ref_hook(&b, &c.ref, NP_NFT_PATH_RX), "input");
	np_nft_culprit_free(&c);
	/* No probe: the drop rule that moved most. */
	pick(&a, &b, NP_NFT_PATH_RX, -1, &c);
	CHECK(c.exact && b.rules[c.ref.idx].handle == 3 && !c.count_match);
	np_nft_culprit_free(&c);
	/* No exact match: the closest that explains it. */
	pick(&a, &b, NP_NFT_PATH_RX, 45, &c);
	CHECK(c.exact && b.rules[c.ref.idx].handle == 6);
	np_nft_culprit_free(&c);
	np_nft_snap_free(&a);
	np_nft_snap_free(&b);

	/* A forward policy drop, named by its chain. */
	host(&a, 0, 0, 0, 100);
	host(&b, 0, 0, 0, 163);
	pick(&a, &b, NP_NFT_PATH_FORWARD, 63, &c);
	CHECK(c.exact && c.ref.policy && !strcmp(b.chains[c.ref.idx].name, "FORWARD"));
	np_nft_ref_label(&b, &c.ref, buf, sizeof(buf));
	CHECK_STR(buf, "ip filter FORWARD handle 8: policy drop");
	np_nft_advice(&b, &c.ref, buf, sizeof(buf));
	CHECK_STR(buf, ""); /* it has a counter */
	np_nft_culprit_free(&c);
	/* ... and not on the receive path. */
	pick(&a, &b, NP_NFT_PATH_RX, 63, &c);
	CHECK(c.found && !c.exact);
	np_nft_culprit_free(&c);
	np_nft_snap_free(&a);
	np_nft_snap_free(&b);
}

static void test_candidates(void)
{
	struct np_nft_snap a, b;
	struct np_nft_culprit c;
	char buf[512];

	/* 200 drops, nothing with a counter moved: the counterless drop
	 * rules of the input hook, in path order (the inet chain's priority
	 * -10 runs before iptables' 0), never the unused chain's. */
	host(&a, 0, 0, 0, 0);
	host(&b, 0, 0, 0, 0);
	pick(&a, &b, NP_NFT_PATH_RX, 200, &c);
	CHECK(c.found && !c.exact && c.ncand == 2);
	CHECK(b.rules[c.cand[0].idx].handle == 4 && b.rules[c.cand[1].idx].handle == 5);
	CHECK(c.ref.idx == c.cand[0].idx);
	np_nft_advice(&b, &c.ref, buf, sizeof(buf));
	CHECK_STR(buf, "nft 'replace rule inet filter input handle 4 udp dport 5353 counter drop "
		       "comment \"mdns\"'");
	np_nft_advice(&b, &c.cand[1], buf, sizeof(buf));
	CHECK_STR(buf, "nft 'replace rule inet filter input handle 5 tcp dport { 1, 2, 3 } counter "
		       "reject with tcp reset'");
	np_nft_culprit_free(&c);
	/* The send path has none of them. */
	pick(&a, &b, NP_NFT_PATH_TX, 200, &c);
	CHECK(!c.found && c.ncand == 0);
	np_nft_culprit_free(&c);
	/* A counter that moved by 3 of 200 does not explain it while rules
	 * without counters could: candidates. */
	np_nft_snap_free(&b);
	host(&b, 3, 0, 0, 0);
	pick(&a, &b, NP_NFT_PATH_RX, 200, &c);
	CHECK(c.found && !c.exact && c.ncand == 2);
	np_nft_culprit_free(&c);
	np_nft_snap_free(&a);
	np_nft_snap_free(&b);
}

static void test_advice(void)
{
	struct np_nft_snap s;
	struct np_nft_ref r;
	char buf[512];
	size_t ch;
	memset(&s, 0, sizeof(s));
	ch = add_chain(&s, NFPROTO_INET, "filter", "input", NP_NFT_H_INPUT, 0, true, false, 0, 1);
	add_rule(&s, ch, 2, NP_NFT_V_DROP, NULL, false, 0, "meta nftrace set 1 drop");
	add_rule(&s, ch, 3, NP_NFT_V_DROP, NULL, false, 0,
		 "ip saddr 1.2.3.4 log prefix \"it's drop \" drop");
	add_rule(&s, ch, 4, NP_NFT_V_DROP, NULL, false, 0, NULL);
	add_rule(&s, ch, 5, NP_NFT_V_DROP, NULL, false, 0, "drop");
	CHECK(np_nft_snap_finish(&s) == 0);
	r = (struct np_nft_ref){false, 0};
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf,
		  "nft 'replace rule inet filter input handle 2 meta nftrace set 1 counter drop'");
	/* a quote in the text: shell-escaped; "drop" inside quotes is not the verdict */
	r.idx = 1;
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf, "nft 'replace rule inet filter input handle 3 ip saddr 1.2.3.4 log prefix "
		       "\"it'\\''s drop \" counter drop'");
	r.idx = 2; /* no text: no advice */
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf, "");
	r.idx = 3;
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf, "nft 'replace rule inet filter input handle 5 counter drop'");
	r = (struct np_nft_ref){true, 0}; /* the policy: count what reaches it */
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf, "nft 'add rule inet filter input counter comment \"policy drop\"'");
	np_nft_advice(&s, &r, buf, 40); /* too small: nothing rather than half */
	CHECK_STR(buf, "");
	/* Quotes grow fourfold when escaped: a text that no longer fits gives
	 * no advice, never one cut before its counter. */
	free(s.rules[1].text);
	s.rules[1].text = calloc(1, 200);
	memset(s.rules[1].text, '\'', 150);
	memcpy(s.rules[1].text + 150, " drop", 5);
	r = (struct np_nft_ref){false, 1};
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf, "");
	r = (struct np_nft_ref){true, 0};
	/* A name nft cannot take on its command line: no advice. */
	free(s.chains[0].name);
	s.chains[0].name = strdup("in put");
	np_nft_advice(&s, &r, buf, sizeof(buf));
	CHECK_STR(buf, "");
	CHECK(np_nft_name_ok("DOCKER-USER") && np_nft_name_ok("f2b-sshd") && !np_nft_name_ok("9x"));
	np_nft_snap_free(&s);
}

struct seen {
	int n;
	char last[512];
	char fam[16], table[64], chain[64];
	uint64_t handle;
};

static void seen_cb(void *arg, const char *family, const char *table, const char *chain,
		    uint64_t handle, const char *text)
{
	struct seen *s = arg;
	s->n++;
	snprintf(s->last, sizeof(s->last), "%s", text);
	snprintf(s->fam, sizeof(s->fam), "%s", family);
	snprintf(s->table, sizeof(s->table), "%s", table);
	snprintf(s->chain, sizeof(s->chain), "%s", chain);
	s->handle = handle;
}

static void parse_str(const char *text, struct seen *sn)
{
	np_nft_listing_parse(text, strlen(text), seen_cb, sn);
}

static void test_listing(void)
{
	struct seen sn = {0};
	struct np_nft_snap s;
	size_t ip, sub, in, out, nd;

	np_nft_listing_parse(nft_listing_106, strlen(nft_listing_106), seen_cb, &sn);
	/* every rule line, none of the set/map/chain header lines */
	CHECK(sn.n == 13);
	CHECK_STR(sn.fam, "netdev");
	CHECK_STR(sn.chain, "eg");
	CHECK(sn.handle == 2);
	CHECK_STR(sn.last, "udp dport 9 drop");

	memset(&s, 0, sizeof(s));
	ip = add_chain(&s, NFPROTO_IPV4, "filter", "INPUT", NP_NFT_H_INPUT, 0, false, false, 0, 1);
	sub = add_chain(&s, NFPROTO_INET, "filter", "sub", 0, 0, false, false, 0, 2);
	in = add_chain(&s, NFPROTO_INET, "filter", "input", NP_NFT_H_INPUT, 0, false, false, 0, 1);
	out = add_chain(&s, NFPROTO_INET, "filter", "out", NP_NFT_H_OUTPUT, 0, false, false, 0, 4);
	nd = add_chain(&s, NFPROTO_NETDEV, "nd", "eg", NP_NFT_H_EGRESS, 0, false, false, 0, 1);
	add_rule(&s, ip, 2, NP_NFT_V_DROP, NULL, true, 0, NULL);
	add_rule(&s, in, 7, NP_NFT_V_DROP, NULL, false, 0, NULL);
	add_rule(&s, sub, 13, NP_NFT_V_DROP, NULL, false, 0, NULL);
	add_rule(&s, out, 15, NP_NFT_V_DROP, NULL, false, 0, NULL);
	add_rule(&s, nd, 2, NP_NFT_V_DROP, NULL, false, 0, NULL);
	add_rule(&s, in, 77, NP_NFT_V_DROP, NULL, false, 0, NULL); /* not in the listing */
	CHECK(np_nft_snap_finish(&s) == 0);
	CHECK(np_nft_listing_attach(&s, nft_listing_106, strlen(nft_listing_106)) == 5);
	/* iptables-nft's comment match prints nothing: the double space goes */
	CHECK_STR(s.rules[0].text, "udp dport 5001 counter drop");
	/* "# handle" inside a quoted comment is text, the last one the handle */
	CHECK_STR(s.rules[1].text, "udp dport 5353 drop comment \"mdns # handle 99\"");
	CHECK_STR(s.rules[2].text, "meta l4proto icmp drop");
	CHECK_STR(s.rules[3].text, "udp dport 9999 drop");
	CHECK_STR(s.rules[4].text, "udp dport 9 drop"); /* same handle, other table */
	CHECK(s.rules[5].text == NULL);
	np_nft_snap_free(&s);

	/* Truncated and hostile input: no crash, nothing placed wrongly. */
	sn.n = 0;
	np_nft_listing_parse(
	    nft_listing_106,
	    (size_t)(strstr(nft_listing_106, "# handle 2\n") - nft_listing_106) + 10, seen_cb, &sn);
	CHECK(sn.n == 1 && sn.handle == 2);
	sn.n = 0; /* cut before the number: a line without a handle is no rule */
	np_nft_listing_parse(
	    nft_listing_106,
	    (size_t)(strstr(nft_listing_106, "# handle 2\n") - nft_listing_106) + 9, seen_cb, &sn);
	CHECK(sn.n == 0);
	sn.n = 0;
	parse_str("\t\tdrop # handle 3\ntable ip\n\t\tx # handle 1\n", &sn);
	CHECK(sn.n == 0);
	sn.n = 0; /* an unbalanced quote keeps no blanks at the end */
	parse_str("table ip t {\n\tchain c {\n\t\tlog prefix \"x   # handle 3\n", &sn);
	CHECK(sn.n == 1 && sn.handle == 3);
	CHECK_STR(sn.last, "log prefix \"x");
	sn.n = 0;
	parse_str("table ip t {\n\tchain c {\n\t\tdrop # handle 99999999999999999999\n", &sn);
	CHECK(sn.n == 0);
}

int main(void)
{
	test_names();
	test_reach();
	test_diff();
	test_pick();
	test_candidates();
	test_advice();
	test_listing();
	return check_done();
}
