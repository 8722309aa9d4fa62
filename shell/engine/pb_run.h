/* SPDX-License-Identifier: GPL-2.0-only */
/* The playbook engine: evaluate one or more playbooks over ONE shared
 * observation window, and the verdict built from what was found. */
#ifndef NP_PB_RUN_H
#define NP_PB_RUN_H

#include "facts.h" /* np_complete_fn */
#include "pb.h"

struct np_ctx;

/* One playbook with its resolved parameter values (NULL = not given). */
struct pb_job {
	struct pb_playbook *pb;
	char *pv[PB_MAX_PARAMS];
	bool given[PB_MAX_PARAMS]; /* by KEY=VALUE or `set`, not derived */
	bool list[PB_MAX_PARAMS];  /* a list (each-interface): walked once per item */
	/* Set by the caller for its own reasons, not the user's flow (diagnose:
	 * a client's rx follows the replies with src=dst): not in the walk
	 * header. */
	bool hidden[PB_MAX_PARAMS];
	/* Set by the engine on the copies it walks a list with: the list's
	 * parameter (index + 1) and which item this copy holds.  Checks that
	 * do not use the list run on item 0 only. */
	short list_at, item;
	/* Another namespace to read this job in (diagnose: the host side of a
	 * container's veth): its label and an fd to it (kept by the caller);
	 * NULL: the namespace netpath is in.  nsi: the engine's index. */
	const char *netns;
	int netns_fd;
	short nsi;
	bool active;		   /* active=yes: send the playbook's test packets */
};

enum pb_outcome { PB_PASS, PB_FAIL, PB_SKIP, PB_NA };

struct pb_evidence {
	char *fact; /* canonical key after substitution */
	char kind;  /* 'v' value, 'd' delta, 'r' rate */
	bool shared; /* a counter every flow of the namespace or host moves */
	bool numeric;
	double value;
	char *text; /* value as text */
};

#define PB_MAX_EV 6
#define PB_MAX_VERDICT_NEXT 5
#define PB_MAX_RUN_LAYERS   (NP_L__COUNT * 2) /* a container's and its host's */

/* One evaluated check (kept for `explain`). */
struct pb_result {
	int job;
	enum np_layer layer;
	enum pb_dir dir; /* of its playbook: which side of the taps */
	const struct pb_check *check;
	enum pb_outcome outcome;
	enum pb_sev sev; /* effective severity (may be lowered, see why) */
	char *title;	 /* message with parameters substituted */
	char *hint;
	char *next[PB_MAX_NEXT]; /* commands, every value known (else left out) */
	int nnext;
	char *reason;	/* kernel drop reason, if known */
	char *func;	/* kernel function, if known */
	char *dev;	/* device the probe saw the drops on, if known */
	char *src, *dst; /* addresses of the drops' sample packet, if known */
	char *in_dev;	 /* ...and the interface it came in on (tcpdump saw it there) */
	char *back_dev;	 /* rp_filter: where the route back to src leaves ("-": none) */
	char *why;	/* skip / n.a. / downgrade explanation */
	bool windowed;	/* evidence came from a probe window */
	bool loss;	/* the check reads loss evidence (probe, delta, rate) */
	bool nowindow;	/* skipped because window=0 was asked for */
	bool local_out; /* the probe saw most of this loss on packets generated here */
	bool item;	/* one item of a list parameter (dev: one device of several) */
	const char *netns; /* found in another namespace (its label), NULL here */
	short nsi;
	double rate;	/* lost packets per second, < 0 if unknown */
	double count;	/* lost packets over the window, < 0 if unknown */
	struct pb_evidence ev[PB_MAX_EV];
	int nev;
};

/* A layer's status in a walk. */
enum pb_lstatus { PB_LS_OK, PB_LS_WARN, PB_LS_CRIT, PB_LS_SKIP };
const char *pb_lstatus_name(enum pb_lstatus s);

struct pb_layer_result {
	enum np_layer layer;
	char *title;
	enum pb_lstatus status;
	char *why;	      /* for skip */
	bool conditional_off; /* `when` was false: not walked */
	bool blind;	      /* could have shown loss, was not observed */
	char *netns;	      /* a layer of another namespace (its label), NULL here */
};

struct pb_run {
	char *name;   /* playbook name, or "diagnose" */
	char **names; /* the playbooks that ran */
	int nnames;
	char *params_json_keys[PB_MAX_PARAMS * 2];
	char *params_vals[PB_MAX_PARAMS * 2];
	int nparams;
	double window; /* seconds actually observed */
	bool interrupted;
	int live_lines; /* pending walk lines on the terminal (pb_live.c) */
	enum pb_dir dir;
	struct pb_layer_result layers[PB_MAX_RUN_LAYERS];
	int nlayers;
	struct pb_result *res;
	int nres;
	char **confidence; /* what could not be observed */
	int nconf;
	/* verdict */
	enum np_health status; /* ok, warn, crit, unknown */
	enum np_layer vlayer;
	int vres; /* index into res of the deciding finding, or -1 */
	char *summary;
	char *tcpdump;
	char **next; /* next commands, most specific first (at most 5) */
	char *advice; /* the deciding finding's advice in words */
	int nnext;
	char *dev, *port, *dst; /* for tailoring */
	char *gateway, *self;	/* route to dst: its gateway ("" on-link), our source */
	char *nh_addr, *nh_run; /* network verdict: next hop, what to run there */
	char *vnetns;		/* the verdict's finding is in this other namespace */
	const char *nh_via;	/* "gateway" or "on-link" */
	char *vantage;		/* diagnose: client, server, router or host */
	char *vantage_why;	/* and why it was chosen */
	char *across;		/* diagnose: the other namespace walked, and how */
	struct pb_vrule *rule;	/* the firewall rule of a netfilter verdict (verdict_rule.h) */
	/* Playbooks the results point into (owned: freed with the run). */
	struct pb_playbook *pbs[16];
	int npbs;
};

/* Is this result one of that layer row's (same layer, same namespace)? */
static inline bool pb_res_in(const struct pb_result *res, const struct pb_layer_result *lr)
{
	return res->layer == lr->layer && res->netns == lr->netns;
}

/* Run jobs in one window (window < 0: the first playbook's default).
 * Prints the live walk in text mode.  0 with *out, or -errno. */
int pb_run(struct np_ctx *ctx, struct pb_job *jobs, int njobs, double window, bool quiet,
	   struct pb_run **out);
void pb_run_free(struct pb_run *r);
/* A run that could not look at all (an interface that is not there): no
 * layers, verdict `unknown` with why as the summary. */
struct pb_run *pb_run_unknown(const char *name, const char *why);

/* Output of a finished run: JSON object members or the text report.
 * verbose adds every check with its evidence (explain). */
void pb_report(struct np_ctx *ctx, const struct pb_run *r, bool verbose);

/* A suggested command as it must be typed where it is shown: at the
 * REPL prompt, on a command line, inside this session's namespace
 * (pb_next.c).  Returns buf, or NULL when it means nothing there (explain
 * outside the session that ran the walk). */
const char *pb_next_render(const struct np_ctx *ctx, const char *cmd, char *buf, size_t len);
/* The same for a namespace other than the session's (netns: its label). */
const char *pb_next_render_in(const struct np_ctx *ctx, const char *netns, const char *cmd,
			      char *buf, size_t len);

/* The verdict from results (verdict.c). */
void pb_verdict(struct pb_run *r);
/* Whether tcpdump on the interface sees packets lost at layer l. */
const char *pb_tcpdump_text(enum pb_dir dir, enum np_layer l);

/* Text of an expression (show, explain). */
void pb_expr_format(const struct pb_expr *e, char *buf, size_t len);

/* Parse key=value arguments for a playbook into job (session defaults
 * from ctx->set fill what is not given).  *window gets window=, or -1.
 * 0, -NP_EUSAGE with the error reported, or -ENODEV when a given
 * interface does not exist here (reported once: the run is `unknown`,
 * see pb_run_unknown). */
int pb_job_params(struct np_ctx *ctx, struct pb_job *job, int argc, char **argv, double *window);
void pb_job_clear(struct pb_job *job);

/* Tab completion of KEY=VALUE words for `run` and `diagnose`: every
 * parameter of the installed playbooks, window=, active=, interfaces
 * after dev=/iif= (pb_complete.c). */
void pb_complete_params(struct np_ctx *ctx, int argc, char **argv, const char *word,
			np_complete_fn add, void *cookie);

/* After a run: the exit status from the verdict (ctx->health) and the run
 * kept as ctx->last_run for `explain` (takes ownership of r). */
void pb_run_finish(struct np_ctx *ctx, struct pb_run *r);

#endif
