// SPDX-License-Identifier: GPL-2.0-only
/* Spec -> an open network namespace (netns.h).  Every way in ends the
 * same: an fd checked to be a network namespace, its inode, and a label. */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "ctx.h"
#include "netns.h"
#include "netns_parse.h"
#include "netns_scan.h"
#include "netns_tool.h"
#include "xalloc.h"

#define HINT_LIST "`netns` lists the namespaces of this host"
#define HINT_ROOT "entering another process's namespace needs root (CAP_SYS_ADMIN, CAP_SYS_PTRACE)"

static const char *ns_type_name(int type)
{
	switch (type) {
	case CLONE_NEWNS:
		return "mnt";
	case CLONE_NEWUTS:
		return "uts";
	case CLONE_NEWIPC:
		return "ipc";
	case CLONE_NEWUSER:
		return "user";
	case CLONE_NEWPID:
		return "pid";
	case CLONE_NEWCGROUP:
		return "cgroup";
	case CLONE_NEWTIME:
		return "time";
	default:
		return "non-network";
	}
}

/* Is fd a network namespace?  NS_GET_NSTYPE (4.11+) says so exactly;
 * before it, an nsfs file is accepted and setns(CLONE_NEWNET) decides. */
static int check_netns(struct np_ctx *ctx, int fd, const char *what)
{
	struct statfs sfs;
	int type = ioctl(fd, NS_GET_NSTYPE);

	if (type == CLONE_NEWNET)
		return 0;
	if (type >= 0) {
		np_error(ctx->out, "give /proc/PID/ns/net or a bind mount of one",
			 "netns %s: a %s namespace, not a network namespace", what,
			 ns_type_name(type));
		return -EINVAL;
	}
	if (fstatfs(fd, &sfs) == 0 && sfs.f_type == NSFS_MAGIC)
		return 0;
	np_error(ctx->out, "give /proc/PID/ns/net or a bind mount of one",
		 "netns %s: not a namespace file", what);
	return -EINVAL;
}

/* Open path for spec text what; report errno in one line. */
static int open_ns(struct np_ctx *ctx, const char *path, const char *what)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	fd = -errno;
	if (fd == -EACCES || fd == -EPERM)
		np_error(ctx->out, HINT_ROOT, "netns %s: %s: %s", what, path, strerror(-fd));
	else
		np_error(ctx->out, HINT_LIST, "netns %s: %s: %s", what, path, strerror(-fd));
	return fd;
}

static int open_pid(struct np_ctx *ctx, unsigned long pid, const char *what)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%lu/ns/net", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	fd = -errno;
	if (fd == -ENOENT) {
		snprintf(path, sizeof(path), "/proc/%lu", pid);
		np_error(ctx->out, "`netns` lists the processes of every namespace",
			 access(path, F_OK) ? "netns %s: no process %lu"
					    : "netns %s: process %lu has exited (a zombie)",
			 what, pid);
		return -ESRCH;
	}
	np_error(ctx->out, fd == -EACCES || fd == -EPERM ? HINT_ROOT : NULL, "netns %s: %s: %s",
		 what, path, strerror(-fd));
	return fd;
}

/* docker|podman inspect -f '{{.State.Pid}}' NAME, crictl inspect ID. */
static int container_pid(struct np_ctx *ctx, const struct np_netns_spec *s, const char *what,
			 unsigned long *pid)
{
	const char *tool = np_netns_spec_tool(s->kind);
	char *value = (char *)s->value;
	char *fmt[] = {(char *)tool, "inspect",	       "--type", "container",
		       "-f",	     "{{.State.Pid}}", value,	 NULL};
	char *cri[] = {(char *)tool, "inspect", value, NULL};
	struct np_tool_result *r = np_xmalloc(sizeof(*r));
	long v = -1;
	int err;

	err = np_tool_run(s->kind == NP_NS_CRICTL ? cri : fmt, NP_TOOL_TIMEOUT_MS, r);
	if (err == -ENOENT)
		np_error(ctx->out, "pid:PID reaches a container through its process",
			 "netns %s: %s is not installed (not on PATH)", what, tool);
	else if (err == -ETIMEDOUT)
		np_error(ctx->out, NULL, "netns %s: %s inspect gave no answer within %d s", what,
			 tool, NP_TOOL_TIMEOUT_MS / 1000);
	else if (err)
		np_error(ctx->out, NULL, "netns %s: running %s: %s", what, tool, strerror(-err));
	else if (r->status != 0) {
		err = strstr(r->err, "o such") || strstr(r->err, "not found") ? -ENOENT : -EIO;
		np_error(ctx->out, "the runtime's own `ps` lists its containers",
			 "netns %s: %s inspect failed: %s", what, tool,
			 r->err[0] ? r->err : "no message");
	} else if ((s->kind == NP_NS_CRICTL ? np_netns_crictl_pid(r->out, r->outlen, &v)
					    : np_netns_tool_pid(r->out, &v)) == -EINVAL) {
		err = -EIO;
		np_error(ctx->out, NULL, "netns %s: %s inspect printed no pid", what, tool);
	} else if (v <= 0) {
		err = -ESRCH;
		np_error(ctx->out, "start it, or pick a running container",
			 "netns %s: the container is not running", what);
	}
	free(r);
	*pid = (unsigned long)v;
	return err;
}

static int open_inode(struct np_ctx *ctx, unsigned long inode, const char *what)
{
	struct np_netns_list l;
	struct np_netns_entry *e;
	int fd = np_netns_scan(&l, NP_SCAN_PROCS);

	if (fd < 0) {
		np_error(ctx->out, NULL, "netns %s: %s", what, strerror(-fd));
		return fd;
	}
	e = np_netns_find(&l, inode);
	fd = e ? np_netns_entry_open(e) : -ENOENT;
	if (fd < 0)
		np_error(ctx->out, fd == -EACCES || fd == -EPERM ? HINT_ROOT : HINT_LIST,
			 "netns %s: %s", what,
			 e ? strerror(-fd) : "no namespace with that inode on this host");
	np_netns_list_free(&l);
	return fd;
}

/* Open what s names; *pid is the process it went through (0 none). */
static int open_spec(struct np_ctx *ctx, const struct np_netns_spec *s, const char *what,
		     unsigned long *pid)
{
	char path[NP_NETNS_SPEC_MAX + 16];
	int err;

	*pid = 0;
	switch (s->kind) {
	case NP_NS_HOME:
		if (ctx->home_netns_fd < 0) {
			np_error(ctx->out, NULL, "netns -: the starting namespace was not kept");
			return -EBADF;
		}
		err = fcntl(ctx->home_netns_fd, F_DUPFD_CLOEXEC, 0);
		return err < 0 ? -errno : err;
	case NP_NS_NUMBER:
		snprintf(path, sizeof(path), "/run/netns/%s", s->value);
		if (access(path, F_OK) == 0)
			return open_ns(ctx, path, what);
		*pid = s->num;
		return open_pid(ctx, s->num, what);
	case NP_NS_NAME:
		snprintf(path, sizeof(path), "/run/netns/%s", s->value);
		if (access(path, F_OK) && errno == ENOENT) {
			np_error(ctx->out, HINT_LIST,
				 "netns %s: no namespace named %s in /run/netns", what, s->value);
			return -ENOENT;
		}
		return open_ns(ctx, path, what);
	case NP_NS_PID:
		*pid = s->num;
		return open_pid(ctx, s->num, what);
	case NP_NS_PATH:
		return open_ns(ctx, s->value, what);
	case NP_NS_INODE:
		return open_inode(ctx, s->num, what);
	default:
		err = container_pid(ctx, s, what, pid);
		return err ? err : open_pid(ctx, *pid, what);
	}
}

/* "/proc/PID/ns/net" -> PID, else 0. */
static unsigned long proc_path_pid(const char *path)
{
	unsigned long pid = 0;
	int n = 0;
	if (sscanf(path, "/proc/%lu/ns/net%n", &pid, &n) == 1 && n > 0 && !path[n])
		return pid;
	return 0;
}

static void make_label(struct np_ctx *ctx, const struct np_netns_spec *s, unsigned long pid,
		       struct np_netns_target *t)
{
	unsigned long p;

	if (s->kind == NP_NS_HOME) {
		snprintf(t->label, sizeof(t->label), "%s", ctx->home_netns);
		return;
	}
	if (np_netns_name_of(t->inode, t->label, sizeof(t->label)))
		return;
	if (np_netns_spec_tool(s->kind))
		np_netns_spec_text(s, t->label, sizeof(t->label));
	else if (pid)
		snprintf(t->label, sizeof(t->label), "pid:%lu", pid);
	else if (s->kind == NP_NS_PATH && (p = proc_path_pid(s->value)))
		snprintf(t->label, sizeof(t->label), "pid:%lu", p);
	else
		snprintf(t->label, sizeof(t->label), "inode:%lu", t->inode);
}

int np_netns_resolve(struct np_ctx *ctx, const struct np_netns_spec *s, struct np_netns_target *t)
{
	char what[NP_NETNS_SPEC_MAX];
	unsigned long pid;
	struct stat st;
	int err;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	np_netns_spec_text(s, what, sizeof(what));
	err = open_spec(ctx, s, what, &pid);
	if (err < 0)
		return err;
	t->fd = err;
	err = check_netns(ctx, t->fd, what);
	if (!err && fstat(t->fd, &st) < 0)
		err = -errno;
	if (err) {
		np_netns_target_close(t);
		return err;
	}
	t->inode = (unsigned long)st.st_ino;
	make_label(ctx, s, pid, t);
	return 0;
}

void np_netns_target_close(struct np_netns_target *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
}

/* Like `ip netns exec`: give this process its own mount namespace and a
 * sysfs that shows the new network namespace, so /sys/class/net matches. */
static void remount_sys(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return;
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return;
	if (umount2("/sys", MNT_DETACH) < 0)
		return;
	mount("sysfs", "/sys", "sysfs", 0, NULL);
}

int np_netns_enter(struct np_ctx *ctx, const char *spec)
{
	struct np_netns_spec s;
	struct np_netns_target t;
	char why[256];
	int err;

	if (!spec || !*spec)
		spec = "-";
	if (np_netns_spec_parse(spec, &s, why, sizeof(why))) {
		np_error(ctx->out,
			 "a name under /run/netns, pid:PID, /proc/PID/ns/net, docker:NAME",
			 "netns '%.64s': %s", spec, why);
		return -NP_EUSAGE;
	}
	err = np_netns_resolve(ctx, &s, &t);
	if (err)
		return err;
	if (setns(t.fd, CLONE_NEWNET) < 0) {
		err = -errno;
		np_error(ctx->out, "entering a namespace needs CAP_SYS_ADMIN", "netns %s: %s",
			 t.label[0] ? t.label : "-", strerror(errno));
		np_netns_target_close(&t);
		return err;
	}
	np_netns_target_close(&t);
	remount_sys();
	snprintf(ctx->netns, sizeof(ctx->netns), "%s", t.label);
	np_ctx_reset(ctx);
	return 0;
}
