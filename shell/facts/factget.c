// SPDX-License-Identifier: GPL-2.0-only
/* Reading a fact (factget.h): the key was resolved once; the family's
 * reader (or the replay file) answers it, then the store. */
#include <stdio.h>
#include <string.h>

#include "factget.h"

static void miss_set(struct np_fact_miss *m, const char *why)
{
	snprintf(m->why, sizeof(m->why), "%s", why);
	m->hint[0] = '\0';
	m->said = false;
}

int np_fact_read_ref(struct np_ctx *ctx, const struct np_fact_ref *ref, enum np_fs_phase phase,
		     const struct np_fact **out, struct np_fact_miss *miss)
{
	int err = 0;

	*out = NULL;
	/* Window facts exist after a window: the store has them or nothing
	 * does (replaying, the capture holds the window's results). */
	if (!np_fact_ref_window(ref) || np_factsrc_replaying()) {
		np_out_quiet_begin(ctx->out);
		err = np_fact_fetch(ctx, ref, phase);
		const char *said = np_out_quiet_end_hint(ctx->out, miss->why, sizeof(miss->why),
							 miss->hint, sizeof(miss->hint));
		if (err) {
			if (said) {
				miss->said = true;
			} else {
				miss_set(miss, err == -ENOENT ? "no such object or field here"
							      : np_fact_errstr(err));
			}
			return err;
		}
	}
	*out = np_fact_lookup(ctx->facts, ref->text);
	if (!*out) {
		miss_set(miss, np_fact_ref_window(ref) ? "no probe window has published it"
						       : "no such object or field here");
		return -ENOENT;
	}
	return 0;
}

int np_fact_read(struct np_ctx *ctx, const char *text, const struct np_fact **out,
		 struct np_fact_miss *miss)
{
	struct np_fact_ref ref;
	int err = np_fact_resolve(text, &ref, miss->why, sizeof(miss->why));
	*out = NULL;
	if (err) {
		miss->hint[0] = '\0';
		miss->said = false;
		return err;
	}
	return np_fact_read_ref(ctx, &ref, NP_FS_STATIC, out, miss);
}

int np_facts_load(struct np_ctx *ctx, const char *prefix)
{
	struct np_fact_ref ref;
	char why[256];
	int err = np_factkey_parse(prefix, &ref.key, why, sizeof(why));
	if (err)
		return 0; /* not a name: the store answers (with nothing) */
	ref.fam = np_fact_family_find(ref.key.seg[0].name);
	if (!ref.fam || !ref.fam->fetch || ref.fam->window)
		return 0;
	/* A whole object or family: the grammar wants a field, so the key is
	 * read as written, and the reader publishes everything under it. */
	np_factkey_format(&ref.key, ref.text, sizeof(ref.text));
	err = np_fact_fetch(ctx, &ref, NP_FS_STATIC);
	if (!err || err == -ENOENT)
		return 0;
	/* The family refused the name (sysctl[../x]) or could not read it:
	 * say which and why. */
	if (err == -NP_EUSAGE && ref.fam->canon && ref.fam->canon(&ref.key, why, sizeof(why)))
		np_error(ctx->out, ref.fam->pattern, "fact '%s': %s", prefix, why);
	else if (!np_out_has_error(ctx->out))
		np_error(ctx->out, NULL, "fact '%s': %s", prefix,
			 err == -NP_EUSAGE ? "not a valid name" : np_fact_errstr(err));
	return err;
}
