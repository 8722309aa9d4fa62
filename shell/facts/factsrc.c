// SPDX-License-Identifier: GPL-2.0-only
/* The fact choke point and its record/replay hooks (see factsrc.h).
 * State is process-wide, like np_sigint: one netpath process reads one
 * replay file and writes one record file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "factsrc.h"
#include "replay.h"
#include "xalloc.h"

#define REPLAY_FILE_MAX (16u << 20)

/* One recorded fact: what was read before the window, after it, or
 * outside one (last wins). */
struct rec {
	char *key;
	bool have_before, have_after, have_last;
	struct np_rvalue before, after, last;
};

static struct np_replay *rp; /* replaying when set */
static char *rec_path;	     /* recording when set */
static struct rec *recs;
static size_t nrecs, caprecs;
static char **rec_cmds;
static size_t nrec_cmds;

bool np_factsrc_replaying(void)
{
	return rp != NULL;
}

/* ---- recording ---- */

static void rv_free(struct np_rvalue *v)
{
	if (v->type == NP_FACT_STR)
		free(v->s);
	v->s = NULL;
}

static void rv_copy(struct np_rvalue *dst, const struct np_fact *f)
{
	rv_free(dst);
	np_rvalue_from_fact(dst, f);
	if (f->type == NP_FACT_STR)
		dst->s = np_xstrdup(f->s ? f->s : "");
}

static struct rec *rec_slot(const char *key)
{
	for (size_t i = 0; i < nrecs; i++)
		if (!strcmp(recs[i].key, key))
			return &recs[i];
	if (nrecs == caprecs) {
		size_t nc = caprecs ? caprecs * 2 : 128;
		struct rec *nr = np_xreallocarray(recs, nc, sizeof(*nr));
		recs = nr;
		caprecs = nc;
	}
	struct rec *r = &recs[nrecs];
	memset(r, 0, sizeof(*r));
	r->key = np_xstrdup(key);
	nrecs++;
	return r;
}

static void record_fact(const struct np_fact *f, enum np_fs_phase ph)
{
	struct rec *r = rec_slot(f->key);
	if (!r)
		return; /* out of memory: the capture misses a fact, the run goes on */
	if (ph == NP_FS_BEFORE) {
		rv_copy(&r->before, f);
		r->have_before = true;
	} else if (ph == NP_FS_AFTER) {
		rv_copy(&r->after, f);
		r->have_after = true;
	}
	rv_copy(&r->last, f);
	r->have_last = true;
}

static void record_key(struct np_ctx *ctx, const char *key, enum np_fs_phase phase)
{
	const struct np_fact *f = np_fact_lookup(ctx->facts, key);
	if (f)
		record_fact(f, phase);
}

void np_factsrc_note_command(const char *line)
{
	if (!rec_path || !line)
		return;
	char **n = np_xreallocarray(rec_cmds, nrec_cmds + 1, sizeof(*n));
	rec_cmds = n;
	if ((rec_cmds[nrec_cmds] = np_xstrdup(line)))
		nrec_cmds++;
}

static void record_meta_str(const char *key, const char *v)
{
	struct np_fact f = {.key = (char *)key, .type = NP_FACT_STR, .s = (char *)v};
	if (rec_path)
		record_fact(&f, NP_FS_STATIC);
}

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const struct rec *)a)->key, ((const struct rec *)b)->key);
}

static void write_comment(FILE *f, const char *label, const char *text)
{
	fprintf(f, "# %s: ", label);
	for (; *text; text++)
		fputc(*text == '\n' || *text == '\r' ? ' ' : *text, f);
	fputc('\n', f);
}

static int write_record(struct np_out *out)
{
	struct utsname u;
	char ts[32], vb[NP_REPLAY_STR_MAX * 4 + 8], va[sizeof(vb)];
	time_t now = time(NULL);
	struct tm tm;
	/* O_NOFOLLOW: netpath often runs as root; never write through a link
	 * somebody planted at the path. */
	int fd = open(rec_path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		np_error(out, "NETPATH_FACTS_RECORD names the file to write", "%s: %s", rec_path,
			 strerror(e));
		return -e;
	}
	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "?");
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	fprintf(f, "# netpath %s fact capture, %s, kernel %s\n", NP_VERSION, ts, u.release);
	fprintf(f, "# replay: NETPATH_FACTS_REPLAY=FILE netpath -c 'COMMAND' (format: "
		   "shell/facts/replay.h)\n");
	for (size_t i = 0; i < nrec_cmds; i++)
		write_comment(f, "command", rec_cmds[i]);
	if (nrecs)
		qsort(recs, nrecs, sizeof(*recs), cmp_rec);
	for (size_t i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];
		/* A key the store could hold but a line could not (a newline
		 * in an interface name?) stays out rather than break the file. */
		if (strpbrk(r->key, "\n\r")) {
			fprintf(f, "# skipped a key holding a line break\n");
			continue;
		}
		if (r->have_before && r->have_after) {
			np_replay_format_value(vb, sizeof(vb), &r->before);
			np_replay_format_value(va, sizeof(va), &r->after);
			fprintf(f, "%s = %s -> %s\n", r->key, vb, va);
		} else {
			np_replay_format_value(va, sizeof(va), &r->last);
			fprintf(f, "%s = %s\n", r->key, va);
		}
	}
	if (fclose(f)) {
		int e = errno;
		np_error(out, NULL, "%s: %s", rec_path, strerror(e));
		return -e;
	}
	return 0;
}

/* ---- replaying ---- */

static const struct np_rvalue *rv_now(const struct np_rentry *e, enum np_fs_phase phase)
{
	return phase == NP_FS_BEFORE ? &e->before : &e->after;
}

/* Publish every file entry whose key starts with prefix; count them. */
static int publish_prefix(struct np_ctx *ctx, const char *prefix, enum np_fs_phase phase)
{
	size_t plen = strlen(prefix);
	int n = 0;
	for (size_t i = np_replay_lower_bound(rp, prefix);
	     i < rp->n && !strncmp(rp->e[i].key, prefix, plen); i++)
		if (!np_rvalue_publish(ctx->facts, rp->e[i].key, rv_now(&rp->e[i], phase)))
			n++;
	return n;
}

/* Everything under a family or an object in the file: "X." and "X[". */
static int publish_under(struct np_ctx *ctx, const char *x, enum np_fs_phase phase)
{
	char pre[NP_FACTKEY_MAX * 2 + 2];
	snprintf(pre, sizeof(pre), "%s.", x);
	int n = publish_prefix(ctx, pre, phase);
	snprintf(pre, sizeof(pre), "%s[", x);
	return n + publish_prefix(ctx, pre, phase);
}

static bool has_family(const char *ns)
{
	char pre[NP_FACTKEY_NAME + 2];
	for (int i = 0; i < 2; i++) {
		snprintf(pre, sizeof(pre), "%s%c", ns, i ? '[' : '.');
		size_t j = np_replay_lower_bound(rp, pre);
		if (j < rp->n && !strncmp(rp->e[j].key, pre, strlen(pre)))
			return true;
	}
	return false;
}

static int replay_fetch(struct np_ctx *ctx, const struct np_fact_ref *ref, enum np_fs_phase phase)
{
	const struct np_rentry *e;

	if (np_fact_ref_window(ref))
		return publish_under(ctx, ref->fam->ns, phase) ? 0 : -ENODATA;
	e = np_replay_find(rp, ref->text);
	if (e)
		return np_rvalue_publish(ctx->facts, e->key, rv_now(e, phase));
	/* A family or object (`facts link[eth0]`): everything under it. */
	return publish_under(ctx, ref->text, phase) ? 0 : -ENODATA;
}

/* Every key must name a provider's fact (a typo in a hand-written fixture
 * would otherwise be a silent `skip`). */
static int replay_validate(const char *path, struct np_out *out)
{
	static const char *const meta[] = {"replay.window_s", "replay.sole_interface",
					   "replay.interfaces"};
	for (size_t i = 0; i < rp->n; i++) {
		const struct np_rentry *e = &rp->e[i];
		struct np_fact_ref ref;
		char why[256];
		bool ok = false;
		int err;
		if (!strncmp(e->key, "replay.", 7)) {
			for (size_t m = 0; m < NP_ARRAY_SIZE(meta); m++)
				ok |= !strcmp(e->key, meta[m]);
			if (!ok) {
				np_error(
				    out,
				    "replay.window_s, replay.sole_interface, replay.interfaces",
				    "%s:%d: unknown replay setting '%s'", path, e->line, e->key);
				return -EINVAL;
			}
			continue;
		}
		err = np_fact_resolve(e->key, &ref, why, sizeof(why));
		if (err && !ref.fam) {
			np_error(out, "`facts` lists the fact families",
				 "%s:%d: no command provides '%s'", path, e->line, e->key);
			return -EINVAL;
		}
		/* Window families publish more than a playbook may name. */
		if (err && !ref.fam->window) {
			np_error(out, ref.fam->pattern, "%s:%d: '%s': %s", path, e->line, e->key,
				 why);
			return -EINVAL;
		}
	}
	return 0;
}

static int replay_load(const char *path, struct np_out *out)
{
	char err[512], *text;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
	ssize_t got = 0;

	int e = 0;
	if (fd < 0 || fstat(fd, &st))
		e = errno;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL;
	else if (st.st_size > REPLAY_FILE_MAX)
		e = EFBIG;
	if (e) {
		if (fd >= 0)
			close(fd);
		np_error(out, "NETPATH_FACTS_REPLAY names a fact capture (NETPATH_FACTS_RECORD)",
			 "%s: %s", path, e == EINVAL ? "not a regular file" : strerror(e));
		return -e;
	}
	text = np_xmalloc((size_t)st.st_size + 1);
	while (got < st.st_size) {
		ssize_t r = read(fd, text + got, (size_t)(st.st_size - got));
		if (r <= 0)
			break;
		got += r;
	}
	close(fd);
	rc = np_replay_parse(path, text, (size_t)got, &rp, err, sizeof(err));
	free(text);
	if (rc) {
		np_error(out, "format: KEY = VALUE or KEY = BEFORE -> AFTER, # comments", "%s",
			 err);
		return rc;
	}
	rc = replay_validate(path, out);
	if (rc) {
		np_replay_free(rp);
		rp = NULL;
	}
	return rc;
}

/* ---- the hooks ---- */

int np_factsrc_init(struct np_out *out)
{
	const char *r = getenv("NETPATH_FACTS_REPLAY"), *w = getenv("NETPATH_FACTS_RECORD");
	if (w && *w) {
		rec_path = np_xstrdup(w);
	}
	if (r && *r)
		return replay_load(r, out);
	return 0;
}

int np_factsrc_finish(struct np_out *out)
{
	int rc = rec_path ? write_record(out) : 0;
	for (size_t i = 0; i < nrecs; i++) {
		free(recs[i].key);
		rv_free(&recs[i].before);
		rv_free(&recs[i].after);
		rv_free(&recs[i].last);
	}
	free(recs);
	recs = NULL;
	nrecs = caprecs = 0;
	for (size_t i = 0; i < nrec_cmds; i++)
		free(rec_cmds[i]);
	free(rec_cmds);
	rec_cmds = NULL;
	nrec_cmds = 0;
	free(rec_path);
	rec_path = NULL;
	np_replay_free(rp);
	rp = NULL;
	return rc;
}

/* Where the open snapshot began (np_facts_gen); none is open when false. */
static bool snapshot_open;
static uint64_t snapshot_gen;

void np_factsrc_snapshot_begin(void)
{
	if (snapshot_open)
		return; /* one snapshot continues (diagnose's plan, window=0) */
	snapshot_open = true;
	snapshot_gen = np_facts_gen();
}

void np_factsrc_snapshot_end(void)
{
	snapshot_open = false;
}

/* Set during the open snapshot: by an earlier fetch of the same object. */
static bool fresh(struct np_ctx *ctx, const struct np_fact_ref *ref)
{
	const struct np_fact *f;
	if (!snapshot_open)
		return false;
	f = np_fact_lookup(ctx->facts, ref->text);
	return f && f->gen > snapshot_gen;
}

int np_fact_fetch(struct np_ctx *ctx, const struct np_fact_ref *ref, enum np_fs_phase phase)
{
	int err;
	if (rp)
		err = replay_fetch(ctx, ref, phase);
	else if (fresh(ctx, ref))
		err = 0;
	else
		err = ref->fam->fetch ? ref->fam->fetch(ctx, &ref->key) : -ENOSYS;
	if (!err && rec_path && !np_fact_ref_window(ref))
		record_key(ctx, ref->text, phase);
	return err;
}

const char *np_fact_errstr(int err)
{
	if (rp && err == -ENODATA)
		return "not in the replay file";
	return strerror(err < 0 ? -err : err);
}

/* The probe's results, all but counters that did not move (a live window
 * publishes every reason at 0; absent means 0 on replay too).  Every
 * window family publishes NS.available and NS.skip. */
static void record_window(const struct np_fact *f, void *arg)
{
	const char *ns = arg;
	size_t l = strlen(ns);
	const char *field = f->key + l;
	if (*field != '.' && *field != '[')
		return; /* another family sharing the prefix */
	bool always =
	    !strcmp(field, ".available") || !strcmp(field, ".skip") || !strcmp(field, ".window_s");
	bool zero = f->type == NP_FACT_STR   ? !f->s || !*f->s
		    : f->type == NP_FACT_INT ? f->i == 0
					     : f->d == 0;
	if (always || !zero)
		record_fact(f, NP_FS_STATIC);
}

/* Why the probe of fam did not run: the NS.skip it published, else "". */
static void skip_text(struct np_ctx *ctx, const char *ns, char *why, size_t len)
{
	char k[NP_FACTKEY_NAME + 8];
	const struct np_fact *f;
	snprintf(k, sizeof(k), "%s.skip", ns);
	f = np_fact_lookup(ctx->facts, k);
	snprintf(why, len, "%s", f && f->type == NP_FACT_STR && f->s ? f->s : "");
}

int np_window_start(struct np_ctx *ctx, const struct np_fact_family *fam, const char *filter,
		    void **state, char *why, size_t len)
{
	const char *ns = fam->ns;
	int err;
	*state = NULL;
	why[0] = '\0';
	if (!rp) {
		err = fam->probe->start(ctx, filter, state);
		if (err) {
			skip_text(ctx, ns, why, len);
			/* Why a probe could not run is part of the capture. */
			if (rec_path)
				np_facts_each(ctx->facts, ns, record_window, (void *)ns);
		}
		return err;
	}
	if (has_family(ns))
		return 0;
	/* Same shape as a probe that could not start. */
	np_fact_setf_int(ctx->facts, 0, "%s.available", ns);
	np_fact_setf_str(ctx->facts, "not in the replay file (no probe window recorded)", "%s.skip",
			 ns);
	skip_text(ctx, ns, why, len);
	return -ENODATA;
}

int np_window_collect(struct np_ctx *ctx, const struct np_fact_family *fam, void *state,
		      double secs, char *why, size_t len)
{
	const char *ns = fam->ns;
	char k[NP_FACTKEY_NAME + 16];
	const struct np_fact *avail;
	int err;
	why[0] = '\0';
	/* Forget what an earlier window published (the family's facts only:
	 * "neigh" is not "neightbl"). */
	snprintf(k, sizeof(k), "%s.", ns);
	np_facts_clear_prefix(ctx->facts, k);
	snprintf(k, sizeof(k), "%s[", ns);
	np_facts_clear_prefix(ctx->facts, k);
	if (rp)
		err = publish_under(ctx, ns, NP_FS_STATIC) > 0 ? 0 : -ENODATA;
	else
		err = fam->probe->collect(ctx, state, secs);
	if (!err && rec_path)
		np_facts_each(ctx->facts, ns, record_window, (void *)ns);
	if (err) {
		snprintf(why, len, "%s", strerror(-err));
		return err;
	}
	snprintf(k, sizeof(k), "%s.available", ns);
	avail = np_fact_lookup(ctx->facts, k);
	if (avail && avail->type == NP_FACT_INT && avail->i == 0) {
		skip_text(ctx, ns, why, len);
		if (!why[0])
			snprintf(why, len, "not available");
		return -ENODATA;
	}
	return 0;
}

void np_window_stop(struct np_ctx *ctx, const struct np_fact_family *fam, void *state)
{
	if (!rp)
		fam->probe->stop(ctx, state);
}

void np_window_idle(struct np_ctx *ctx, const struct np_fact_family *fam, void *state)
{
	if (!rp && fam->probe->idle)
		fam->probe->idle(ctx, state);
}

double np_window_observed(double requested, double measured)
{
	if (rp) {
		const struct np_rentry *e = np_replay_find(rp, "replay.window_s");
		double w = e && e->after.type != NP_FACT_STR ? e->after.d : requested;
		return w > 0 ? w : requested;
	}
	if (rec_path) {
		struct np_fact f = {.key = "replay.window_s", .type = NP_FACT_DBL, .d = measured};
		record_fact(&f, NP_FS_STATIC);
	}
	return measured;
}

int np_factsrc_setting(const char *name, char *buf, size_t len)
{
	const struct np_rentry *e;
	char key[64];
	if (!rp)
		return -1;
	snprintf(key, sizeof(key), "replay.%s", name);
	e = np_replay_find(rp, key);
	if (!e || e->after.type != NP_FACT_STR || !*e->after.s)
		return 0;
	snprintf(buf, len, "%s", e->after.s);
	record_meta_str(key, buf); /* re-recording a capture */
	return 1;
}

void np_factsrc_note_setting(const char *name, const char *value)
{
	char key[64];
	snprintf(key, sizeof(key), "replay.%s", name);
	record_meta_str(key, value);
}

void np_window_sources_prepare(void)
{
	const struct np_fact_family *fam;
	if (np_factsrc_replaying())
		return;
	for (int i = 0; (fam = np_fact_family_at(i)) != NULL; i++)
		if (fam->probe && fam->probe->prepare)
			fam->probe->prepare();
}
