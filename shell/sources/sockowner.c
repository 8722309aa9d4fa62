// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sockowner.h"
#include "xalloc.h"

bool np_sock_link_inode(const char *link, unsigned long *inode)
{
	const char *p = link;
	unsigned long v = 0;
	if (strncmp(p, "socket:[", 8))
		return false;
	p += 8;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (~0UL - 9) / 10)
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (p[0] != ']' || p[1])
		return false;
	*inode = v;
	return true;
}

static bool is_pid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void read_comm(const char *root, const char *pid, char *comm, size_t len)
{
	char path[128];
	FILE *f;
	snprintf(comm, len, "?");
	snprintf(path, sizeof(path), "%s/%.20s/comm", root, pid);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(comm, (int)len, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

static void push(struct np_sock_owners *o, size_t *cap, unsigned long ino, int pid,
		 const char *comm)
{
	if (o->n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		o->v = np_xreallocarray(o->v, *cap, sizeof(*o->v));
	}
	o->v[o->n] = (struct np_sock_owner){.inode = ino, .pid = pid};
	snprintf(o->v[o->n].comm, sizeof(o->v[o->n].comm), "%s", comm);
	o->n++;
}

/* One process's socket descriptors. */
static void scan_pid(struct np_sock_owners *o, size_t *cap, const char *root, const char *pid)
{
	char path[128], link[64], comm[16] = "";
	DIR *fds;
	struct dirent *f;
	snprintf(path, sizeof(path), "%s/%.20s/fd", root, pid);
	fds = opendir(path);
	if (!fds)
		return;
	while ((f = readdir(fds))) {
		unsigned long ino;
		ssize_t len;
		snprintf(path, sizeof(path), "%s/%.20s/fd/%.20s", root, pid, f->d_name);
		len = readlink(path, link, sizeof(link) - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		if (!np_sock_link_inode(link, &ino))
			continue;
		if (!comm[0])
			read_comm(root, pid, comm, sizeof(comm));
		push(o, cap, ino, atoi(pid), comm);
	}
	closedir(fds);
}

static int by_inode(const void *a, const void *b)
{
	const struct np_sock_owner *x = a, *y = b;
	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->pid - y->pid;
}

/* One entry per inode: the lowest pid, the others counted. */
static void dedup(struct np_sock_owners *o)
{
	size_t out = 0;
	for (size_t i = 0; i < o->n; i++) {
		if (out && o->v[out - 1].inode == o->v[i].inode) {
			if (o->v[out - 1].pid != o->v[i].pid)
				o->v[out - 1].others++;
			continue;
		}
		o->v[out++] = o->v[i];
	}
	o->n = out;
}

int np_sock_owners_scan(struct np_sock_owners *o, const char *root)
{
	DIR *proc;
	struct dirent *p;
	size_t cap = 0;
	memset(o, 0, sizeof(*o));
	if (!root)
		root = "/proc";
	proc = opendir(root);
	if (!proc)
		return -errno;
	while ((p = readdir(proc)))
		if (is_pid(p->d_name))
			scan_pid(o, &cap, root, p->d_name);
	closedir(proc);
	if (o->n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(o->v, o->n, sizeof(*o->v), by_inode);
	dedup(o);
	return 0;
}

const struct np_sock_owner *np_sock_owner_find(const struct np_sock_owners *o, unsigned long inode)
{
	struct np_sock_owner key = {.inode = inode};
	size_t lo = 0, hi = o->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (o->v[mid].inode < key.inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->n && o->v[lo].inode == inode ? &o->v[lo] : NULL;
}

void np_sock_owners_free(struct np_sock_owners *o)
{
	free(o->v);
	o->v = NULL;
	o->n = 0;
}

const char *np_sock_owner_text(const struct np_sock_owner *ow, char *buf, size_t len)
{
	if (ow->others)
		snprintf(buf, len, "%d/%s+%d", ow->pid, ow->comm, ow->others);
	else
		snprintf(buf, len, "%d/%s", ow->pid, ow->comm);
	return buf;
}
