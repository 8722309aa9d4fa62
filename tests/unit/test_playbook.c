// SPDX-License-Identifier: GPL-2.0-only
/* Playbook language: every parse/type error path names file:line:col and
 * what was expected; includes, trust checks and the evaluator over the
 * sysctl facts (always present, no root needed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "command.h"
#include "pb.h"
#include "pb_run.h"

/* In-memory fragments for include. */
static const char *frag_text(const char *name)
{
	if (!strcmp(name, "base"))
		return "layer link \"NIC\"\n"
		       "  check sysctl[net.core.somaxconn] > 0 info \"somaxconn\"\n";
	if (!strcmp(name, "loop"))
		return "include loop\n";
	if (!strcmp(name, "hasplaybook"))
		return "playbook x \"y\"\n";
	if (!strcmp(name, "hasparam"))
		return "param p port optional\n";
	if (!strcmp(name, "bad"))
		return "layer link\n  check sysctl[net.core.somaxconn] > 0 bogus \"x\"\n";
	return NULL;
}

static char *inc(void *cookie, const char *from, const char *name, char **path, char *why,
		 size_t len)
{
	const char *t = frag_text(name);
	(void)cookie;
	(void)from;
	if (!t) {
		snprintf(why, len, "no fragment %s.inc", name);
		return NULL;
	}
	*path = malloc(strlen(name) + 5);
	sprintf(*path, "%s.inc", name);
	return strdup(t);
}

#define HEAD "playbook t \"test\"\nparam port port optional \"p\"\nparam dev iface optional\n"

/* Parse text and expect an error containing want (and a file:line:col). */
static void expect_err(int line, const char *text, const char *where, const char *want)
{
	char err[PB_ERR_LEN] = "";
	struct pb_playbook *pb = pb_parse("t.playbook", text, inc, NULL, err, sizeof(err));
	if (pb) {
		fprintf(stderr, "line %d: parsed but expected error '%s'\n", line, want);
		pb_free(pb);
		check_fail++;
		return;
	}
	if (!strstr(err, where) || !strstr(err, want)) {
		fprintf(stderr, "line %d: error '%s' lacks '%s' / '%s'\n", line, err, where, want);
		check_fail++;
		return;
	}
	check_pass++;
}

#define ERR(text, where, want) expect_err(__LINE__, text, where, want)

static void test_errors(void)
{
	ERR("", "t.playbook:1:1:", "expected 'playbook NAME");
	ERR("# only a comment\n\n", "t.playbook:1:1:", "empty file");
	ERR("layer link\n", "t.playbook:1:1:", "expected 'playbook NAME \"summary\"' first");
	ERR("playbook\n", "t.playbook:1:9:", "expected a playbook name");
	ERR("playbook a/b \"x\"\n", "t.playbook:1:10:", "expected a playbook name");
	ERR("playbook t\n", "t.playbook:1:11:", "expected a quoted summary");
	ERR("playbook t \"unterminated\n", "t.playbook:1:12:", "unterminated string");
	ERR("playbook t \"bad \\q escape\"\n", "t.playbook:1:12:", "unknown escape");
	ERR("playbook t \"x\" @\n", "t.playbook:1:16:", "unexpected character '@'");
	ERR("playbook t \"x\" extra\n", "t.playbook:1:16:", "expected end of line");
	ERR("playbook t \"x\"\nplaybook u \"y\"\n", "t.playbook:2:1:", "may appear once");
	ERR(HEAD "param port port optional\n", "t.playbook:4:7:", "declared twice");
	ERR(HEAD "param 9x port\n", "t.playbook:4:7:", "expected a parameter name");
	ERR(HEAD "param q number\n", "t.playbook:4:9:", "expected a parameter type");
	ERR(HEAD "param q port default 99999\n", "t.playbook:4:22:", "type error: default");
	ERR(HEAD "param q addr default nothere\n", "t.playbook:4:22:", "type error");
	ERR(HEAD "param window duration\n", "t.playbook:4:7:", "'window' is built in");
	ERR(HEAD "param q port default\n", "t.playbook:4:21:", "expected a default value");
	ERR(HEAD "window soon\n", "t.playbook:4:8:", "expected a duration");
	ERR(HEAD "window 9999\n", "t.playbook:4:8:", "expected a duration");
	ERR(HEAD "direction up\n", "t.playbook:4:11:", "expected rx or tx");
	ERR(HEAD "layer nic\n", "t.playbook:4:7:", "expected a layer");
	ERR(HEAD "layer none\n", "t.playbook:4:7:", "expected a layer");
	ERR(HEAD "check sysctl[net.core.somaxconn] > 0 info \"x\"\n",
	    "t.playbook:4:1:", "'check' outside a layer");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0\n",
	    "t.playbook:5:39:", "expected a severity");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit\n",
	    "t.playbook:5:44:", "expected a quoted message");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"m\" frob\n",
	    "t.playbook:5:49:", "expected 'hint', 'next', 'reason', 'blocking'");
	ERR(HEAD
	    "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"m\" hint \"a\" hint \"b\"\n",
	    "t.playbook:5:58:", "each at most once");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"m\" reason lower\n",
	    "t.playbook:5:56:", "expected a kernel drop reason");
	ERR(HEAD "layer link\n  check frob.count == 0 crit \"m\"\n",
	    "t.playbook:5:9:", "unknown fact 'frob.count'");
	ERR(HEAD "layer link\n  check sysctl[].x == 0 crit \"m\"\n",
	    "t.playbook:5:9:", "unknown fact");
	ERR(HEAD "layer link\n  check sysctl[net.$nope] == 0 crit \"m\"\n",
	    "t.playbook:5:9:", "unknown parameter '$nope'");
	ERR(HEAD "layer link\n  check $nope == 1 crit \"m\"\n",
	    "t.playbook:5:9:", "unknown parameter '$nope'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"$who is down\"\n",
	    "t.playbook:5:45:", "unknown parameter '$who'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] < big crit \"m\"\n",
	    "t.playbook:5:38:", "type error: '<' compares numbers");
	ERR(HEAD "layer link\n  check delta sysctl[net.core.somaxconn] == up crit \"m\"\n",
	    "t.playbook:5:45:", "type error: expected a number");
	ERR(HEAD "layer link\n  check delta 5 == 0 crit \"m\"\n",
	    "t.playbook:5:15:", "expected a fact after 'delta'");
	ERR(HEAD "layer link\n  check rate up == 0 crit \"m\"\n",
	    "t.playbook:5:14:", "expected a fact after 'rate'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] in 1, 2 crit \"m\"\n",
	    "t.playbook:5:39:", "expected '(' after 'in'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] in (1 2) crit \"m\"\n",
	    "t.playbook:5:42:", "expected ',' or ')'");
	ERR(HEAD "layer link\n  check (sysctl[net.core.somaxconn] > 0 crit \"m\"\n",
	    "t.playbook:5:41:", "expected ')'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] < 1 + up crit \"m\"\n",
	    "t.playbook:5:42:", "type error: '+' adds numbers");
	ERR(HEAD "layer link when sysctl[a.b] + delta sysctl[a.c] > 0\n",
	    "t.playbook:4:17:", "'when' must be static");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] < big * 2 crit \"m\"\n",
	    "t.playbook:5:42:", "type error: '*' scales a number");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] < 5 * x crit \"m\"\n",
	    "t.playbook:5:42:", "expected a number after '*'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] = 0 crit \"m\"\n",
	    "t.playbook:5:36:", "expected '=='");
	ERR(HEAD "layer link\n  check == 0 crit \"m\"\n", "t.playbook:5:9:", "expected a value");
	ERR(HEAD "layer link\n  check and crit \"m\"\n", "t.playbook:5:9:", "expected a value");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 and crit \"m\"\n",
	    "t.playbook:5:44:", "expected a value");
	ERR(HEAD "layer link\n  check x] == 0 crit \"m\"\n", "t.playbook:5:9:", "unexpected ']'");
	ERR(HEAD "layer link\n  check sysctl[net.core == 0 crit \"m\"\n",
	    "t.playbook:5:9:", "expected ']'");
	ERR(HEAD "layer link when delta sysctl[net.core.somaxconn] > 0\n",
	    "t.playbook:4:17:", "'when' must be static");
	ERR(HEAD "layer link\n  check sysctl[a.b] > 0 crit \"m\" when delta sysctl[a.b] > 0\n",
	    "t.playbook:5:39:", "a check's 'when' must be static");
	ERR(HEAD "layer link\n  check sysctl[a.b] > 0 crit \"m\" when\n", "t.playbook:5:",
	    "expected a value");
	ERR(HEAD "include nothere\n", "t.playbook:4:9:", "no fragment nothere.inc");
	ERR(HEAD "include ../etc/passwd\n", "t.playbook:4:9:", "bad fragment name");
	ERR(HEAD "include loop\n", "loop.inc:1:9:", "nested deeper than");
	ERR(HEAD "include hasplaybook\n", "hasplaybook.inc:1:1:", "may appear once");
	ERR(HEAD "include hasparam\n", "hasparam.inc:1:1:", "not in an included fragment");
	ERR(HEAD "include bad\n", "bad.inc:2:40:", "expected a severity");
	ERR(HEAD "\n", "t.playbook:", "expected at least one 'layer'");
	ERR(HEAD "frobnicate\n", "t.playbook:4:1:", "expected a statement");
	ERR(HEAD "\"str\"\n", "t.playbook:4:1:", "expected a statement");
	ERR(HEAD "note\n", "t.playbook:4:5:", "expected a quoted note");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"a\\\n",
	    "t.playbook:5:45:", "unknown escape");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"abc\n",
	    "t.playbook:5:45:", "unterminated string");
	ERR("playbook t \"x\"\n\x01\n", "t.playbook:2:1:", "unexpected byte");
	ERR(HEAD "param q iface optional from nope\n",
	    "t.playbook:4:29:", "expected a fact, $param, sole-interface or each-interface");
	ERR(HEAD "param q iface optional from $q\n", "t.playbook:4:29:", "cannot come from itself");
	ERR(HEAD "param q iface optional from $later\n",
	    "t.playbook:4:29:", "unknown parameter '$later'");
	ERR(HEAD "param q iface optional from frob[$dev].x\n", "t.playbook:4:29:", "unknown fact");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"v {frob.x}\"\n",
	    "t.playbook:5:45:", "unknown fact '{frob.x}'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"v {unclosed\"\n",
	    "t.playbook:5:45:", "expected a fact name and '}'");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"m\" tcpdump maybe\n",
	    "t.playbook:5:57:", "expected seen or unseen");
	ERR(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 crit \"m\" reason {frob.y}\n",
	    "t.playbook:5:56:", "unknown fact '{frob.y}'");
	{
		/* 70 nested parentheses: a depth error, not a stack overflow. */
		char buf[1024];
		int o = snprintf(buf, sizeof(buf), HEAD "layer link\n  check ");
		for (int i = 0; i < 70; i++)
			buf[o++] = '(';
		snprintf(buf + o, sizeof(buf) - (size_t)o, "1 == 1");
		ERR(buf, "t.playbook:5:", "nested too deeply");
	}
}

static void test_ok(void)
{
	char err[PB_ERR_LEN] = "", buf[512];
	const char *text =
	    HEAD "window 500ms\ndirection tx\n"
		 "include base\n"
		 "layer socket \"sockets\" when sysctl[net.core.somaxconn] > 0\n"
		 "  check not (sysctl[net.core.somaxconn] < 1 or $port == 7) and "
		 "sysctl[net.ipv4.tcp_syncookies] in (1, 2) crit \"m $port\" hint \"h\" "
		 "reason NO_SOCKET blocking\n"
		 "  note \"a note\"\n"
		 "layer link\n"
		 "  check rate sysctl[net.core.somaxconn] == 0 warn \\\n"
		 "        \"continued line\"\n";
	struct pb_playbook *pb = pb_parse("t.playbook", text, inc, NULL, err, sizeof(err));
	CHECK(pb != NULL);
	if (!pb) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK_STR(pb->name, "t");
	CHECK(pb->dir == PB_DIR_TX);
	CHECK(pb->window > 0.49 && pb->window < 0.51);
	CHECK(pb->nparams == 2);
	CHECK(pb->nlayers == 2);		 /* link from base + socket; link merged */
	CHECK(pb->layers[0].layer == NP_L_LINK); /* first mention decides the order */
	CHECK(pb->layers[0].nchecks == 2);
	CHECK(pb->layers[1].nchecks == 1);
	CHECK(pb->layers[1].checks[0].blocking);
	CHECK_STR(pb->layers[1].checks[0].reason, "NO_SOCKET");
	CHECK(pb->layers[1].nnotes == 1);
	CHECK(pb->nfiles == 2);
	pb_expr_format(pb->layers[1].checks[0].cond, buf, sizeof(buf));
	CHECK_STR(buf, "not (sysctl[net.core.somaxconn] < 1 or $port == 7) and "
		       "sysctl[net.ipv4.tcp_syncookies] in (1, 2)");
	pb_free(pb);

	pb = pb_parse("u.playbook",
		      HEAD "param q iface optional from sysctl[net.core.somaxconn], $dev, "
			   "sole-interface \"h\"\n"
			   "layer tc\n  check sysctl[net.core.somaxconn] > 0 crit \"v "
			   "{sysctl[net.core.somaxconn]} "
			   "${port}\" reason {sysctl[net.core.somaxconn]} tcpdump unseen\n",
		      inc, NULL, err, sizeof(err));
	CHECK(pb != NULL);
	if (pb) {
		CHECK(pb->params[2].nfrom == 3);
		CHECK_STR(pb->params[2].from[2], "sole-interface");
		CHECK(pb->layers[0].checks[0].tcpdump == -1);
		CHECK_STR(pb->layers[0].checks[0].reason, "{sysctl[net.core.somaxconn]}");
	} else {
		fprintf(stderr, "%s\n", err);
	}
	pb_free(pb);
}

/* Random garbage and mutations of a valid playbook: never a crash or a
 * hang, always a result or an error with a position. */
static void test_garbage(void)
{
	const char *seed =
	    HEAD "layer link \"x\" when sysctl[a.b] == 1\n"
		 "  check (delta sysctl[net.core.somaxconn] > 0 or x in (a, \"b\")) crit "
		 "\"m\" hint \"h\"\n";
	char buf[600], err[PB_ERR_LEN];
	unsigned seedv = 12345;
	int bad = 0;
	for (int i = 0; i < 3000; i++) {
		size_t n = strlen(seed);
		memcpy(buf, seed, n + 1);
		for (int k = 0; k < 1 + i % 6; k++) {
			seedv = seedv * 1103515245 + 12345;
			size_t at = (seedv >> 8) % n;
			seedv = seedv * 1103515245 + 12345;
			buf[at] = (char)((seedv >> 16) % 127 + 1);
		}
		struct pb_playbook *pb = pb_parse("f", buf, inc, NULL, err, sizeof(err));
		if (!pb && strncmp(err, "f:", 2) && !strstr(err, ".inc:"))
			bad++;
		pb_free(pb);
	}
	CHECK(bad == 0);
}

static void test_trust(void)
{
	char dir[] = "/tmp/np-playbook-unit-XXXXXX", path[256], why[256], err[PB_ERR_LEN];
	FILE *f;
	struct pb_playbook *pb;
	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/t.playbook", dir);
	f = fopen(path, "w");
	fputs(HEAD "layer link\n  check sysctl[net.core.somaxconn] > 0 info \"x\"\n", f);
	fclose(f);
	chmod(path, 0644);
	chmod(dir, 0755);
	CHECK(pb_trust_check(path, why, sizeof(why)) == 0);
	pb = pb_load_file(path, err, sizeof(err));
	CHECK(pb != NULL);
	pb_free(pb);
	chmod(path, 0666);
	CHECK(pb_trust_check(path, why, sizeof(why)) == -EPERM);
	CHECK(strstr(why, "writable by other users") != NULL);
	pb = pb_load_file(path, err, sizeof(err));
	CHECK(pb == NULL && strstr(err, "refusing playbook") != NULL);
	chmod(path, 0664);
	CHECK(pb_trust_check(path, why, sizeof(why)) == -EPERM);
	CHECK(strstr(why, "its group") != NULL);
	chmod(path, 0644);
	chmod(dir, 0777);
	CHECK(pb_trust_check(path, why, sizeof(why)) == -EPERM);
	CHECK(strstr(why, "directory") != NULL);
	chmod(dir, 01777); /* sticky like /tmp: others cannot replace our file */
	CHECK(pb_trust_check(path, why, sizeof(why)) == 0);
	if (geteuid() == 0) {
		CHECK(chown(path, 4242, 4242) == 0);
		CHECK(pb_trust_check(path, why, sizeof(why)) == -EPERM);
		CHECK(strstr(why, "owned by uid 4242") != NULL);
	}
	unlink(path);
	rmdir(dir);
}

/* Evaluate over sysctl facts: verdict ranking and the JSON shape. */
static void test_eval(void)
{
	char err[PB_ERR_LEN];
	struct np_ctx ctx;
	FILE *devnull = fopen("/dev/null", "w");
	struct np_out *o = np_out_new(devnull, devnull, true, false, false);
	const char *text =
	    "playbook e \"eval\"\nparam dev iface optional\nparam port port default 80\n"
	    "layer link \"l\"\n"
	    "  check sysctl[net.core.somaxconn] > 0 crit \"never\"\n"
	    "  check sysctl[net.ipv4.conf.$dev.forwarding] >= 0 crit \"needs dev\"\n"
	    "layer netfilter\n"
	    "  check sysctl[net.core.somaxconn] == 0 crit \"first crit "
	    "{sysctl[net.core.somaxconn]}\" "
	    "reason NETFILTER_DROP\n"
	    "layer socket\n"
	    "  check sysctl[net.core.somaxconn] == 0 crit \"blocking later\" blocking\n"
	    "  check sysctl[net.core.no_such_key] == 1 crit \"unreadable\"\n"
	    "  check delta sysctl[net.core.somaxconn] == 0 crit \"delta\"\n"
	    "  check $port == 80 crit \"param $port\"\n"
	    "  check sysctl[net.core.somaxconn] * 0.5 < sysctl[net.core.somaxconn] crit "
	    "\"scaled\"\n"
	    "  check sysctl[net.core.somaxconn] + 1 > sysctl[net.core.somaxconn] * 0.5 + 0 crit "
	    "\"sum\"\n"
	    "  check sysctl[net.core.somaxconn] == 0 crit \"only on 81\" when $port == 81\n"
	    "  check sysctl[net.core.somaxconn] > 0 crit \"on 80\" hint \"h\" when $port == 80\n";
	struct pb_job job = {0};
	struct pb_run *r = NULL;
	double w;

	np_ctx_init(&ctx, o);
	job.pb = pb_parse("e.playbook", text, inc, NULL, err, sizeof(err));
	CHECK(job.pb != NULL);
	if (!job.pb)
		return;
	char *argv[] = {"window=0"};
	CHECK(pb_job_params(&ctx, &job, 1, argv, &w) == 0);
	CHECK(w == 0);
	CHECK_STR(job.pv[1], "80"); /* default */
	CHECK(job.pv[0] == NULL);
	char *bad[] = {"port=99999"};
	CHECK(pb_job_params(&ctx, &job, 1, bad, &w) == -NP_EUSAGE);
	char *unk[] = {"nope=1"};
	CHECK(pb_job_params(&ctx, &job, 1, unk, &w) == -NP_EUSAGE);
	CHECK(pb_run(&ctx, &job, 1, 0, true, &r) == 0);
	CHECK(r->nlayers == 3);
	CHECK_STR(pb_lstatus_name(r->layers[0].status), "ok");
	CHECK_STR(pb_lstatus_name(r->layers[1].status), "crit");
	CHECK_STR(pb_lstatus_name(r->layers[2].status), "crit");
	/* The blocking fault wins over the earlier loss layer. */
	CHECK_STR(np_health_name(r->status), "crit");
	CHECK(r->vlayer == NP_L_SOCKET);
	CHECK(r->res[1].outcome == PB_NA);
	CHECK(r->res[4].outcome == PB_SKIP);
	CHECK(r->res[5].outcome == PB_SKIP); /* window=0: delta not observed */
	CHECK(r->res[6].outcome == PB_PASS);
	CHECK(r->res[7].outcome == PB_PASS); /* FACT * 0.5 < FACT */
	CHECK(r->res[8].outcome == PB_PASS); /* FACT + 1 > FACT * 0.5 + 0 */
	/* A check's own `when`: not applicable (never a finding, never blind)
	 * where it does not hold, evaluated where it does. */
	CHECK(r->res[9].outcome == PB_NA);
	CHECK(r->res[9].why && strstr(r->res[9].why, "when $port == 81"));
	CHECK(r->res[10].outcome == PB_PASS);
	CHECK(r->nconf >= 2);		     /* unreadable fact + window=0 */
	{
		char want[64];
		const struct np_fact *f = np_fact_lookup(ctx.facts, "sysctl[net.core.somaxconn]");
		CHECK(f != NULL);
		snprintf(want, sizeof(want), "first crit %s", f ? f->s : "");
		CHECK_STR(r->res[2].title, want); /* {FACT} in the message */
		CHECK_STR(r->res[2].reason, "NETFILTER_DROP");
		CHECK_STR(r->res[6].title, "param 80");
	}
	pb_run_free(r);

	/* A 0.2 s window: deltas of a constant counter pass. */
	const char *t2 = "playbook h \"healthy\"\nlayer socket\n"
			 "  check delta sysctl[net.core.somaxconn] == 0 crit \"moved\"\n"
			 "  check rate sysctl[net.core.somaxconn] < 1 crit \"fast\"\n";
	struct pb_job j2 = {0};
	j2.pb = pb_parse("h.playbook", t2, inc, NULL, err, sizeof(err));
	CHECK(j2.pb != NULL);
	double t0 = np_now();
	CHECK(pb_run(&ctx, &j2, 1, 0.2, true, &r) == 0);
	double took = np_now() - t0;
	CHECK(took >= 0.19 && took < 0.5);
	CHECK_STR(np_health_name(r->status), "ok");
	CHECK(r->vlayer == NP_L_NONE);
	CHECK(r->window >= 0.19);
	pb_run_free(r);
	pb_free(j2.pb);

	pb_job_clear(&job);
	pb_free(job.pb);
	np_ctx_fini(&ctx);
	np_out_free(o);
	fclose(devnull);
}

int main(void)
{
	test_errors();
	test_ok();
	test_garbage();
	test_trust();
	test_eval();
	return check_done();
}
