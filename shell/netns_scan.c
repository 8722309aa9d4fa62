// SPDX-License-Identifier: GPL-2.0-only
/* Enumerate the host's network namespaces (netns_scan.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns_parse.h"
#include "netns_scan.h"
#include "xalloc.h"

unsigned long np_netns_file_inode(const char *path)
{
	struct stat st;
	return stat(path, &st) < 0 ? 0 : (unsigned long)st.st_ino;
}

/* PF_KTHREAD in include/linux/sched.h (stable ABI of /proc/PID/stat). */
#define NP_PF_KTHREAD 0x00200000UL

unsigned long np_netns_initial_inode(void)
{
	unsigned long ino = np_netns_file_inode("/proc/1/ns/net"), flags;
	char buf[512];
	int fd;
	ssize_t n;

	if (ino)
		return ino;
	fd = open("/proc/2/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (np_proc_stat_flags(buf, &flags) || !(flags & NP_PF_KTHREAD))
		return 0;
	return np_netns_file_inode("/proc/2/ns/net");
}

struct np_netns_entry *np_netns_find(struct np_netns_list *l, unsigned long inode)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].inode == inode)
			return &l->v[i];
	return NULL;
}

static struct np_netns_entry *get(struct np_netns_list *l, unsigned long inode)
{
	struct np_netns_entry *e = np_netns_find(l, inode);
	if (e)
		return e;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		l->v = np_xreallocarray(l->v, cap, sizeof(*l->v));
		l->cap = cap;
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->inode = inode;
	return e;
}

/* A small text file of /proc into buf (NUL-terminated); false if unreadable. */
static bool slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0)
		return false;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

static int add_proc(const struct np_netns_list *l, struct np_netns_entry *e, int pid,
		    unsigned flags)
{
	struct np_netns_proc *p;
	char path[64], buf[4096];

	if (e->nprocs == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 8;
		p = np_xreallocarray(e->procs, cap, sizeof(*p));
		e->procs = p;
		e->cap = cap;
	}
	p = &e->procs[e->nprocs++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	if (!(flags & NP_SCAN_DETAIL))
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (slurp(path, buf, sizeof(buf))) {
		buf[strcspn(buf, "\n")] = '\0';
		snprintf(p->comm, sizeof(p->comm), "%.15s", buf);
	}
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	if (slurp(path, buf, sizeof(buf)) &&
	    np_cgroup_container(buf, p->container, sizeof(p->container)) &&
	    !strcmp(p->container, l->own_container))
		p->container[0] = '\0';
	return 0;
}

static int scan_procs(struct np_netns_list *l, unsigned flags)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int err = 0;

	if (!d)
		return 0;
	while (!err && (de = readdir(d))) {
		char path[300];
		unsigned long ino;
		struct np_netns_entry *e;
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", de->d_name);
		ino = np_netns_file_inode(path);
		if (!ino) {
			/* Gone since readdir, a kernel without the link, or
			 * another user's process (needs ptrace access). */
			if (errno == EACCES || errno == EPERM)
				l->hidden++;
			continue;
		}
		e = get(l, ino);
		err = add_proc(l, e, atoi(de->d_name), flags);
	}
	closedir(d);
	return err;
}

static int scan_names(struct np_netns_list *l)
{
	DIR *d = opendir("/run/netns");
	struct dirent *de;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[300];
		unsigned long ino;
		struct np_netns_entry *e;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/run/netns/%s", de->d_name);
		ino = np_netns_file_inode(path);
		if (!ino)
			continue; /* an empty mount point left by a failed `ip netns add` */
		e = get(l, ino);
		/* Several names for one namespace: keep the first in order. */
		if (!e->name[0] || strcmp(de->d_name, e->name) < 0)
			snprintf(e->name, sizeof(e->name), "%s", de->d_name);
	}
	closedir(d);
	return 0;
}

static int scan_mounts(struct np_netns_list *l)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], path[1024];
	unsigned long ino;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		struct np_netns_entry *e;
		char **m;
		if (!np_mountinfo_netns(line, &ino, path, sizeof(path)) ||
		    !strncmp(path, "/run/netns/", 11) || !strncmp(path, "/var/run/netns/", 15))
			continue;
		e = get(l, ino);
		m = np_xreallocarray(e->mounts, e->nmounts + 1, sizeof(*m));
		e->mounts = m;
		m[e->nmounts++] = np_xstrdup(path);
	}
	fclose(f);
	return 0;
}

static int cmp_pid(const void *a, const void *b)
{
	const struct np_netns_proc *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct np_netns_entry *x = a, *y = b;
	if (x->initial != y->initial)
		return x->initial ? -1 : 1;
	return (x->inode > y->inode) - (x->inode < y->inode);
}

int np_netns_scan(struct np_netns_list *l, unsigned flags)
{
	unsigned long self = np_netns_file_inode("/proc/thread-self/ns/net");
	unsigned long init = np_netns_initial_inode();
	int err;

	memset(l, 0, sizeof(*l));
	if (flags & NP_SCAN_DETAIL) {
		char buf[4096];
		if (slurp("/proc/self/cgroup", buf, sizeof(buf)))
			np_cgroup_container(buf, l->own_container, sizeof(l->own_container));
	}
	err = flags & NP_SCAN_PROCS ? scan_procs(l, flags) : 0;
	if (!err)
		err = scan_names(l);
	if (!err)
		err = scan_mounts(l);
	if (!err && self)
		get(l, self);
	if (err) {
		np_netns_list_free(l);
		return err;
	}
	for (size_t i = 0; i < l->n; i++) {
		l->v[i].current = l->v[i].inode == self;
		l->v[i].initial = init && l->v[i].inode == init;
		qsort(l->v[i].procs, l->v[i].nprocs, sizeof(*l->v[i].procs), cmp_pid);
	}
	qsort(l->v, l->n, sizeof(*l->v), cmp_entry);
	return 0;
}

void np_netns_list_free(struct np_netns_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t m = 0; m < l->v[i].nmounts; m++)
			free(l->v[i].mounts[m]);
		free(l->v[i].mounts);
		free(l->v[i].procs);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int open_checked(const char *path, unsigned long inode)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || (unsigned long)st.st_ino != inode) {
		close(fd);
		return -ESTALE; /* the process moved, or its pid was reused */
	}
	return fd;
}

int np_netns_entry_open(const struct np_netns_entry *e)
{
	char path[300];
	int fd = -ENOENT;

	if (e->name[0]) {
		snprintf(path, sizeof(path), "/run/netns/%s", e->name);
		if ((fd = open_checked(path, e->inode)) >= 0)
			return fd;
	}
	for (size_t i = 0; i < e->nmounts; i++)
		if ((fd = open_checked(e->mounts[i], e->inode)) >= 0)
			return fd;
	for (size_t i = 0; i < e->nprocs; i++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/net", e->procs[i].pid);
		if ((fd = open_checked(path, e->inode)) >= 0)
			return fd;
	}
	if (e->current)
		return open_checked("/proc/thread-self/ns/net", e->inode);
	return fd;
}

void np_netns_entry_label(const struct np_netns_entry *e, char *buf, size_t len)
{
	if (e->name[0]) {
		snprintf(buf, len, "%s", e->name);
		return;
	}
	if (e->initial) {
		snprintf(buf, len, "(initial)");
		return;
	}
	for (size_t i = 0; i < e->nprocs; i++)
		if (e->procs[i].container[0] && strncmp(e->procs[i].container, "lxc:", 4) &&
		    strncmp(e->procs[i].container, "machine:", 8)) {
			snprintf(buf, len, "%s", e->procs[i].container);
			return;
		}
	if (e->nprocs)
		snprintf(buf, len, "pid:%d", e->procs[0].pid);
	else if (e->nmounts)
		snprintf(buf, len, "%s", e->mounts[0]);
	else
		snprintf(buf, len, "inode:%lu", e->inode);
}

bool np_netns_name_of(unsigned long inode, char *buf, size_t len)
{
	struct np_netns_list l;
	struct np_netns_entry *e;
	bool found = false;

	if (np_netns_scan(&l, 0))
		return false;
	e = np_netns_find(&l, inode);
	if (e && e->name[0]) {
		snprintf(buf, len, "%s", e->name);
		found = true;
	}
	np_netns_list_free(&l);
	return found;
}

void np_netns_current_label(char *buf, size_t len)
{
	unsigned long self = np_netns_file_inode("/proc/thread-self/ns/net");
	unsigned long init = np_netns_initial_inode();

	if (len)
		buf[0] = '\0';
	if (!self || !init || self == init)
		return;
	if (!np_netns_name_of(self, buf, len))
		snprintf(buf, len, "inode:%lu", self);
}
