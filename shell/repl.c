// SPDX-License-Identifier: GPL-2.0-only
/* The interactive shell: readline with completion driven by the command
 * descriptors, vtysh's `?`, persistent history, Ctrl-C cancels the running
 * command, SIGTERM/SIGHUP end the session after it. */
#include <errno.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "candidates.h"
#include "command.h"
#include "config.h"
#include "helppos.h"
#include "history.h"
#include "repl.h"
#include "signals.h"
#include "tokenize.h"
#include "xalloc.h"

static struct np_ctx *rl_ctx;
static struct np_cands cands;
static size_t cand_next;

void np_prompt(const struct np_ctx *ctx, char *buf, size_t len)
{
	size_t off = (size_t)snprintf(buf, len, "netpath");
	bool any = ctx->netns[0] || ctx->set.dev[0] || ctx->set.port || ctx->set.dst[0] ||
		   ctx->set.src[0] || ctx->set.proto[0] || ctx->set.window >= 0;
	if (any && off < len) {
		const char *sep = "";
		off += (size_t)snprintf(buf + off, len - off, "[");
#define ADD(cond, ...)                                                                             \
	if ((cond) && off < len) {                                                                 \
		off += (size_t)snprintf(buf + off, len - off, "%s", sep);                          \
		if (off < len)                                                                     \
			off += (size_t)snprintf(buf + off, len - off, __VA_ARGS__);                \
		sep = " ";                                                                         \
	}
		ADD(ctx->netns[0], "%s", ctx->netns);
		ADD(ctx->set.dev[0], "dev=%s", ctx->set.dev);
		ADD(ctx->set.dst[0], "dst=%s", ctx->set.dst);
		ADD(ctx->set.src[0], "src=%s", ctx->set.src);
		ADD(ctx->set.port, "port=%u", ctx->set.port);
		ADD(ctx->set.proto[0], "proto=%s", ctx->set.proto);
		ADD(ctx->set.window >= 0, "window=%gs", ctx->set.window);
#undef ADD
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "]");
	}
	if (off < len)
		snprintf(buf + off, len - off, "> ");
}

/* ---- completion ---- */

static char *cand_gen(const char *text, int state)
{
	(void)text;
	if (!state)
		cand_next = 0;
	return cand_next < cands.n ? np_xstrdup(cands.v[cand_next++]) : NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1; /* never fall back to file names */
	np_cands_clear(&cands);
	if (np_candidates(rl_ctx, rl_line_buffer, (size_t)start, text, &cands))
		return NULL;
	/* Keys that continue (sysctl dirs "net.", facts "link[", "pid:") get no space. */
	if (cands.n == 1) {
		size_t l = strlen(cands.v[0]);
		char last = l ? cands.v[0][l - 1] : 0;
		rl_completion_suppress_append =
		    last == '.' || last == '[' || last == '=' || last == ':';
	}
	return cands.n ? rl_completion_matches(text, cand_gen) : NULL;
}

/* ---- `?` and a trailing `help` ---- */

/* Inside an open quote `?` is just a character (a regular expression). */
static bool in_quote(const char *s, int upto)
{
	char q = 0;
	for (int i = 0; i < upto && s[i]; i++) {
		if (q && s[i] == q)
			q = 0;
		else if (!q && (s[i] == '\'' || s[i] == '"'))
			q = s[i];
		else if (s[i] == '\\' && i + 1 < upto)
			i++;
	}
	return q != 0;
}

static int help_key(int count, int key)
{
	if (in_quote(rl_line_buffer, rl_point))
		return rl_insert(count, key);
	rl_crlf();
	np_help_at(rl_ctx, rl_line_buffer, (size_t)rl_point, rl_outstream);
	fflush(rl_outstream);
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* `probe drops help`: the help for the position where `help` stands,
 * instead of running the line.  Not for `help` itself (`help help`). */
static bool trailing_help(struct np_ctx *ctx, const char *line)
{
	struct np_tokens t;
	char err[64];
	size_t n = strlen(line), start;
	bool yes;

	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (n < 4 || strncmp(line + n - 4, "help", 4) ||
	    (n > 4 && line[n - 5] != ' ' && line[n - 5] != '\t'))
		return false;
	start = n - 4;
	if (np_tokenize(line, &t, err, sizeof(err)))
		return false;
	yes = t.argc >= 2 && strcmp(t.argv[0], "help") &&
	      strncmp("help", t.argv[0], strlen(t.argv[0]));
	np_tokens_free(&t);
	if (yes)
		np_help_at(ctx, line, start, stdout);
	return yes;
}

/* ---- input ---- */

static void sigint_at_prompt(void)
{
	/* Ctrl-C at the prompt discards the line, like a shell. */
	(void)!write(STDOUT_FILENO, "\n", 1);
	rl_on_new_line();
	rl_replace_line("", 0);
	rl_redisplay();
}

/* readline's own getc retries an interrupted read unless readline caught
 * the signal itself; ours gives up the line on SIGTERM/SIGHUP so the
 * session can end, and lets readline handle its SIGWINCH. */
static int repl_getc(FILE *in)
{
	for (;;) {
		unsigned char c;
		ssize_t n;
		if (np_stop_requested) {
			rl_replace_line("", 0);
			return EOF;
		}
		n = read(fileno(in), &c, 1);
		if (n == 1)
			return c;
		if (n == 0 || errno != EINTR)
			return EOF;
		rl_check_signals();
	}
}

static char *read_line(const char *prompt)
{
	char *line;
	np_sigint_prompt_hook = sigint_at_prompt;
	np_sigint = 0;
	line = readline(prompt);
	np_sigint_prompt_hook = NULL;
	return line;
}

int np_repl(struct np_ctx *ctx)
{
	int worst = 0;
	char prompt[512];

	rl_ctx = ctx;
	rl_readline_name = "netpath";
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = " \t\n\"'";
	rl_catch_signals = 0;
	rl_getc_function = repl_getc;
	rl_bind_key('?', help_key);
	ctx->interactive = true;
	np_history_open(ctx->out);
	printf("netpath %s: where are my packets lost?  `help` lists commands, Tab completes, "
	       "? shows what fits, Ctrl-D exits.\n",
	       NP_VERSION);
	while (!np_stop_requested) {
		char *line;
		np_prompt(ctx, prompt, sizeof(prompt));
		line = read_line(prompt);
		if (!line) {
			putchar('\n');
			break;
		}
		if (line[strspn(line, " \t")] == '\0') {
			free(line);
			continue;
		}
		add_history(line);
		if (!strcmp(line, "exit") || !strcmp(line, "quit")) {
			free(line);
			break;
		}
		if (!trailing_help(ctx, line))
			worst =
			    np_exit_worst(worst, np_exit_status(ctx, np_dispatch_line(ctx, line)));
		if (np_sigint && !np_stop_requested) {
			printf("(interrupted)\n");
			np_sigint = 0;
		}
		free(line);
	}
	np_history_save();
	np_cands_free(&cands);
	return worst;
}
