// SPDX-License-Identifier: GPL-2.0-only
/* show playbook NAME: the playbook's text, its source and its fragments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "pb.h"

static const char *const show_what[] = {"playbook", NULL};

static const struct np_arg show_args[] = {
    {NULL, NP_A_ENUM, "playbook", "what to show", show_what, NP_ARG_REQUIRED},
    {NULL, NP_A_PLAYBOOK, "NAME", "playbook name", NULL, NP_ARG_REQUIRED},
};

static int print_file(struct np_ctx *ctx, const char *path, const char *key)
{
	char why[256];
	char *text = pb_read_file(path, why, sizeof(why));
	if (!text) {
		np_error(ctx->out, NULL, "%s", why);
		return -EIO;
	}
	np_print_str(ctx->out, "path", "# %s\n", path);
	np_print_str(ctx->out, key, "%s", text);
	if (*text && text[strlen(text) - 1] != '\n')
		np_text(ctx->out, "\n");
	free(text);
	return 0;
}

static int show_run(struct np_ctx *ctx, const struct np_args *a)
{
	char err[PB_ERR_LEN], path[4096];
	struct pb_playbook *pb;
	int rc;

	if (pb_find(a->v[1].str, path, sizeof(path))) {
		np_error(ctx->out, "`playbooks` lists them",
			 "no playbook '%.64s' on the search path", a->v[1].str);
		return -ENOENT;
	}
	pb = pb_load_file(path, err, sizeof(err));
	np_print_str(ctx->out, "playbook", NULL, a->v[1].str);
	if (!pb)
		np_warn(ctx->out, "%s", err);
	rc = print_file(ctx, path, "text");
	np_open_arr(ctx->out, "includes");
	for (int i = 1; pb && i < pb->nfiles && !rc; i++) {
		np_text(ctx->out, "\n");
		np_open_obj(ctx->out, NULL);
		rc = print_file(ctx, pb->files[i], "text");
		np_close_obj(ctx->out);
	}
	np_close_arr(ctx->out);
	if (!pb)
		ctx->health = NP_WARN;
	pb_free(pb);
	return rc;
}

const struct np_cmd np_cmd_show = {
    .name = "show",
    .summary = "show a playbook's source (show playbook NAME)",
    .help = "Prints the playbook file that `run NAME` would use, with its path, followed by "
	    "every fragment it includes. A playbook that does not load is still shown, with "
	    "its error as a warning.",
    .args = show_args,
    .nargs = NP_ARRAY_SIZE(show_args),
    .run = show_run,
    .examples = "show playbook rx",
};
