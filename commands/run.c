// SPDX-License-Identifier: GPL-2.0-only
/* run PLAYBOOK [KEY=VALUE...]: walk one path and end with a verdict. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "pb_run.h"

static const struct np_arg run_args[] = {
    {NULL, NP_A_PLAYBOOK, "PLAYBOOK", "playbook to run (`playbooks` lists them)", NULL,
     NP_ARG_REQUIRED},
    {NULL, NP_A_REST, "KEY=VALUE...", "parameters: port=8080 dev=eth0 window=2 ..."},
};

static int run_run(struct np_ctx *ctx, const struct np_args *a)
{
	char err[PB_ERR_LEN];
	struct pb_job job = {0};
	struct pb_run *r = NULL;
	double window;
	int rc;

	job.pb = pb_load(a->v[0].str, err, sizeof(err));
	if (!job.pb) {
		bool missing = strstr(err, "no playbook") || strstr(err, "bad playbook name");
		np_error(ctx->out,
			 missing ? "`playbooks` lists what can run" : "fix the playbook file", "%s",
			 err);
		/* Not on this host's search path: 3, like any absent object. */
		return !missing ? -EINVAL : strstr(err, "no playbook") ? -ENOENT : -NP_EUSAGE;
	}
	rc = pb_job_params(ctx, &job, a->nrest, a->rest, &window);
	if (rc == -ENODEV) {
		/* Could not look: `unknown` (exit 3) with the one error. */
		char why[PB_ERR_LEN];
		snprintf(why, sizeof(why), "could not look: %s", np_out_error_text(ctx->out));
		r = pb_run_unknown(job.pb->name, why);
		pb_free(job.pb);
		pb_job_clear(&job);
		pb_report(ctx, r, false);
		pb_run_finish(ctx, r);
		return 0;
	}
	if (rc) {
		pb_free(job.pb);
		pb_job_clear(&job);
		return rc;
	}
	rc = pb_run(ctx, &job, 1, window, false, &r);
	if (rc && rc != -EINTR) {
		pb_run_free(r);
		pb_free(job.pb);
		pb_job_clear(&job);
		return rc;
	}
	r->pbs[r->npbs++] = job.pb; /* the results point into it */
	pb_job_clear(&job);
	pb_report(ctx, r, false);
	pb_run_finish(ctx, r);
	return rc == -EINTR ? 0 : rc;
}

const struct np_cmd np_cmd_run = {
    .name = "run",
    .summary = "walk a path with a playbook and give one verdict",
    .help = "Runs PLAYBOOK: static checks once, then every delta/rate/probe check over ONE "
	    "shared observation window (window=SECONDS, default from the playbook; window=0 "
	    "for static checks only). active=yes (never the default) sends a few test packets of "
	    "netpath's own during the window (a TCP connect, 5 UDP datagrams, 3 ICMP echoes or 5 "
	    "DF-sized datagrams for mtu) and the probes follow exactly those. Prints one line per "
	    "layer and a verdict: the layer where "
	    "packets die, the kernel's reason, whether tcpdump sees them and what to run next. "
	    "Parameters not given come from `set` defaults. Exit status: 2 when loss or a "
	    "blocking fault is found, 1 for warnings, 0 when the path is clean.",
    .args = run_args,
    .nargs = NP_ARRAY_SIZE(run_args),
    .run = run_run,
    .complete_rest = pb_complete_params,
    .facts = NP_FAMILIES("active"),
    .examples = "run rx port=8080 window=2\nrun tx dst=10.0.0.1\nrun tcp-connect port=443",
    .flags = NP_CMD_LIVE, /* countdown, live walk, streamed events: never paged */
};
