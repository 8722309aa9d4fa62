// SPDX-License-Identifier: GPL-2.0-only
/* Tab completion of a playbook run's KEY=VALUE words (`run`, `diagnose`):
 * every parameter name of the installed playbooks, the built-in window=
 * and active=, and interface names after dev=/iif=. */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "pb_run.h"

struct names {
	char v[48][32];
	int n;
};

static void add_name(struct names *n, const char *s)
{
	for (int i = 0; i < n->n; i++)
		if (!strcmp(n->v[i], s))
			return;
	if (n->n < (int)NP_ARRAY_SIZE(n->v))
		snprintf(n->v[n->n++], sizeof(n->v[0]), "%s", s);
}

static void collect(const char *name, const char *path, void *arg)
{
	char err[PB_ERR_LEN];
	struct pb_playbook *pb = pb_load_file(path, err, sizeof(err));
	(void)name;
	for (int i = 0; pb && i < pb->nparams; i++) {
		char kv[40];
		snprintf(kv, sizeof(kv), "%s=", pb->params[i].name);
		add_name(arg, kv);
	}
	pb_free(pb);
}

void pb_complete_params(struct np_ctx *ctx, int argc, char **argv, const char *word,
			np_complete_fn add, void *cookie)
{
	struct names n = {0};
	const char *eq = strchr(word, '=');
	(void)ctx;
	(void)argc;
	(void)argv;
	if (eq && (!strncmp(word, "dev=", 4) || !strncmp(word, "iif=", 4))) {
		/* dev=et<TAB>: interfaces, with the key kept in front. */
		struct if_nameindex *ifs = if_nameindex();
		for (struct if_nameindex *i = ifs; i && i->if_index; i++) {
			char kv[64];
			snprintf(kv, sizeof(kv), "%.4s%s", word, i->if_name);
			if (!strncmp(kv, word, strlen(word)))
				add(cookie, kv);
		}
		if (ifs)
			if_freenameindex(ifs);
		return;
	}
	if (eq && !strncmp(word, "active=", 7)) {
		add(cookie, "active=yes");
		add(cookie, "active=no");
		return;
	}
	pb_each(collect, &n);
	add_name(&n, "window=");
	add_name(&n, "active=");
	for (int i = 0; i < n.n; i++)
		if (!strncmp(n.v[i], word, strlen(word)))
			add(cookie, n.v[i]);
}
