// SPDX-License-Identifier: GPL-2.0-only
/* The fact table of one run: every fact the run reads (after parameter
 * substitution, canonical key, its provider, whether it needs before and
 * after), reading them quietly, and {FACT} values in messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "plural.h"

void ev_fval_free(struct fval *v)
{
	free(v->text);
	v->text = NULL;
	v->have = false;
}

void ev_fval_from_fact(struct fval *v, const struct np_fact *f)
{
	char buf[512];
	ev_fval_free(v);
	v->have = true;
	v->numeric = np_fact_number(f, &v->num);
	v->text = np_xstrdup(np_fact_text(f, buf, sizeof(buf)));
}

/* ---- reading facts ---- */

static struct key *key_find(struct eval *ev, int nsi, const char *canon)
{
	for (int i = 0; i < ev->nkeys; i++)
		if (ev->keys[i]->nsi == nsi && !strcmp(ev->keys[i]->ref.text, canon))
			return ev->keys[i];
	return NULL;
}

struct key *ev_key_asked(struct eval *ev, int nsi, const char *text)
{
	for (int i = 0; i < ev->nkeys; i++)
		for (int a = 0; ev->keys[i]->nsi == nsi && a < ev->keys[i]->nasked; a++)
			if (!strcmp(ev->keys[i]->asked[a], text))
				return ev->keys[i];
	return NULL;
}

/* Register a fact the run needs in namespace nsi: resolved once (family,
 * canonical key); later uses of the same text find it by a string
 * compare.  NULL with why when the key is invalid after substitution. */
struct key *ev_key_add(struct eval *ev, int nsi, const char *text, bool delta, char *why,
		       size_t len)
{
	struct np_fact_ref ref;
	struct key *e = ev_key_asked(ev, nsi, text);

	if (!e) {
		if (np_fact_resolve(text, &ref, why, len))
			return NULL;
		e = key_find(ev, nsi, ref.text);
		if (!e) {
			if (ev->nkeys == ev->keys_cap) {
				ev->keys_cap = ev->keys_cap ? ev->keys_cap * 2 : 64;
				ev->keys = np_xreallocarray(ev->keys, (size_t)ev->keys_cap,
							    sizeof(*ev->keys));
			}
			e = np_xcalloc(1, sizeof(*e));
			ev->keys[ev->nkeys++] = e;
			e->ref = ref;
			e->nsi = nsi;
		}
		e->asked = np_xreallocarray(e->asked, (size_t)e->nasked + 1, sizeof(char *));
		e->asked[e->nasked++] = np_xstrdup(text);
	}
	e->delta |= delta;
	return e;
}

/* Read one non-window fact now, quietly: a failure is a reason, not an
 * error on the terminal (the check becomes `skip`). */
void ev_fetch(struct eval *ev, struct key *k, struct fval *into, enum np_fs_phase phase)
{
	struct np_fact_miss miss;
	const struct np_fact *f = NULL;
	struct np_ctx_visit v;
	/* Another namespace's fact is read there, into its own store. */
	int err = ev_visit(ev, k->nsi, &v);

	if (err) {
		snprintf(miss.why, sizeof(miss.why), "cannot enter netns %s: %s",
			 ev->ns[k->nsi].label, strerror(-err));
	} else {
		err = np_fact_read_ref(ev->ctx, &k->ref, phase, &f, &miss);
		ev_unvisit(ev, k->nsi, &v);
	}
	if (err) {
		free(k->why);
		k->why = np_xasprintf("%s: %s", k->ref.text, miss.why);
		ev_fval_free(into);
		return;
	}
	ev_fval_from_fact(into, f);
}

struct job_ref {
	struct eval *ev;
	const struct pb_job *job;
};

static bool add_key_ref(const struct pb_val *v, void *arg)
{
	struct job_ref *jr = arg;
	char buf[NP_FACTKEY_MAX * 2], why[256];
	if (v->kind != PB_V_FACT && v->kind != PB_V_DELTA && v->kind != PB_V_RATE)
		return false;
	if (pb_subst(jr->job, v->text, buf, sizeof(buf), NULL, 0))
		ev_key_add(jr->ev, jr->job->nsi, buf, v->kind != PB_V_FACT, why, sizeof(why));
	return false;
}

static void collect_keys(struct eval *ev, const struct pb_job *job, const struct pb_expr *e)
{
	struct job_ref jr = {ev, job};
	pb_expr_any_val(e, add_key_ref, &jr);
}

/* {FACT} references inside a message/hint/reason template. */
static void each_interp(const char *text, void (*cb)(const char *key, void *arg), void *arg)
{
	for (const char *o = text ? strchr(text, '{') : NULL; o; o = strchr(o + 1, '{')) {
		const char *c = strchr(o, '}');
		char key[NP_FACTKEY_MAX];
		if (o > text && o[-1] == '$')
			continue;
		if (!c || c == o + 1 || (size_t)(c - o - 1) >= sizeof(key))
			return;
		snprintf(key, sizeof(key), "%.*s", (int)(c - o - 1), o + 1);
		cb(key, arg);
	}
}

struct interp_ctx {
	struct eval *ev;
	const struct pb_job *job;
};

static void interp_add(const char *tmpl, void *arg)
{
	struct interp_ctx *ic = arg;
	char key[NP_FACTKEY_MAX * 2], why[256];
	if (pb_subst(ic->job, tmpl, key, sizeof(key), NULL, 0))
		ev_key_add(ic->ev, ic->job->nsi, key, false, why, sizeof(why));
}

static void collect_interp(struct eval *ev, const struct pb_job *job, const char *text)
{
	struct interp_ctx ic = {ev, job};
	each_interp(text, interp_add, &ic);
}

/* The value of a fact for a message: latest reading, "?" when unknown. */
static const char *msg_value(struct eval *ev, const char *tmpl, const struct pb_job *job, char *buf,
			     size_t len)
{
	char key[NP_FACTKEY_MAX * 2];
	struct key *k;
	if (!pb_subst(job, tmpl, key, sizeof(key), NULL, 0))
		return "?";
	k = ev_key_asked(ev, job->nsi, key);
	if (!k)
		return "?";
	if (np_fact_ref_window(&k->ref)) {
		const struct np_fact *f =
		    ev->window_ran ? np_fact_lookup(ev_store(ev, k->nsi), k->ref.text) : NULL;
		return f ? np_fact_text(f, buf, len) : "?";
	}
	if (k->after.have)
		return k->after.text;
	return k->now.have ? k->now.text : "?";
}

/* Parameters, then {FACT} values. */
/* Parameters, then {FACT} values.  strict: NULL when a parameter is
 * unset or a fact unknown (a command must not carry a placeholder). */
static char *interp(struct eval *ev, const struct pb_job *job, const char *text, bool strict)
{
	char sub[1024], out[1024], vbuf[256];
	char *p;
	size_t o = 0;
	if (!text)
		return NULL;
	if (strict) {
		if (!pb_subst(job, text, sub, sizeof(sub), NULL, 0))
			return NULL;
		p = np_xstrdup(sub);
	} else {
		p = pb_subst_msg(job, text);
	}
	if (!p || !strchr(p, '{')) {
		if (p)
			np_plural(p);
		return p;
	}
	for (const char *s = p; *s && o + 1 < sizeof(out);) {
		const char *c = *s == '{' ? strchr(s, '}') : NULL;
		if (c && c > s + 1 && (size_t)(c - s - 1) < NP_FACTKEY_MAX) {
			char key[NP_FACTKEY_MAX];
			snprintf(key, sizeof(key), "%.*s", (int)(c - s - 1), s + 1);
			const char *v = msg_value(ev, key, job, vbuf, sizeof(vbuf));
			if (strict && (!strcmp(v, "?") || !*v)) {
				free(p);
				return NULL;
			}
			for (; *v && o + 1 < sizeof(out); v++)
				out[o++] = *v;
			s = c + 1;
			continue;
		}
		out[o++] = *s++;
	}
	out[o] = '\0';
	free(p);
	np_plural(out); /* "{resets.sent} RST(s)" reads "1 RST" */
	return np_xstrdup(out);
}

char *ev_interp(struct eval *ev, const struct pb_job *job, const char *text)
{
	return interp(ev, job, text, false);
}

char *ev_interp_strict(struct eval *ev, const struct pb_job *job, const char *text)
{
	return interp(ev, job, text, true);
}

void ev_collect_job(struct eval *ev, const struct pb_job *job)
{
	for (int l = 0; l < job->pb->nlayers; l++) {
		const struct pb_layer *ly = &job->pb->layers[l];
		collect_keys(ev, job, ly->when);
		for (int c = 0; c < ly->nchecks; c++) {
			collect_keys(ev, job, ly->checks[c].cond);
			collect_keys(ev, job, ly->checks[c].when);
			collect_interp(ev, job, ly->checks[c].msg);
			collect_interp(ev, job, ly->checks[c].hint);
			for (int n = 0; n < ly->checks[c].nnext; n++)
				collect_interp(ev, job, ly->checks[c].next[n]);
			collect_interp(ev, job, ly->checks[c].reason);
		}
	}
}
void ev_free(struct eval *ev)
{
	for (int s = 0; s < ev->nsrc; s++)
		free(ev->src[s].why);
	for (int i = 0; i < ev->nkeys; i++) {
		for (int a = 0; a < ev->keys[i]->nasked; a++)
			free(ev->keys[i]->asked[a]);
		free(ev->keys[i]->asked);
		free(ev->keys[i]->why);
		ev_fval_free(&ev->keys[i]->now);
		ev_fval_free(&ev->keys[i]->before);
		ev_fval_free(&ev->keys[i]->after);
		free(ev->keys[i]);
	}
	free(ev->keys);
	ev->keys = NULL;
	ev->nkeys = ev->keys_cap = ev->nsrc = 0;
}
