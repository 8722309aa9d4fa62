/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside one playbook run (not an API outside shell/engine/): the fact
 * table of the run, the window sources, and the evaluation context.  The
 * phases live in their own files:
 *   eval_facts.c    which facts the run reads, reading them, {FACT} text
 *   eval_window.c   the probe filter, window sources, active mode, the wait
 *   eval_expr.c     values, comparisons, three-valued conditions, `when`
 *   eval_annotate.c evidence ranking, probe details, next hop, path order
 *   pb_eval.c       pb_run: plan -> snapshot -> window -> evaluate -> annotate */
#ifndef NP_EVAL_H
#define NP_EVAL_H

#include "ctx.h"
#include "factget.h"
#include "pb_active.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "xalloc.h"

struct fval {
	bool have;
	bool numeric;
	double num;
	char *text;
};

/* A fact the run reads: resolved once (family, canonical key), with the
 * spellings the playbooks asked for it by (after substitution), so a
 * later use is a string compare, never a second parse. */
struct key {
	struct np_fact_ref ref; /* ref.text: the canonical key */
	char **asked;
	int nasked;
	bool delta; /* needs before/after */
	struct fval now, before, after;
	char *why; /* why it could not be read */
	int nsi;   /* the namespace it is read in (index into eval.ns; 0 here) */
};

/* The probe of a window family, started once for the run. */
struct source {
	const struct np_fact_family *fam;
	void *state;
	bool started, ok;
	char *why;
	int nsi; /* the namespace it watches */
};

/* A namespace a run reads besides its own (the host side of a container's
 * walk): its label, an fd to enter it, and its own fact store. */
#define EV_MAX_NS 4
struct evns {
	const char *label;
	int fd;
	struct np_facts *facts;
};

struct eval {
	struct np_ctx *ctx;
	struct pb_job *jobs;
	int njobs;
	/* One allocation per key, never moved: a key is ~1.8 KB (the parsed
	 * key), and an array of them grown by realloc copied ~100 KB per
	 * walk into freshly faulted pages. */
	struct key **keys;
	int nkeys, keys_cap;
	struct source src[16];
	int nsrc;
	double window; /* observed seconds (0 = static only) */
	bool window_ran;
	bool flow_filter;	   /* probe filtered to a flow (port/address given) */
	bool active;		   /* active=yes: active.* facts are published */
	struct evns ns[EV_MAX_NS]; /* [0]: the namespace netpath is in */
	int nns;
};

struct rv {
	enum { RV_NUM, RV_STR, RV_UNK } kind;
	double num;
	const char *str;
	char buf[512];
};

enum tri { T_FALSE, T_TRUE, T_UNK };

struct ectx {
	struct eval *ev;
	const struct pb_job *job;
	struct pb_result *res; /* evidence goes here */
	char why[512];
	bool na;       /* the unknown comes from an unset parameter */
	bool nowindow; /* ... from window=0 (asked for: not blindness) */
	bool loss;     /* reads a probe, delta or rate: evidence of loss */
};

/* eval_facts.c */
void ev_fval_free(struct fval *v);
void ev_fval_from_fact(struct fval *v, const struct np_fact *f);
/* Register a fact the run needs (after substitution) in namespace nsi;
 * NULL with why. */
struct key *ev_key_add(struct eval *ev, int nsi, const char *text, bool delta, char *why,
		       size_t len);
/* A registered fact of namespace nsi by the text a playbook asked for it
 * by, or NULL. */
struct key *ev_key_asked(struct eval *ev, int nsi, const char *text);
/* Read one non-window fact now, quietly, as part of snapshot phase (a
 * failure is the key's why). */
void ev_fetch(struct eval *ev, struct key *k, struct fval *into, enum np_fs_phase phase);
/* Every fact a job reads: conditions, `when`s, {FACT} in messages. */
void ev_collect_job(struct eval *ev, const struct pb_job *job);
/* Parameters, then {FACT} values, into a message.  malloc'ed. */
char *ev_interp(struct eval *ev, const struct pb_job *job, const char *text);
/* The same for a command: NULL when any value is not known. */
char *ev_interp_strict(struct eval *ev, const struct pb_job *job, const char *text);
void ev_free(struct eval *ev);

/* eval_netns.c */
/* The namespaces of the run's jobs (job->nsi set); -errno when one cannot
 * be opened (reported). */
int ev_netns_plan(struct eval *ev);
void ev_netns_free(struct eval *ev);
/* Where namespace nsi's facts are kept. */
struct np_facts *ev_store(const struct eval *ev, int nsi);
/* Enter namespace nsi for a read (nothing for 0); ev_unvisit returns. */
int ev_visit(struct eval *ev, int nsi, struct np_ctx_visit *v);
void ev_unvisit(struct eval *ev, int nsi, struct np_ctx_visit *v);

/* eval_window.c */
const char *ev_job_param(const struct pb_job *job, const char *name);
void ev_sources_start(struct eval *ev, const char *extra);
void ev_sources_collect_stop(struct eval *ev, double secs);
/* Before the BEFORE snapshot: the prepare hooks of the probe families the
 * run's keys use (background work such as the kernel's BTF). */
void ev_sources_prepare(struct eval *ev);
/* The window has begun: each started source's idle work (in its namespace). */
void ev_sources_idle(struct eval *ev);
struct source *ev_source_of(struct eval *ev, const struct key *k);
void ev_countdown(struct np_ctx *ctx, double secs, bool quiet, bool *intr);
int ev_active_open(struct np_ctx *ctx, const struct pb_job *job, struct pb_active **act,
		   char *extra, size_t len);

/* eval_expr.c */
enum tri ev_expr(struct ectx *x, const struct pb_expr *e);
enum tri ev_check_applies(struct eval *ev, const struct pb_job *job, const struct pb_check *ck,
			  struct ectx *x);
bool ev_layer_on(struct eval *ev, const struct pb_job *job, const struct pb_layer *ly, char *why,
		 size_t len);

/* eval_annotate.c */
void ev_add_conf(struct pb_run *r, const char *s);
void ev_rank_evidence(const struct eval *ev, struct pb_result *res);
/* After evaluation: probe details of findings, path order, next hop. */
void ev_annotate(struct np_ctx *ctx, struct eval *ev, struct pb_run *r, int njobs);

#endif
