// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pager.h"
#include "signals.h"
#include "xalloc.h"

#define MAX_PAGER_ARGS 16

size_t np_text_rows(const char *text, size_t n, int cols)
{
	size_t rows = 0, width = 0;
	bool esc = false;
	if (cols <= 0)
		cols = 80;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (esc) { /* ESC [ ... letter takes no room */
			esc = !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
			continue;
		}
		if (c == '\033') {
			esc = true;
		} else if (c == '\n') {
			rows += width ? (width + (size_t)cols - 1) / (size_t)cols : 1;
			width = 0;
		} else if ((c & 0xc0) != 0x80) { /* one column per code point */
			width++;
		}
	}
	if (width)
		rows += (width + (size_t)cols - 1) / (size_t)cols;
	return rows;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR && !np_stop_requested)
			continue;
		if (w <= 0)
			return; /* the pager quit early (q): the rest is not wanted */
		p += w;
		n -= (size_t)w;
	}
}

/* Start the pager on a pipe; -1 when it could not be executed (the child
 * reports exec's errno on a close-on-exec pipe). */
static pid_t spawn(char *const argv[], int *in)
{
	int data[2], status[2], err = 0;
	pid_t pid;

	if (pipe2(data, O_CLOEXEC))
		return -1;
	if (pipe2(status, O_CLOEXEC)) {
		close(data[0]);
		close(data[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(data[0], STDIN_FILENO);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		err = errno;
		(void)!write(status[1], &err, sizeof(err));
		_exit(127);
	}
	close(data[0]);
	close(status[1]);
	if (pid > 0 && read(status[0], &err, sizeof(err)) == sizeof(err)) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(status[0]);
	if (pid < 0) {
		close(data[1]);
		return -1;
	}
	*in = data[1];
	return pid;
}

static void wait_pager(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		if (np_stop_requested)
			kill(pid, SIGTERM); /* the session is ending: so is the pager */
}

void np_page(const char *text, size_t n, FILE *out)
{
	struct winsize ws = {0};
	const char *env = getenv("PAGER");
	char *cmd, *argv[MAX_PAGER_ARGS + 1], *save = NULL;
	int argc = 0, in = -1;
	pid_t pid;

	fflush(out);
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) || !ws.ws_row ||
	    np_text_rows(text, n, ws.ws_col) < ws.ws_row ||
	    (env && (!*env || !strcmp(env, "cat")))) {
		fwrite(text, 1, n, out);
		fflush(out);
		return;
	}
	cmd = np_xstrdup(env ? env : "less -FRX");
	for (char *w = strtok_r(cmd, " \t", &save); w && argc < MAX_PAGER_ARGS;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	pid = argc ? spawn(argv, &in) : -1;
	if (pid < 0) {
		fwrite(text, 1, n, out);
		fflush(out);
	} else {
		write_all(in, text, n);
		close(in);
		wait_pager(pid);
	}
	free(cmd);
}
