// SPDX-License-Identifier: GPL-2.0-only
/* Option words of `probe`: a duration anywhere, --long, and the filter
 * (pairs of keyword and value joined by "and"). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "probe_opts.h"
#include "validate.h"

static bool is_filter_kw(const char *s)
{
	for (const char *const *k = np_filter_keywords(); *k; k++)
		if (!strcmp(*k, s))
			return true;
	return false;
}

int np_probe_opts_parse(struct np_ctx *ctx, int argc, char **argv, struct np_probe_opts *o)
{
	static const char hint[] =
	    "probe KIND [SECONDS] [netns NETNS|current|all] [dev DEV] [proto tcp|udp|icmp] "
	    "[host|src|dst ADDR] [port|sport|dport N] joined by 'and'; --long for > 60 s";
	char *fw[64];
	int nf = 0;
	char why[256];
	bool have_secs = false;

	memset(o, 0, sizeof(*o));
	o->seconds = ctx->set.window >= 0 ? ctx->set.window : NP_PROBE_DEFAULT_S;
	for (int i = 0; i < argc; i++) {
		const char *t = argv[i];
		if (!strcmp(t, "--long")) {
			o->long_ok = true;
			continue;
		}
		if (is_filter_kw(t)) {
			if (nf + 2 > (int)NP_ARRAY_SIZE(fw)) {
				np_error(ctx->out, hint, "filter too long");
				return -NP_EUSAGE;
			}
			fw[nf++] = argv[i];
			if (strcmp(t, "and") && i + 1 < argc)
				fw[nf++] = argv[++i];
			continue;
		}
		if (!have_secs && !np_parse_seconds(t, &o->seconds, why, sizeof(why))) {
			have_secs = true;
			continue;
		}
		/* A number that is not an acceptable duration: say why. */
		if (!have_secs && (isdigit((unsigned char)*t) || *t == '.')) {
			np_error(ctx->out, hint, "probe: %s", why);
			return -NP_EUSAGE;
		}
		np_error(ctx->out, hint,
			 "probe: unexpected '%.64s' (not a duration or a filter word)", t);
		return -NP_EUSAGE;
	}
	if (o->seconds > NP_PROBE_CEILING_S && !o->long_ok) {
		np_error(ctx->out, "add --long to run longer (up to 86400 s)",
			 "probe: %g s is over the %g s ceiling", o->seconds, NP_PROBE_CEILING_S);
		return -NP_EUSAGE;
	}
	if (np_filter_parse_argv(nf, fw, &o->filter, why, sizeof(why))) {
		np_error(ctx->out, hint, "filter: %s", why);
		return -NP_EUSAGE;
	}
	for (int i = 0, off = 0; i < nf && off < (int)sizeof(o->filter_text); i++)
		off += snprintf(o->filter_text + off, sizeof(o->filter_text) - (size_t)off, "%s%s",
				i ? " " : "", fw[i]);
	return 0;
}
