// SPDX-License-Identifier: GPL-2.0-only
/* /proc files report size 0: read until EOF into a growing buffer. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "procfile.h"
#include "xalloc.h"

int np_read_file(const char *path, char **out, size_t *lenp)
{
	size_t len = 0, cap = 8192;
	char *buf = np_xmalloc(cap);
	int fd, err = 0;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		free(buf);
		return err;
	}
	for (;;) {
		ssize_t n;
		if (cap - len < 2) {
			buf = np_xreallocarray(buf, cap * 2, 1);
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*out = buf;
	if (lenp)
		*lenp = len;
	return 0;
}

int np_read_proc(const char *path, char **out)
{
	return np_read_file(path, out, NULL);
}
