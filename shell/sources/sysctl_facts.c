// SPDX-License-Identifier: GPL-2.0-only
/* The sysctl fact family: sysctl[KEY] is /proc/sys/KEY, read by
 * sysctl_read.c (dotted keys; '/' for names with dots). */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "family.h"
#include "sysctl_read.h"

static int sysctl_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	char val[4096];
	const char *name = np_factkey_arg(key, 0);
	int err = np_sysctl_read(name, val, sizeof(val));
	if (err)
		return err;
	return np_fact_setf_str(ctx->facts, val, "sysctl[%s]", name);
}

static int sysctl_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *name = np_factkey_arg(key, 0);
	if (key->nseg != 1 || !key->seg[0].has_arg) {
		snprintf(why, len, "expected sysctl[KEY], e.g. sysctl[net.core.somaxconn]");
		return -ENOENT;
	}
	if (name[0] == '$' || strstr(name, ".$"))
		return 0; /* parameterised: validated after substitution */
	return np_validate_sysctl(name, why, len) ? -ENOENT : 0;
}

struct wrap {
	np_complete_fn add;
	void *cookie;
};

/* net.core.somaxconn -> sysctl[net.core.somaxconn]; a directory (net.)
 * stays open so Tab goes on into it. */
static void wrap_key(void *arg, const char *key)
{
	struct wrap *w = arg;
	char buf[300];
	size_t n = strlen(key);
	snprintf(buf, sizeof(buf), "sysctl[%s%s", key, n && key[n - 1] == '.' ? "" : "]");
	w->add(w->cookie, buf);
}

static void sysctl_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add,
			    void *cookie)
{
	static const struct np_arg key_arg = {NULL, NP_A_SYSCTL};
	struct wrap w = {add, cookie};
	char inner[256];
	if (strncmp(prefix, "sysctl[", 7))
		return;
	/* Every key under /proc/sys, as `sysctl <Tab>` offers them. */
	snprintf(inner, sizeof(inner), "%s", prefix + 7);
	inner[strcspn(inner, "]")] = '\0';
	np_complete_type(ctx, &key_arg, inner, wrap_key, &w);
}

const struct np_fact_family np_family_sysctl = {
    .ns = "sysctl",
    .pattern = "sysctl[KEY]",
    .describe = "value of /proc/sys/KEY (dotted, e.g. net.core.somaxconn; '/' for names with dots)",
    .canon = sysctl_canon,
    .fetch = sysctl_fetch,
    .complete = sysctl_complete,
};
