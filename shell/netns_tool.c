// SPDX-License-Identifier: GPL-2.0-only
/* Run a container CLI with an argv, bounded (netns_tool.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wait.h"
#include "netns_tool.h"

bool np_tool_present(const char *name)
{
	const char *path = getenv("PATH");
	char buf[1024];

	if (!path || strchr(name, '/'))
		return false;
	while (*path) {
		size_t n = strcspn(path, ":");
		if (n && n < sizeof(buf) - strlen(name) - 2) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, name);
			if (access(buf, X_OK) == 0)
				return true;
		}
		path += n;
		if (*path)
			path++;
	}
	return false;
}

/* In the child: wire the pipes and exec.  Only async-signal-safe calls. */
static void child(char *const argv[], int out, int err)
{
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	dup2(out, STDOUT_FILENO);
	dup2(err, STDERR_FILENO);
	/* netpath ignores SIGPIPE; the tool should not inherit that. */
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	_exit(127);
}

/* Read what is there; keep at most cap-1 bytes, drop the rest.  Returns
 * false at end of file. */
static bool drain(int fd, char *buf, size_t cap, size_t *len)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof(tmp));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	if (*len + 1 < cap) {
		size_t take = (size_t)n < cap - 1 - *len ? (size_t)n : cap - 1 - *len;
		memcpy(buf + *len, tmp, take);
		*len += take;
		buf[*len] = '\0';
	}
	return true;
}

/* Wait for both pipes to close (or the deadline); -ETIMEDOUT / -EINTR. */
static int collect(int out, int err, int timeout_ms, struct np_tool_result *r, char *errbuf,
		   size_t errcap, size_t *errlen)
{
	struct pollfd p[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
	double deadline = np_now() + timeout_ms / 1000.0;

	while (p[0].fd >= 0 || p[1].fd >= 0) {
		int left = (int)((deadline - np_now()) * 1000);
		if (left <= 0)
			return -ETIMEDOUT;
		if (np_sigint)
			return -EINTR;
		if (poll(p, 2, left < 100 ? left : 100) < 0 && errno != EINTR)
			return -errno;
		if (p[0].fd >= 0 && p[0].revents && !drain(out, r->out, sizeof(r->out), &r->outlen))
			p[0].fd = -1;
		if (p[1].fd >= 0 && p[1].revents && !drain(err, errbuf, errcap, errlen))
			p[1].fd = -1;
	}
	return 0;
}

int np_tool_run(char *const argv[], int timeout_ms, struct np_tool_result *r)
{
	int po[2] = {-1, -1}, pe[2] = {-1, -1}, rc, ws;
	char errbuf[1024] = "";
	size_t errlen = 0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	if (!np_tool_present(argv[0]))
		return -ENOENT;
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		rc = -errno;
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		goto out;
	}
	if (pid == 0)
		child(argv, po[1], pe[1]);
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	rc = collect(po[0], pe[0], timeout_ms, r, errbuf, sizeof(errbuf), &errlen);
	if (rc)
		kill(pid, SIGKILL); /* our own child, by its pid */
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (!rc)
		r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	if (!rc && r->status == 127 && !r->outlen && !errlen)
		rc = -ENOENT; /* execvp failed in the child */
	errbuf[strcspn(errbuf, "\n")] = '\0';
	snprintf(r->err, sizeof(r->err), "%s", errbuf);
out:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	return rc;
}
