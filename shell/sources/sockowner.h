/* SPDX-License-Identifier: GPL-2.0-only */
/* Which process holds a socket (ss -p, taps' packet sockets): one walk of
 * /proc/PID/fd, every socket inode found mapped to pid and comm.  Only when
 * asked: on a busy host the walk reads every open file descriptor. */
#ifndef NP_SOCKOWNER_H
#define NP_SOCKOWNER_H

#include <stdbool.h>
#include <stddef.h>

struct np_sock_owner {
	unsigned long inode;
	int pid;
	char comm[16];
	int others; /* further processes holding the same socket */
};

struct np_sock_owners {
	struct np_sock_owner *v; /* sorted by inode */
	size_t n;
};

/* Walk /proc (a root argument for tests; NULL: "/proc").  0 or -errno;
 * processes that vanish or cannot be read are skipped. */
int np_sock_owners_scan(struct np_sock_owners *o, const char *root);
/* The owner of a socket inode, or NULL. */
const struct np_sock_owner *np_sock_owner_find(const struct np_sock_owners *o, unsigned long inode);
void np_sock_owners_free(struct np_sock_owners *o);

/* "socket:[12345]" (a /proc/PID/fd link) -> 12345; false for anything else. */
bool np_sock_link_inode(const char *link, unsigned long *inode);
/* "pid/comm" (+N when other processes share the socket) into buf. */
const char *np_sock_owner_text(const struct np_sock_owner *ow, char *buf, size_t len);

#endif
