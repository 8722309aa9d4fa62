// SPDX-License-Identifier: GPL-2.0-only
/* Fact families: every key is resolved once into its one spelling (the
 * family's grammar), a literal key written another way (sock[tcp:08080])
 * is found and its checks run, and the traits the engine acts on are the
 * families' data. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "ctx.h"
#include "factget.h"
#include "pb.h"
#include "pb_run.h"

static void canon(const char *in, const char *want)
{
	struct np_fact_ref ref, again;
	char why[256] = "";
	int err = np_fact_resolve(in, &ref, why, sizeof(why));
	if (err)
		fprintf(stderr, "resolve(%s): %s\n", in, why);
	CHECK(err == 0);
	CHECK_STR(ref.text, want);
	/* The canonical spelling is a fixed point. */
	CHECK(np_fact_resolve(ref.text, &again, why, sizeof(why)) == 0);
	CHECK_STR(again.text, want);
}

static void test_canonical(void)
{
	struct np_fact_ref ref;
	char why[256];

	canon("sock[tcp:08080].count", "sock[tcp:8080].count");
	canon("sock[udp:53].drops", "sock[udp:53].drops");
	canon("conn[2001:DB8::01,port=0443].syn_sent", "conn[2001:db8::1,port=443].syn_sent");
	canon("conn[10.0.0.2].count", "conn[10.0.0.2].count");
	canon("route[10.0.0.2,iif=eth0,from=10.0.0.1].reason",
	      "route[10.0.0.2,from=10.0.0.1,iif=eth0].reason");
	canon("route[2001:DB8:0::1,dport=0443,proto=tcp].type",
	      "route[2001:db8::1,proto=tcp,dport=443].type");
	canon("neigh[FD00:0::01].state", "neigh[fd00::1].state");
	canon("softnet[cpu01].dropped", "softnet[cpu1].dropped");
	canon("link[eth0.100].mtu", "link[eth0.100].mtu");
	canon("drops.layer[netfilter]", "drops.layer[netfilter]");
	/* Playbook parameters stay as written (resolved after substitution). */
	canon("sock[tcp:$port].count", "sock[tcp:$port].count");
	canon("conn[$dst,port=$port].count", "conn[$dst,port=$port].count");
	canon("route[$dst].dev", "route[$dst].dev");

	/* Errors: not a key, no family, a key the family refuses. */
	CHECK(np_fact_resolve("link[eth0", &ref, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(ref.fam == NULL);
	CHECK(np_fact_resolve("frob.count", &ref, why, sizeof(why)) == -ENOENT);
	CHECK(ref.fam == NULL && strstr(why, "frob"));
	CHECK(np_fact_resolve("sock[tcp:99999].count", &ref, why, sizeof(why)) == -ENOENT);
	CHECK(ref.fam && !strcmp(ref.fam->ns, "sock"));
	CHECK(np_fact_resolve("sock[tcp:8080].nope", &ref, why, sizeof(why)) == -ENOENT);
	CHECK(np_fact_resolve("conn[10.0.0.300].count", &ref, why, sizeof(why)) == -ENOENT);
	CHECK(np_fact_resolve("neigh[fd00::g].state", &ref, why, sizeof(why)) == -ENOENT);
}

static bool shared(const char *key)
{
	struct np_fact_ref ref;
	char why[256];
	return !np_fact_resolve(key, &ref, why, sizeof(why)) && np_fact_ref_shared(&ref);
}

static bool text_field(const char *key)
{
	struct np_fact_ref ref;
	char why[256];
	return !np_fact_resolve(key, &ref, why, sizeof(why)) && np_fact_ref_text_field(&ref);
}

static void test_traits(void)
{
	const struct np_fact_family *f;
	/* Counters every flow moves: context when a flow is diagnosed. */
	CHECK(shared("snmp.Udp.RcvbufErrors"));
	CHECK(shared("softnet.dropped"));
	CHECK(shared("softnet[cpu0].time_squeeze"));
	CHECK(shared("neightbl[arp_cache].unresolved_discards"));
	CHECK(shared("conntrack.stat.drop"));
	CHECK(!shared("conntrack.count"));
	CHECK(!shared("link[eth0].rx_dropped"));
	CHECK(!shared("sock[udp:53].drops"));
	/* An absent window fact: text reads "", a counter 0. */
	CHECK(text_field("drops.reason[ip]"));
	CHECK(text_field("drops.skip"));
	CHECK(!text_field("drops.layer[ip]"));
	CHECK(!text_field("resets.reason[NO_SOCKET]")); /* a count of RSTs */
	CHECK(text_field("flow.icmp.from"));
	CHECK(!text_field("flow.icmp.received"));
	/* Window, probe, active mode, values. */
	f = np_fact_family_find("drops");
	CHECK(f && f->window && f->probe && f->layer_detail && !f->fetch);
	f = np_fact_family_find("active");
	CHECK(f && f->window && !f->probe && f->active && f->values);
	f = np_fact_family_find("link[eth0].mtu");
	CHECK(f && !f->window && f->fetch && !strcmp(f->ns, "link"));
	CHECK(np_fact_family_find("links") == NULL);
	/* Every family once, each with a grammar or none, a listing line. */
	for (int i = 0; (f = np_fact_family_at(i)); i++) {
		CHECK(np_fact_family_find(f->ns) == f);
		CHECK(f->pattern && f->describe);
		CHECK(f->window || f->fetch);
	}
}

/* A playbook that spells a port with a leading zero and an address in
 * capitals: its checks find the facts (replayed, canonical in the
 * capture) and run, pass or fail, never `skip`. */
static void test_run_canonical(void)
{
	char path[] = "/tmp/np-test-families-XXXXXX", err[PB_ERR_LEN];
	const char *capture = "sock[tcp:8080].count = 2\n"
			      "sock[tcp:8080].listen = 0\n"
			      "conn[2001:db8::1,port=443].syn_sent = 3\n";
	const char *text = "playbook c \"canonical keys\"\n"
			   "layer transport\n"
			   "  check sock[tcp:08080].count == 2 crit \"count\"\n"
			   "  check sock[tcp:08080].listen == 1 crit \"nothing listens\"\n"
			   "  check conn[2001:DB8::01,port=0443].syn_sent == 0 crit "
			   "\"{conn[2001:DB8::01,port=0443].syn_sent} SYNs\"\n";
	const char *param_text = "playbook p \"a port given as a parameter\"\n"
				 "param port port \"local port\"\n"
				 "layer transport\n"
				 "  check sock[tcp:$port].count == 2 crit \"count\"\n";
	FILE *devnull = fopen("/dev/null", "w");
	struct np_out *o = np_out_new(devnull, devnull, true, false, false);
	struct np_ctx ctx;
	struct pb_job job = {0};
	struct pb_run *r = NULL;
	const struct np_fact *f;
	struct np_fact_miss miss;
	int fd = mkstemp(path);

	CHECK(fd >= 0 && write(fd, capture, strlen(capture)) == (ssize_t)strlen(capture));
	close(fd);
	setenv("NETPATH_FACTS_REPLAY", path, 1);
	CHECK(np_factsrc_init(o) == 0);
	np_ctx_init(&ctx, o);

	/* get: the key as typed, the fact under its one spelling. */
	CHECK(np_fact_read(&ctx, "sock[tcp:08080].count", &f, &miss) == 0);
	CHECK(f && f->i == 2 && !strcmp(f->key, "sock[tcp:8080].count"));

	job.pb = pb_parse("c.playbook", text, NULL, NULL, err, sizeof(err));
	CHECK(job.pb != NULL);
	if (job.pb && pb_run(&ctx, &job, 1, 0, true, &r) == 0) {
		CHECK(r->nres == 3);
		CHECK(r->res[0].outcome == PB_PASS);
		CHECK(r->res[1].outcome == PB_FAIL);
		CHECK(r->res[1].nev == 1 && !strcmp(r->res[1].ev[0].fact, "sock[tcp:8080].listen"));
		CHECK(r->res[2].outcome == PB_FAIL);
		CHECK_STR(r->res[2].title, "3 SYNs");
	}
	pb_run_free(r);
	r = NULL;
	pb_free(job.pb);

	/* The issue's own case: port=08080 given as a parameter.  The value
	 * takes the type's one spelling, the substituted key is resolved
	 * again, and the check runs on the fact the capture holds. */
	job = (struct pb_job){0};
	job.pb = pb_parse("p.playbook", param_text, NULL, NULL, err, sizeof(err));
	CHECK(job.pb != NULL);
	if (job.pb) {
		char *argv[] = {"port=08080", "window=0"};
		double w;
		CHECK(pb_job_params(&ctx, &job, 2, argv, &w) == 0);
		CHECK_STR(job.pv[0], "8080");
		if (pb_run(&ctx, &job, 1, 0, true, &r) == 0) {
			CHECK(r->nres == 1);
			CHECK(r->res[0].outcome == PB_PASS);
			CHECK(r->res[0].nev == 1 &&
			      !strcmp(r->res[0].ev[0].fact, "sock[tcp:8080].count"));
		}
		pb_run_free(r);
		pb_job_clear(&job);
		pb_free(job.pb);
	}
	np_ctx_fini(&ctx);
	np_factsrc_finish(o);
	unsetenv("NETPATH_FACTS_REPLAY");
	unlink(path);
	np_out_free(o);
	fclose(devnull);
}

/* A reader publishing both fields of its object with one read, counted. */
static int fake_reads;
static int fake_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	(void)key;
	fake_reads++;
	np_fact_set_int(ctx->facts, "fake[x].a", fake_reads);
	np_fact_set_int(ctx->facts, "fake[x].b", fake_reads * 10);
	return 0;
}

static const struct np_fact_family fake_family = {.ns = "fake", .fetch = fake_fetch};

static void fake_ref(struct np_fact_ref *ref, const char *text)
{
	char why[128];
	memset(ref, 0, sizeof(*ref));
	CHECK(np_factkey_parse(text, &ref->key, why, sizeof(why)) == 0);
	ref->fam = &fake_family;
	snprintf(ref->text, sizeof(ref->text), "%s", text);
}

/* A snapshot reads each object once: a sibling published by this
 * snapshot's read is answered from the store, whatever the read's phase
 * (the verdict's own reads judge the AFTER snapshot); the next snapshot,
 * and a read once it has ended, read again. */
static void test_snapshot_reads_once(void)
{
	FILE *devnull = fopen("/dev/null", "w");
	struct np_out *o = np_out_new(devnull, devnull, true, false, false);
	struct np_fact_ref a, b;
	struct np_ctx ctx;
	uint64_t g0;

	np_ctx_init(&ctx, o);
	fake_ref(&a, "fake[x].a");
	fake_ref(&b, "fake[x].b");
	g0 = np_facts_gen();
	np_fact_set_int(ctx.facts, "other", 1);
	CHECK(np_facts_gen() > g0 && np_fact_lookup(ctx.facts, "other")->gen > g0);

	np_factsrc_snapshot_begin();
	CHECK(np_fact_fetch(&ctx, &a, NP_FS_BEFORE) == 0 && fake_reads == 1);
	CHECK(np_fact_fetch(&ctx, &b, NP_FS_BEFORE) == 0 && fake_reads == 1);
	CHECK(np_fact_fetch(&ctx, &a, NP_FS_BEFORE) == 0 && fake_reads == 1);
	np_factsrc_snapshot_end();
	CHECK(np_fact_fetch(&ctx, &b, NP_FS_STATIC) == 0 && fake_reads == 2);
	np_factsrc_snapshot_begin();
	CHECK(np_fact_fetch(&ctx, &b, NP_FS_AFTER) == 0 && fake_reads == 3);
	CHECK(np_fact_lookup(ctx.facts, "fake[x].b")->i == 30);
	CHECK(np_fact_fetch(&ctx, &a, NP_FS_AFTER) == 0 && fake_reads == 3);
	CHECK(np_fact_fetch(&ctx, &a, NP_FS_STATIC) == 0 && fake_reads == 3);
	CHECK(np_fact_lookup(ctx.facts, "fake[x].a")->i == 3);
	np_factsrc_snapshot_end();
	/* Outside a snapshot (get, facts): always read. */
	CHECK(np_fact_fetch(&ctx, &a, NP_FS_STATIC) == 0 && fake_reads == 4);
	np_ctx_fini(&ctx);
	np_out_free(o);
	fclose(devnull);
}

int main(void)
{
	test_canonical();
	test_traits();
	test_run_canonical();
	test_snapshot_reads_once();
	return check_done();
}
