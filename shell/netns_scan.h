/* SPDX-License-Identifier: GPL-2.0-only */
/* Every network namespace of the host, like `lsns -t net`: the ones
 * processes are in (/proc/PID/ns/net), the ones named by `ip netns`
 * (/run/netns) and the ones only a bind mount keeps alive (nsfs entries
 * of /proc/self/mountinfo, e.g. /run/docker/netns/ID).  A namespace held
 * only by an open file descriptor or a socket is invisible to all three. */
#ifndef NP_NETNS_SCAN_H
#define NP_NETNS_SCAN_H

#include <stdbool.h>
#include <stddef.h>

struct np_netns_proc {
	int pid;
	char comm[16];	    /* "" unless NP_SCAN_DETAIL */
	char container[80]; /* np_cgroup_container(); "" none or not scanned */
};

struct np_netns_entry {
	unsigned long inode;
	char name[256]; /* /run/netns name ("" none; the first when several) */
	char **mounts;	/* other nsfs mount points of it */
	size_t nmounts;
	struct np_netns_proc *procs; /* ascending pid */
	size_t nprocs, cap;
	bool initial; /* the initial namespace (np_netns_initial_inode) */
	bool current; /* the calling thread's */
};

struct np_netns_list {
	struct np_netns_entry *v; /* initial first, then by inode */
	size_t n, cap;
	size_t hidden; /* processes whose /proc/PID/ns/net was refused */
	/* The container netpath itself runs in ("" on a host): processes in it
	 * get no container label, or inside a CI container every namespace
	 * would carry the same docker:ID. */
	char own_container[80];
};

#define NP_SCAN_PROCS  0x1 /* walk /proc (else only /run/netns and mounts) */
#define NP_SCAN_DETAIL 0x2 /* comm and container of every process */

/* 0 or -errno (only an allocation failure: unreadable parts are skipped). */
int np_netns_scan(struct np_netns_list *l, unsigned flags);
void np_netns_list_free(struct np_netns_list *l);
struct np_netns_entry *np_netns_find(struct np_netns_list *l, unsigned long inode);
/* Open the entry's namespace file (its name, a mount, else a process's
 * /proc/PID/ns/net), checked to still be that inode.  fd or -errno. */
int np_netns_entry_open(const struct np_netns_entry *e);
/* The short form that reaches it, as the prompt shows it: "(initial)", its
 * name, docker:ID of its first containerised process, pid:PID, a mount
 * path, or inode:N. */
void np_netns_entry_label(const struct np_netns_entry *e, char *buf, size_t len);

/* Inode of a namespace file (0 when it cannot be read). */
unsigned long np_netns_file_inode(const char *path);
/* Inode of the initial network namespace: PID 1's; when that cannot be
 * read (not root, or an LSM refuses), kthreadd's (PID 2, checked to be a
 * kernel thread: kernel threads all live in the initial namespace).  0 when
 * neither can be read. */
unsigned long np_netns_initial_inode(void);
/* The name /run/netns gives inode, if any. */
bool np_netns_name_of(unsigned long inode, char *buf, size_t len);

#endif
