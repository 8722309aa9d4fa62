// SPDX-License-Identifier: GPL-2.0-only
/* One line of input (REPL, -c, -f): checked as text, split at its | filters,
 * dispatched, and its text output filtered or paged when asked. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "factsrc.h"
#include "linereader.h"
#include "pager.h"
#include "pipefilter.h"
#include "tokenize.h"
#include "xalloc.h"

/* A line that cannot be a command: one error, outside any command. */
static int line_error(struct np_ctx *ctx, const char *hint, const char *msg)
{
	np_out_begin(ctx->out, "");
	np_error(ctx->out, hint, "%s", msg);
	np_out_status(ctx->out, NP_EXIT_USAGE);
	np_out_end(ctx->out);
	return -NP_EUSAGE;
}

static int check_text(struct np_ctx *ctx, const char *line)
{
	char msg[96];
	size_t bad;
	unsigned char c;

	if (strlen(line) > NP_LINE_MAX) {
		snprintf(msg, sizeof(msg), "line longer than %d bytes", NP_LINE_MAX);
		return line_error(ctx, NULL, msg);
	}
	if (!np_text_check(line, &bad))
		return 0;
	c = (unsigned char)line[bad];
	snprintf(msg, sizeof(msg), "%s 0x%02x at column %zu",
		 c < 0x20 || c == 0x7f ? "control character" : "not UTF-8 text: byte", c, bad + 1);
	return line_error(ctx, "commands are text; quote nothing that is not", msg);
}

/* The REPL holds a command's output back for the pager only when it goes
 * to a terminal and the command does not draw there while it runs. */
static bool pager_wanted(const struct np_ctx *ctx, const struct np_cmd *cmd)
{
	return ctx->interactive && !ctx->set.pager_off && !np_out_json(ctx->out) &&
	       isatty(fileno(np_out_file(ctx->out))) && !(cmd && (cmd->flags & NP_CMD_LIVE));
}

static void show(FILE *to, const char *text, size_t n, bool page)
{
	if (page) {
		np_page(text, n, to);
	} else {
		fwrite(text, 1, n, to);
		fflush(to);
	}
}

/* Run the command with its text captured in memory (no live drawing:
 * there is no terminal to draw on), then filter and/or page it. */
static int run_captured(struct np_ctx *ctx, struct np_tokens *t, const struct np_pipe *p, bool page)
{
	char *buf = NULL, *fbuf = NULL;
	size_t n = 0, fn = 0;
	FILE *mem = open_memstream(&buf, &n), *to;
	bool inter = ctx->interactive;
	int rc;

	if (!mem)
		return np_dispatch(ctx, t->argc, t->argv);
	to = np_out_swap_file(ctx->out, mem);
	ctx->interactive = false;
	np_out_line_filter(ctx->out, p != NULL);
	rc = np_dispatch(ctx, t->argc, t->argv);
	np_out_line_filter(ctx->out, false);
	ctx->interactive = inter;
	np_out_swap_file(ctx->out, to);
	fclose(mem);
	if (p) {
		FILE *fmem = open_memstream(&fbuf, &fn);
		if (fmem) {
			np_pipe_apply(p, buf, n, fmem);
			fclose(fmem);
			show(to, fbuf, fn, page);
		}
	} else {
		show(to, buf, n, page);
	}
	free(fbuf);
	free(buf);
	return rc;
}

static int dispatch_piped(struct np_ctx *ctx, const char *line, char *cmdtext, long bar)
{
	struct np_tokens t;
	struct np_pipe p;
	const struct np_cmd *cmd = NULL;
	char err[256];
	int rc = np_tokenize(cmdtext, &t, err, sizeof(err));

	if (rc)
		return line_error(ctx, NULL, err);
	if (t.argc == 0) {
		np_tokens_free(&t);
		return bar >= 0 ? line_error(ctx, NULL, "nothing before '|'") : 0;
	}
	if (bar >= 0 && np_out_json(ctx->out)) {
		np_tokens_free(&t);
		return line_error(ctx, "filter the JSON with jq instead",
				  "| include/exclude/count work on text output, not with -j");
	}
	if (bar >= 0 && (rc = np_pipe_parse(line + bar + 1, &p, err, sizeof(err)))) {
		np_tokens_free(&t);
		return line_error(ctx, "| include RE, | exclude RE, | count", err);
	}
	np_factsrc_note_command(line);
	np_command_resolve(t.argv[0], &cmd, err, sizeof(err));
	if (bar >= 0 || pager_wanted(ctx, cmd))
		rc = run_captured(ctx, &t, bar >= 0 ? &p : NULL, pager_wanted(ctx, NULL));
	else
		rc = np_dispatch(ctx, t.argc, t.argv);
	if (bar >= 0)
		np_pipe_free(&p);
	np_tokens_free(&t);
	return rc;
}

int np_dispatch_line(struct np_ctx *ctx, const char *line)
{
	long bar;
	char *cmdtext;
	int rc = check_text(ctx, line);

	if (rc)
		return rc;
	bar = np_pipe_find(line);
	cmdtext = bar >= 0 ? np_xstrndup(line, (size_t)bar) : np_xstrdup(line);
	rc = dispatch_piped(ctx, line, cmdtext, bar);
	free(cmdtext);
	return rc;
}
