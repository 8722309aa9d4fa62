// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <readline/history.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"
#include "linereader.h"
#include "xalloc.h"

#define HISTORY_LINES 2000

static int hist_fd = -1;

int np_history_check(const struct stat *st, unsigned euid, char *why, size_t len)
{
	if (!S_ISREG(st->st_mode)) {
		snprintf(why, len, "not a regular file");
		return -1;
	}
	if (st->st_uid != euid) {
		snprintf(why, len, "owned by uid %u, not by the user netpath runs as (%u)",
			 (unsigned)st->st_uid, euid);
		return -1;
	}
	if (st->st_nlink != 1) {
		snprintf(why, len, "it has %lu hard links", (unsigned long)st->st_nlink);
		return -1;
	}
	return 0;
}

/* Lines go through the bounded reader: a damaged file loads up to the
 * damage and never more than the history holds. */
static void load(int fd)
{
	struct np_linereader *r = np_xmalloc(sizeof(*r));
	FILE *f = fdopen(dup(fd), "r");
	if (f) {
		np_lr_init(r, f, (size_t)HISTORY_LINES * (NP_LINE_MAX + 1));
		while (np_lr_next(r) == NP_LR_LINE)
			if (r->buf[0])
				add_history(r->buf);
		fclose(f);
	}
	free(r);
}

void np_history_open(struct np_out *out)
{
	const char *home = getenv("HOME");
	char path[4096], why[160] = "";
	struct stat st;
	int fd;

	stifle_history(HISTORY_LINES);
	if (!home || home[0] != '/')
		return;
	snprintf(path, sizeof(path), "%s/.netpath_history", home);
	/* Create it 0600 ourselves: commands may name hosts and addresses.
	 * O_NONBLOCK: a fifo planted there must not hang the shell. */
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600);
	if (fd < 0) {
		np_warn(out, "history: %s: %s; no history this session", path,
			errno == ELOOP ? "a symlink, not followed" : strerror(errno));
		return;
	}
	if (fstat(fd, &st))
		snprintf(why, sizeof(why), "%s", strerror(errno));
	if (why[0] || np_history_check(&st, (unsigned)geteuid(), why, sizeof(why))) {
		np_warn(out, "history: %s: %s; not used, no history this session", path, why);
		close(fd);
		return;
	}
	if ((st.st_mode & 07777) != 0600)
		fchmod(fd, 0600); /* the checked file itself, never a path */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	load(fd);
	hist_fd = fd;
}

void np_history_save(void)
{
	HIST_ENTRY **h = history_list();
	FILE *f;

	if (hist_fd < 0)
		return;
	if (ftruncate(hist_fd, 0) == 0 && lseek(hist_fd, 0, SEEK_SET) == 0 &&
	    (f = fdopen(dup(hist_fd), "w"))) {
		for (int i = 0; h && h[i]; i++)
			fprintf(f, "%s\n", h[i]->line);
		fclose(f);
	}
	close(hist_fd);
	hist_fd = -1;
}
