// SPDX-License-Identifier: GPL-2.0-only
/* The interactive shell: readline with completion driven by the command
 * descriptors, persistent history, Ctrl-C cancels the running command. */
#include <fcntl.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "config.h"
#include "repl.h"
#include "tokenize.h"

static volatile sig_atomic_t at_prompt;
static struct np_ctx *rl_ctx;

static void on_sigint(int sig)
{
	(void)sig;
	np_sigint = 1;
	if (at_prompt) {
		/* Ctrl-C at the prompt discards the line, like a shell. */
		(void)!write(STDOUT_FILENO, "\n", 1);
		rl_on_new_line();
		rl_replace_line("", 0);
		rl_redisplay();
		np_sigint = 0;
	}
}

void np_signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocking read or sleep must return */
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

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

struct cand_list {
	char **v;
	size_t n, cap;
};

static void cand_add(void *cookie, const char *c)
{
	struct cand_list *l = cookie;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], c))
			return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = strdup(c);
	if (l->v[l->n])
		l->n++;
}

static struct cand_list cands;
static size_t cand_next;

static char *cand_gen(const char *text, int state)
{
	(void)text;
	if (!state)
		cand_next = 0;
	return cand_next < cands.n ? strdup(cands.v[cand_next++]) : NULL;
}

static char **complete(const char *text, int start, int end)
{
	struct np_tokens t;
	char err[64], *prefix;
	(void)end;

	rl_attempted_completion_over = 1; /* never fall back to file names */
	for (size_t i = 0; i < cands.n; i++)
		free(cands.v[i]);
	cands.n = 0;

	prefix = strndup(rl_line_buffer, (size_t)start);
	if (!prefix || np_tokenize(prefix, &t, err, sizeof(err))) {
		free(prefix);
		return NULL;
	}
	free(prefix);
	if (t.argc == 0) {
		for (int i = 0; np_commands[i]; i++)
			if (!strncmp(np_commands[i]->name, text, strlen(text)))
				cand_add(&cands, np_commands[i]->name);
	} else {
		const struct np_cmd *cmd = np_command_find(t.argv[0]);
		if (cmd)
			np_complete_command_args(rl_ctx, cmd, t.argc - 1, t.argv + 1, text, cand_add,
						 &cands);
	}
	np_tokens_free(&t);
	/* Keys that continue (sysctl dirs "net.", facts "link[", "pid:") get no space. */
	if (cands.n == 1) {
		size_t l = strlen(cands.v[0]);
		char last = l ? cands.v[0][l - 1] : 0;
		rl_completion_suppress_append =
		    last == '.' || last == '[' || last == '=' || last == ':';
	}
	return cands.n ? rl_completion_matches(text, cand_gen) : NULL;
}

/* ---- history ---- */

static char hist_path[512];

static void history_open(void)
{
	const char *home = getenv("HOME");
	int fd;
	if (!home)
		return;
	snprintf(hist_path, sizeof(hist_path), "%s/.netpath_history", home);
	/* Create it 0600 ourselves: commands may name hosts and addresses. */
	fd = open(hist_path, O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0) {
		fchmod(fd, 0600);
		close(fd);
	}
	stifle_history(2000);
	read_history(hist_path);
}

static void history_save(void)
{
	if (hist_path[0] && write_history(hist_path) == 0)
		chmod(hist_path, 0600);
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
	ctx->interactive = true;
	history_open();
	printf("netpath %s: where are my packets lost?  `help` lists commands, Tab completes, "
	       "Ctrl-D exits.\n",
	       NP_VERSION);
	for (;;) {
		char *line;
		np_prompt(ctx, prompt, sizeof(prompt));
		at_prompt = 1;
		np_sigint = 0;
		line = readline(prompt);
		at_prompt = 0;
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
		worst = np_exit_worst(worst, np_exit_status(ctx, np_dispatch_line(ctx, line)));
		if (np_sigint) {
			printf("(interrupted)\n");
			np_sigint = 0;
		}
		free(line);
	}
	history_save();
	for (size_t i = 0; i < cands.n; i++)
		free(cands.v[i]);
	free(cands.v);
	cands.v = NULL;
	cands.n = cands.cap = 0;
	return worst;
}

int np_run_stream(struct np_ctx *ctx, FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int worst = 0, lineno = 0;

	while ((n = getline(&line, &cap, f)) >= 0) {
		int rc;
		lineno++;
		if (memchr(line, '\0', (size_t)n)) {
			np_out_begin(ctx->out, "");
			np_error(ctx->out, NULL, "%s:%d: binary data in command input", name, lineno);
			np_out_end(ctx->out);
			worst = np_exit_worst(worst, NP_EXIT_USAGE);
			continue;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (line[strspn(line, " \t")] == '\0' || line[strspn(line, " \t")] == '#')
			continue;
		if (!strcmp(line, "exit") || !strcmp(line, "quit"))
			break;
		rc = np_dispatch_line(ctx, line);
		worst = np_exit_worst(worst, np_exit_status(ctx, rc));
		if (np_sigint)
			break; /* Ctrl-C in a script stops the script */
	}
	free(line);
	return worst;
}
