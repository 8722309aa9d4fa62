// SPDX-License-Identifier: GPL-2.0-only
/* playbooks: every playbook on the search path, with its source file, and
 * the error of any that does not load (one bad file never hides others). */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "pb.h"

struct list {
	struct np_table *t;
	int bad;
};

static void row(const char *name, const char *path, void *arg)
{
	struct list *l = arg;
	char err[PB_ERR_LEN];
	struct pb_playbook *pb = pb_load_file(path, err, sizeof(err));

	if (pb && strcmp(pb->name, name)) {
		snprintf(err, sizeof(err), "declares playbook '%s', expected '%s'", pb->name, name);
		pb_free(pb);
		pb = NULL;
	}
	np_row_begin(l->t);
	np_cell_str(l->t, name);
	np_cell_str(l->t, pb ? "ok" : "error");
	np_cell_str(l->t, pb ? pb->summary : err);
	np_cell_str(l->t, path);
	np_row_end(l->t);
	if (!pb)
		l->bad++;
	pb_free(pb);
}

static int playbooks_run(struct np_ctx *ctx, const struct np_args *a)
{
	static const struct np_col cols[] = {
	    {"name", "NAME", NP_COL_STR},
	    {"status", "STATUS", NP_COL_STR},
	    {"summary", "SUMMARY / ERROR", NP_COL_STR, NP_COL_TRUNC},
	    {"path", "SOURCE", NP_COL_STR, .drop = 5},
	};
	struct list l = {0};
	(void)a;
	l.t = np_table_begin(ctx->out, "playbooks", NULL, cols, NP_ARRAY_SIZE(cols));
	pb_each(row, &l);
	np_table_end(l.t);
	if (l.bad)
		ctx->health = NP_WARN;
	return 0;
}

const struct np_cmd np_cmd_playbooks = {
    .name = "playbooks",
    .summary = "list playbooks on the search path with their source file",
    .help = "Lists every playbook found on the search path (NETPATH_PLAYBOOKS, ./playbooks, "
	    "~/.config/netpath/playbooks, /etc/netpath/playbooks, the installed ones; the first "
	    "directory wins). Each is loaded and checked: one that does not parse, names an "
	    "unknown fact or is writable by other users is listed with its error (WARNING exit "
	    "status) and does not stop the others.",
    .run = playbooks_run,
};
