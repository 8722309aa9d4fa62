// SPDX-License-Identifier: GPL-2.0-only
/* The verdict's ranking rules on synthetic results: blocking faults first,
 * probe attribution, neighbour vs tc/qdisc/link, probe evidence before
 * counters within a layer, warn-only and healthy runs, tcpdump notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "output.h"
#include "pb.h"
#include "pb_run.h"
#include "verdict_rule.h"

/* Layers a..: one check each, in this order; blocking where marked. */
static struct pb_playbook *mk_pb(const char *dir, const char *layers, const char *blocking)
{
	char text[4096], err[PB_ERR_LEN];
	size_t o = (size_t)snprintf(text, sizeof(text), "playbook t \"t\"\ndirection %s\n", dir);
	char copy[512], *save = NULL;
	snprintf(copy, sizeof(copy), "%s", layers);
	for (char *l = strtok_r(copy, " ", &save); l; l = strtok_r(NULL, " ", &save))
		o += (size_t)snprintf(
		    text + o, sizeof(text) - o,
		    "layer %s\n  check sysctl[net.core.somaxconn] > 0 crit \"%s\"%s\n"
		    "  check sysctl[net.core.somaxconn] > 1 crit \"%s-2\"\n",
		    l, l, strstr(blocking, l) ? " blocking" : "", l);
	struct pb_playbook *pb = pb_parse("t.playbook", text, NULL, NULL, err, sizeof(err));
	if (!pb)
		fprintf(stderr, "%s\n", err);
	return pb;
}

/* A run with every check passing; tests then fail some. */
static struct pb_run *mk_run(struct pb_playbook *pb)
{
	struct pb_run *r = calloc(1, sizeof(*r));
	r->name = strdup(pb->name);
	r->dir = pb->dir;
	r->window = 2;
	r->vres = -1;
	r->res = calloc((size_t)pb->nlayers * 2, sizeof(*r->res));
	for (int l = 0; l < pb->nlayers; l++) {
		r->layers[r->nlayers].layer = pb->layers[l].layer;
		r->layers[r->nlayers].title = strdup("");
		r->nlayers++;
		for (int c = 0; c < pb->layers[l].nchecks; c++) {
			struct pb_result *res = &r->res[r->nres++];
			res->layer = pb->layers[l].layer;
			res->dir = pb->dir;
			res->check = &pb->layers[l].checks[c];
			res->sev = res->check->sev;
			res->outcome = PB_PASS;
			res->title = strdup(res->check->msg);
			res->rate = res->count = -1;
		}
	}
	return r;
}

/* Fail check n (0-based over the run) as probe (windowed) or counter evidence. */
static void fail(struct pb_run *r, int n, bool windowed, enum pb_sev sev)
{
	r->res[n].outcome = PB_FAIL;
	r->res[n].windowed = windowed;
	r->res[n].sev = sev;
	r->res[n].count = 10;
	r->res[n].rate = 5;
}

static int idx(const struct pb_run *r, const char *title)
{
	for (int i = 0; i < r->nres; i++)
		if (!strcmp(r->res[i].title, title))
			return i;
	return -1;
}

static void test_ranking(void)
{
	struct pb_playbook *pb = mk_pb("rx", "link conntrack netfilter transport socket", "socket");
	struct pb_run *r;
	CHECK(pb != NULL);
	if (!pb)
		return;

	/* Healthy: none, ok. */
	r = mk_run(pb);
	pb_verdict(r);
	CHECK_STR(np_health_name(r->status), "ok");
	CHECK(r->vlayer == NP_L_NONE);
	pb_run_free(r);

	/* Everything skipped: unknown. */
	r = mk_run(pb);
	for (int i = 0; i < r->nres; i++)
		r->res[i].outcome = PB_SKIP;
	pb_verdict(r);
	CHECK_STR(np_health_name(r->status), "unknown");
	CHECK_STR(pb_lstatus_name(r->layers[0].status), "skip");
	pb_run_free(r);

	/* First layer in path order wins. */
	r = mk_run(pb);
	fail(r, idx(r, "transport"), true, PB_SEV_CRIT);
	fail(r, idx(r, "netfilter"), true, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vlayer == NP_L_NETFILTER);
	CHECK_STR(np_health_name(r->status), "crit");
	CHECK(strstr(r->tcpdump, "sees these packets") != NULL);
	pb_run_free(r);

	/* A blocking fault beats earlier loss evidence. */
	r = mk_run(pb);
	fail(r, idx(r, "netfilter"), true, PB_SEV_CRIT);
	fail(r, idx(r, "socket"), false, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vlayer == NP_L_SOCKET);
	CHECK(strstr(r->summary, "blocking") != NULL);
	pb_run_free(r);

	/* Counters of a later layer while the probe saw the packets die in
	 * netfilter: not blamed (warn); an earlier layer is kept. */
	r = mk_run(pb);
	fail(r, idx(r, "netfilter"), true, PB_SEV_CRIT);
	fail(r, idx(r, "transport"), false, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vlayer == NP_L_NETFILTER);
	CHECK(r->res[idx(r, "transport")].sev == PB_SEV_WARN);
	CHECK(strstr(r->res[idx(r, "transport")].why, "netfilter") != NULL);
	CHECK_STR(pb_lstatus_name(r->layers[3].status), "warn");
	pb_run_free(r);

	r = mk_run(pb);
	fail(r, idx(r, "conntrack"), false, PB_SEV_CRIT);
	fail(r, idx(r, "netfilter"), true, PB_SEV_CRIT);
	pb_verdict(r);
	/* conntrack marked them INVALID, netfilter dropped them: the earlier
	 * layer keeps its crit and is first in path order. */
	CHECK(r->vlayer == NP_L_CONNTRACK);
	CHECK(r->res[idx(r, "conntrack")].sev == PB_SEV_CRIT);
	pb_run_free(r);

	/* Within a layer, probe evidence before counters. */
	r = mk_run(pb);
	fail(r, idx(r, "transport"), false, PB_SEV_CRIT);
	fail(r, idx(r, "transport-2"), true, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vres == idx(r, "transport-2"));
	CHECK(strstr(r->summary, "10 packets lost in 2.0s (5.0/s)") != NULL);
	pb_run_free(r);

	/* Warnings only: warn at the first warning layer, exit 1 territory. */
	r = mk_run(pb);
	fail(r, idx(r, "transport"), false, PB_SEV_WARN);
	fail(r, idx(r, "link"), false, PB_SEV_INFO);
	pb_verdict(r);
	CHECK_STR(np_health_name(r->status), "warn");
	CHECK(r->vlayer == NP_L_TRANSPORT);
	CHECK_STR(pb_lstatus_name(r->layers[0].status), "ok"); /* info never raises a status */
	pb_run_free(r);
	pb_free(pb);
}

static void test_tx(void)
{
	struct pb_playbook *pb = mk_pb("tx", "routing neighbor tc qdisc link", "neighbor link");
	struct pb_run *r;
	CHECK(pb != NULL);
	if (!pb)
		return;
	/* A shaper dropping the solicitations: the qdisc, not the neighbour. */
	r = mk_run(pb);
	fail(r, idx(r, "neighbor"), false, PB_SEV_CRIT);
	fail(r, idx(r, "qdisc"), true, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vlayer == NP_L_QDISC);
	CHECK(strstr(r->tcpdump, "does not see") != NULL);
	pb_run_free(r);

	/* No carrier explains the unresolved neighbour. */
	r = mk_run(pb);
	fail(r, idx(r, "neighbor"), false, PB_SEV_CRIT);
	fail(r, idx(r, "link"), false, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vlayer == NP_L_LINK);
	CHECK(strstr(r->tcpdump, "sees these packets") != NULL);
	pb_run_free(r);

	/* The neighbour alone. */
	r = mk_run(pb);
	fail(r, idx(r, "neighbor"), false, PB_SEV_CRIT);
	pb_verdict(r);
	CHECK(r->vlayer == NP_L_NEIGHBOR);
	pb_run_free(r);
	pb_free(pb);
}

static void test_tcpdump_table(void)
{
	CHECK(strstr(pb_tcpdump_text(PB_DIR_RX, NP_L_XDP), "does not see") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_RX, NP_L_SOFTIRQ), "does not see") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_RX, NP_L_LINK), "does not see") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_RX, NP_L_TC), "sees these") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_RX, NP_L_NETFILTER), "sees these") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_RX, NP_L_SOCKET), "sees these") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_TX, NP_L_TC), "does not see") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_TX, NP_L_QDISC), "does not see") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_TX, NP_L_NETFILTER), "does not see") != NULL);
	CHECK(strstr(pb_tcpdump_text(PB_DIR_TX, NP_L_LINK), "sees these") != NULL);
}

/* The rule line under the verdict: broken between words at the terminal's
 * width, continuation under the rule's first word; one line without a width. */
static char *rule_text(const char *columns, bool exact)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct np_out *o;
	struct pb_vrule v = {.label = "ip filter INPUT handle 2: udp dport 7777 counter drop",
			     .advice = "nft add rule ...",
			     .packets = 30,
			     .candidates = 2,
			     .window = 3.0,
			     .exact = exact};

	if (columns)
		setenv("COLUMNS", columns, 1);
	else
		unsetenv("COLUMNS");
	o = np_out_new(f, stderr, false, false, false);
	pb_verdict_rule_text(o, &v);
	np_out_free(o);
	fclose(f);
	unsetenv("COLUMNS");
	return buf;
}

static void test_rule_text(void)
{
	char *s = rule_text("80", true);
	CHECK_STR(s,
		  "  rule: ip filter INPUT handle 2: udp dport 7777 counter drop (30 packets in\n"
		  "        3.0s)\n");
	free(s);
	s = rule_text(NULL, true);
	CHECK_STR(s, "  rule: ip filter INPUT handle 2: udp dport 7777 counter drop (30 packets in "
		     "3.0s)\n");
	free(s);
	s = rule_text("80", false);
	CHECK_STR(
	    s, "  rule: ip filter INPUT handle 2: udp dport 7777 counter drop? (no rule counter\n"
	       "        moved; the first of 2 drop rules without a counter on this path)\n"
	       "    count it to be sure: nft add rule ...\n");
	free(s);
}

int main(void)
{
	test_ranking();
	test_tx();
	test_tcpdump_table();
	test_rule_text();
	return check_done();
}
