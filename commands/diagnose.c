// SPDX-License-Identifier: GPL-2.0-only
/* diagnose [dst=ADDR] [port=N] [dev=DEV] [proto=P] [window=S]: run the
 * playbooks relevant to what is known, in ONE window, merged into one
 * verdict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "factsrc.h"
#include "pb_run.h"

void np_run_complete_rest(struct np_ctx *ctx, int argc, char **argv, const char *word,
			  np_complete_fn add, void *cookie);

static const struct np_arg diagnose_args[] = {
    {NULL, NP_A_REST, "KEY=VALUE...", "dst=ADDR port=N dev=DEV proto=tcp|udp window=S"},
};

#define MAX_JOBS 10

static bool has_key(int argc, char **argv, const char *key)
{
	size_t l = strlen(key);
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], key, l) && argv[i][l] == '=')
			return true;
	return false;
}

static const char *key_val(int argc, char **argv, const char *key)
{
	size_t l = strlen(key);
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], key, l) && argv[i][l] == '=')
			return argv[i] + l + 1;
	return NULL;
}

/* Does anything use PORT over PROTO?  Read quietly: -1 when unknown. */
static int port_used(struct np_ctx *ctx, const char *proto, const char *port)
{
	char key[64], why[128];
	struct np_factkey k;
	const struct np_fact_provider *p;
	const struct np_fact *f;
	snprintf(key, sizeof(key), "sock[%s:%s].count", proto, port);
	if (np_factkey_parse(key, &k, why, sizeof(why)))
		return -1;
	p = np_fact_provider_for(&k);
	if (!p || !p->fetch || np_fact_fetch(ctx, p, &k) || !(f = np_fact_lookup(ctx->facts, key)))
		return -1;
	return f->type == NP_FACT_INT && f->i > 0;
}

/* Which playbooks answer the question asked. */
static int pick(struct np_ctx *ctx, int argc, char **argv, const char **names)
{
	int n = 0;
	bool port = has_key(argc, argv, "port") || ctx->set.port;
	bool dst = has_key(argc, argv, "dst") || ctx->set.dst[0];
	const char *proto = key_val(argc, argv, "proto");
	if (!proto && ctx->set.proto[0])
		proto = ctx->set.proto;
	if (port || !dst)
		names[n++] = "rx";
	if (port && !proto) {
		/* Without a protocol, the one somebody listens on; rx alone
		 * covers a port nobody uses. */
		char pbuf[16];
		const char *pv = key_val(argc, argv, "port");
		if (!pv) {
			snprintf(pbuf, sizeof(pbuf), "%u", ctx->set.port);
			pv = pbuf;
		}
		if (port_used(ctx, "tcp", pv) != 0)
			names[n++] = "tcp-connect";
		if (port_used(ctx, "udp", pv) != 0)
			names[n++] = "udp";
	} else if (port) {
		names[n++] = !strcmp(proto, "udp") ? "udp" : "tcp-connect";
	}
	if (dst) {
		names[n++] = "tx";
		names[n++] = "neighbor";
		names[n++] = "mtu";
	}
	names[n++] = "softirq";
	names[n++] = "conntrack";
	names[n++] = "forward";
	return n;
}

static int diagnose_run(struct np_ctx *ctx, const struct np_args *a)
{
	const char *names[MAX_JOBS];
	struct pb_job jobs[MAX_JOBS];
	char err[PB_ERR_LEN];
	char *argv[32];
	int n = pick(ctx, a->nrest, a->rest, names), nj = 0, rc;
	double window = -1, w;
	struct pb_run *r = NULL;
	char *skipped[MAX_JOBS];
	int nskipped = 0;

	for (int i = 0; i < a->nrest; i++) {
		const char *eq = strchr(a->rest[i], '=');
		static const char *const known[] = {"dst", "port", "dev", "proto", "src", "window"};
		bool ok = false;
		for (size_t k = 0; eq && k < NP_ARRAY_SIZE(known); k++)
			ok |= (size_t)(eq - a->rest[i]) == strlen(known[k]) &&
			      !strncmp(a->rest[i], known[k], strlen(known[k]));
		if (!ok) {
			np_error(ctx->out,
				 "diagnose dst=ADDR port=N dev=DEV proto=tcp|udp window=S",
				 "diagnose: unexpected '%.64s'", a->rest[i]);
			return -NP_EUSAGE;
		}
	}
	memset(jobs, 0, sizeof(jobs));
	for (int i = 0; i < n; i++) {
		struct pb_job *j = &jobs[nj];
		int na = 0;
		j->pb = pb_load(names[i], err, sizeof(err));
		if (!j->pb) {
			skipped[nskipped++] = strdup(err);
			continue;
		}
		/* Give each playbook the parameters it declares. */
		for (int k = 0; k < a->nrest && na < (int)NP_ARRAY_SIZE(argv); k++) {
			const char *eq = strchr(a->rest[k], '=');
			bool take = !strncmp(a->rest[k], "window=", 7);
			for (int p = 0; p < j->pb->nparams; p++)
				take |=
				    (size_t)(eq - a->rest[k]) == strlen(j->pb->params[p].name) &&
				    !strncmp(a->rest[k], j->pb->params[p].name,
					     (size_t)(eq - a->rest[k]));
			if (take)
				argv[na++] = a->rest[k];
		}
		rc = pb_job_params(ctx, j, na, argv, &w);
		if (rc) {
			/* A playbook needing what was not given is not relevant;
			 * a bad window= is the user's typo and stops here. */
			pb_job_clear(j);
			pb_free(j->pb);
			j->pb = NULL;
			if (has_key(a->nrest, a->rest, "window"))
				return rc;
			continue;
		}
		if (w >= 0)
			window = w;
		nj++;
	}
	if (nj == 0) {
		np_error(ctx->out, "`playbooks` shows why they do not load",
			 "diagnose: none of the relevant playbooks could be loaded");
		for (int i = 0; i < nskipped; i++)
			free(skipped[i]);
		return -ENOENT;
	}
	if (window < 0)
		for (int i = 0; i < nj; i++)
			if (jobs[i].pb->window > window)
				window = jobs[i].pb->window;
	rc = pb_run(ctx, jobs, nj, window, false, &r);
	if (rc && rc != -EINTR) {
		pb_run_free(r);
		for (int i = 0; i < nj; i++) {
			pb_free(jobs[i].pb);
			pb_job_clear(&jobs[i]);
		}
		for (int i = 0; i < nskipped; i++)
			free(skipped[i]);
		return rc;
	}
	for (int i = 0; i < nj; i++) {
		r->pbs[r->npbs++] = jobs[i].pb;
		pb_job_clear(&jobs[i]);
	}
	for (int i = 0; i < nskipped; i++) {
		char buf[PB_ERR_LEN + 32];
		snprintf(buf, sizeof(buf), "playbook not loaded: %s", skipped[i]);
		r->confidence = realloc(r->confidence, (size_t)(r->nconf + 1) * sizeof(char *));
		if (r->confidence)
			r->confidence[r->nconf++] = strdup(buf);
		free(skipped[i]);
	}
	pb_report(ctx, r, false);
	pb_run_finish(ctx, r);
	return rc == -EINTR ? 0 : rc;
}

const struct np_cmd np_cmd_diagnose = {
    .name = "diagnose",
    .summary = "run every relevant playbook in one window, one merged verdict",
    .help = "Picks the playbooks that fit what is known (port: rx, tcp-connect, udp; dst: tx, "
	    "neighbor, mtu; always softirq, conntrack and forward) and runs them together: one "
	    "observation window, one walk in path order, one verdict ranked like `run`.",
    .args = diagnose_args,
    .nargs = NP_ARRAY_SIZE(diagnose_args),
    .run = diagnose_run,
    .complete_rest = np_run_complete_rest,
    .examples = "diagnose port=8080\ndiagnose dst=10.0.0.1\ndiagnose dst=10.0.0.1 port=443",
    .flags = NP_CMD_LIVE, /* countdown, live walk, streamed events: never paged */
};
