// SPDX-License-Identifier: GPL-2.0-only
/* Scripted input: -f FILE and stdin that is not a terminal.  Every line
 * goes through the bounded reader (shell/linereader.h): an over-long line,
 * binary data or a stream over the byte or command budget stops the run
 * with one error and exit 64, so a wrong file (a binary, /dev/zero, a
 * directory) never runs what it happens to contain. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "linereader.h"
#include "repl.h"
#include "signals.h"
#include "xalloc.h"

/* An error about the input itself, outside any command: one line on
 * stderr and, under -j, one {"command":"input","error":...} object. */
static int input_error(struct np_ctx *ctx, int status, const char *hint, const char *fmt,
		       const char *a, const char *b)
{
	np_out_begin(ctx->out, "input");
	np_error(ctx->out, hint, fmt, a, b);
	np_out_end(ctx->out);
	return status;
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a fifo";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

FILE *np_open_command_file(struct np_ctx *ctx, const char *path, int *status)
{
	static const char hint[] = "-f takes a regular file of commands, one per line; "
				   "pipe anything else to stdin";
	char size[64];
	struct stat st;
	FILE *f;
	/* O_NONBLOCK: opening a fifo must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	*status = NP_EXIT_USAGE;
	if (fd < 0) {
		input_error(ctx, 0, hint, "-f %.256s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st)) {
		input_error(ctx, 0, hint, "-f %.256s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		input_error(ctx, 0, hint, "-f %.256s: %s, not a file of commands", path,
			    kind_of(st.st_mode));
		close(fd);
		return NULL;
	}
	if (st.st_size > NP_INPUT_MAX_BYTES) {
		snprintf(size, sizeof(size), "%lld bytes", (long long)st.st_size);
		input_error(ctx, 0, "split it into several files",
			    "-f %.256s: %s, more than a command file holds (1 MiB)", path, size);
		close(fd);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	f = fdopen(fd, "r");
	if (!f) {
		input_error(ctx, 0, NULL, "-f %.256s: %s", path, strerror(errno));
		close(fd);
		*status = NP_UNKNOWN;
		return NULL;
	}
	*status = 0;
	return f;
}

static int refused(struct np_ctx *ctx, const char *name, const struct np_linereader *r,
		   enum np_lr_status st)
{
	char what[160];
	int status = NP_EXIT_USAGE;
	const char *hint = "command input is text: one command per line";

	if (st == NP_LR_IOERR && r->err == EINTR)
		return 0; /* Ctrl-C or SIGTERM while waiting for input: just stop */
	if (st == NP_LR_IOERR && r->err != EISDIR)
		status = NP_UNKNOWN;
	if (st == NP_LR_TOOMUCH)
		hint = "split the input into several runs";
	np_lr_describe(r, st, what, sizeof(what));
	return input_error(ctx, status, hint, "%s: %s", name, what);
}

int np_run_stream(struct np_ctx *ctx, FILE *f, const char *name)
{
	struct np_linereader *r = np_xmalloc(sizeof(*r));
	int worst = 0, ncmds = 0;

	np_lr_init(r, f, NP_INPUT_MAX_BYTES);
	while (!np_stop_requested) {
		enum np_lr_status st = np_lr_next(r);
		const char *line = r->buf + strspn(r->buf, " \t");
		char count[32];

		if (st == NP_LR_EOF)
			break;
		if (st != NP_LR_LINE) {
			worst = np_exit_worst(worst, refused(ctx, name, r, st));
			break;
		}
		if (*line == '\0' || *line == '#')
			continue;
		if (!strcmp(line, "exit") || !strcmp(line, "quit"))
			break;
		if (++ncmds > NP_INPUT_MAX_COMMANDS) {
			snprintf(count, sizeof(count), "%d", NP_INPUT_MAX_COMMANDS);
			worst = np_exit_worst(
			    worst,
			    input_error(ctx, NP_EXIT_USAGE, "split the input into several runs",
					"%s: more than %s commands", name, count));
			break;
		}
		worst = np_exit_worst(worst, np_exit_status(ctx, np_dispatch_line(ctx, r->buf)));
		if (np_sigint)
			break; /* Ctrl-C in a script stops the script */
	}
	free(r);
	return worst;
}
