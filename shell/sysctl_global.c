// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "sysctl_global.h"
#include "sysctl_read.h"

struct read_req {
	int nsfd;
	const char *key;
	char *buf;
	size_t len;
	int err;
};

static void *read_thread(void *arg)
{
	struct read_req *r = arg;
	/* /proc/sys/net shows the namespace of the task that opens it. */
	if (setns(r->nsfd, CLONE_NEWNET) < 0)
		r->err = -errno;
	else
		r->err = np_sysctl_read(r->key, r->buf, r->len);
	return NULL;
}

int np_sysctl_read_in(int nsfd, const char *key, char *buf, size_t len)
{
	struct read_req r = {nsfd, key, buf, len, -EIO};
	pthread_t th;
	int err = pthread_create(&th, NULL, read_thread, &r);
	if (err)
		return -err;
	pthread_join(th, NULL);
	return r.err;
}

static bool same_ns(int fd, const struct stat *other)
{
	struct stat a;
	return !fstat(fd, &a) && a.st_ino == other->st_ino && a.st_dev == other->st_dev;
}

/* The parent of pid from /proc/PID/stat (the field after the name, which
 * may hold spaces and parentheses: read from the last ')'); 0 unknown. */
static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512], *p;
	int ppid = 0;
	ssize_t n;
	int fd;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return 0;
	return (pid_t)ppid;
}

/* PID 1's namespace may be out of reach (a sandbox that hides PID 1 from
 * ptrace checks): the processes netpath descends from (the shell that ran
 * `ip netns exec`) usually live in the initial namespace.  A host-global
 * key exists only there, so the first ancestor's namespace that has it is
 * that one. */
static int read_in_ancestors(const struct stat *here, const struct stat *home, const char *key,
			     char *buf, size_t len)
{
	pid_t pid = getppid();
	for (int depth = 0; pid > 1 && depth < 16; depth++, pid = parent_of(pid)) {
		char path[64];
		int fd, err = -ENOENT;
		snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!same_ns(fd, here) && !same_ns(fd, home))
			err = np_sysctl_read_in(fd, key, buf, len);
		close(fd);
		if (!err)
			return 0;
	}
	return -ENOENT;
}

int np_sysctl_read_global(struct np_ctx *ctx, const char *key, char *buf, size_t len,
			  enum np_sysctl_from *from)
{
	struct stat here, home = {0};
	int err = np_sysctl_read(key, buf, len), fd;
	*from = NP_SYSCTL_HERE;
	if (err != -ENOENT || stat("/proc/thread-self/ns/net", &here))
		return err;
	/* Where netpath started, when it looks at another namespace now. */
	if (ctx->home_netns_fd >= 0 && !fstat(ctx->home_netns_fd, &home) &&
	    !same_ns(ctx->home_netns_fd, &here)) {
		if (!np_sysctl_read_in(ctx->home_netns_fd, key, buf, len)) {
			*from = NP_SYSCTL_HOME;
			return 0;
		}
	} else {
		home = here;
	}
	/* netpath itself runs in a child namespace (a container): the initial
	 * one holds the key, when it may be entered (root). */
	fd = open("/proc/1/ns/net", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (!same_ns(fd, &here) && !same_ns(fd, &home) &&
		    !np_sysctl_read_in(fd, key, buf, len)) {
			*from = NP_SYSCTL_INITIAL;
			err = 0;
		}
		close(fd);
		if (!err)
			return 0;
	}
	if (!read_in_ancestors(&here, &home, key, buf, len)) {
		*from = NP_SYSCTL_INITIAL;
		err = 0;
	}
	return err;
}

const char *np_sysctl_from_text(enum np_sysctl_from from)
{
	switch (from) {
	case NP_SYSCTL_HOME:
		return "host-global: read in the namespace netpath started in";
	case NP_SYSCTL_INITIAL:
		return "host-global: read in the initial namespace";
	default:
		return "";
	}
}

const char *np_sysctl_from_name(enum np_sysctl_from from)
{
	return from == NP_SYSCTL_HOME ? "home" : from == NP_SYSCTL_INITIAL ? "initial" : "here";
}
