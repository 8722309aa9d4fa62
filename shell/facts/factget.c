// SPDX-License-Identifier: GPL-2.0-only
/* Looking a fact up: parse the key, find its provider, let the provider
 * read just that, then read the store. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "factsrc.h"

const struct np_fact_provider *np_fact_provider_for(const struct np_factkey *key)
{
	for (int c = 0; np_commands[c]; c++)
		for (const struct np_fact_provider *const *p = np_commands[c]->facts; p && *p; p++)
			if (!strcmp((*p)->ns, key->seg[0].name))
				return *p;
	return NULL;
}

int np_fact_check(const char *key, char *why, size_t len)
{
	struct np_factkey k;
	const struct np_fact_provider *p;
	int err = np_factkey_parse(key, &k, why, len);
	if (err)
		return err;
	p = np_fact_provider_for(&k);
	if (!p) {
		snprintf(why, len, "no command provides facts named '%s.*' (see `facts`)",
			 k.seg[0].name);
		return -ENOENT;
	}
	return p->check ? p->check(&k, why, len) : 0;
}

int np_fact_get(struct np_ctx *ctx, const char *key, const struct np_fact **out)
{
	struct np_factkey k;
	const struct np_fact_provider *p;
	char why[256], canon[NP_FACTKEY_MAX * 2];
	int err = np_factkey_parse(key, &k, why, sizeof(why));

	*out = NULL;
	if (err) {
		np_error(ctx->out, NULL, "fact '%s': %s", key, why);
		return err;
	}
	np_factkey_format(&k, canon, sizeof(canon));
	p = np_fact_provider_for(&k);
	if (!p) {
		np_error(ctx->out, "`facts` lists the fact families", "no command provides '%s'",
			 canon);
		return -NP_EUSAGE;
	}
	if (p->check && p->check(&k, why, sizeof(why))) {
		np_error(ctx->out, p->pattern, "fact '%s': %s", canon, why);
		return -NP_EUSAGE;
	}
	if (p->window && !np_factsrc_replaying()) {
		/* Probe facts exist only after a window; answer from the store. */
		*out = np_fact_lookup(ctx->facts, canon);
		if (!*out) {
			np_error(ctx->out, "run `probe` or a playbook first",
				 "'%s' comes from a probe window and none has been run", canon);
			return -ENOENT;
		}
		return 0;
	}
	err = np_fact_fetch(ctx, p, &k);
	if (err) {
		if (!np_out_has_error(ctx->out))
			np_error(ctx->out, NULL, "fact '%s': %s", canon,
				 err == -ENOENT ? "no such object or field" : np_fact_errstr(err));
		return err;
	}
	*out = np_fact_lookup(ctx->facts, canon);
	if (!*out) {
		np_error(ctx->out, NULL, "fact '%s': no such object or field", canon);
		return -ENOENT;
	}
	return 0;
}

int np_fact_read(struct np_ctx *ctx, const char *key, const struct np_fact **out, char *why,
		 size_t len)
{
	struct np_factkey k;
	const struct np_fact_provider *p;
	char canon[NP_FACTKEY_MAX * 2], said[256];
	int err = np_factkey_parse(key, &k, why, len);

	*out = NULL;
	if (err)
		return err;
	np_factkey_format(&k, canon, sizeof(canon));
	p = np_fact_provider_for(&k);
	if (!p) {
		snprintf(why, len, "no provider for '%s'", canon);
		return -ENOENT;
	}
	if (p->check && p->check(&k, why, len))
		return -ENOENT;
	if (!p->window || np_factsrc_replaying()) {
		np_out_quiet_begin(ctx->out);
		err = np_fact_fetch(ctx, p, &k);
		if (np_out_quiet_end(ctx->out, said, sizeof(said)) && err)
			snprintf(why, len, "%s", said);
		else if (err)
			snprintf(why, len, "%s",
				 err == -ENOENT ? "no such object or field here"
						: np_fact_errstr(err));
		if (err)
			return err;
	}
	*out = np_fact_lookup(ctx->facts, canon);
	if (!*out) {
		snprintf(why, len, "%s",
			 p->window ? "no probe window has published it"
				   : "no such object or field here");
		return -ENOENT;
	}
	return 0;
}
