/* SPDX-License-Identifier: GPL-2.0-only */
/* Reaching a network namespace: one resolver for -n, `netns` and the
 * probe filter, and sockets opened inside another namespace without the
 * process ever leaving its own.
 *
 * Failures are reported through np_error (one line, with a hint) and
 * return -errno, which main() maps to exit 3 (UNKNOWN: the namespace does
 * not exist on this host, or cannot be reached):
 *   -ENOENT   no such name / path / inode, container CLI not on PATH,
 *             container unknown to its runtime
 *   -ESRCH    no such process, container not running
 *   -EACCES / -EPERM   not root (opening /proc/PID/ns/net, setns)
 *   -EINVAL   the file is not a network namespace
 *   -ETIMEDOUT, -EIO   the container CLI did not answer or failed
 * A malformed spec is caught earlier by np_netns_spec_parse (exit 64). */
#ifndef NP_NETNS_H
#define NP_NETNS_H

#include "facts.h" /* np_complete_fn */
#include "netns_spec.h"

struct np_ctx;

struct np_netns_target {
	int fd; /* the namespace file, O_RDONLY; -1 none */
	unsigned long inode;
	char label[NP_NETNS_SPEC_MAX]; /* for the prompt and messages */
};

/* Open the namespace a parsed spec names and check it is a network
 * namespace.  0 with t filled (close with np_netns_target_close), or
 * -errno with the error reported. */
int np_netns_resolve(struct np_ctx *ctx, const struct np_netns_spec *s, struct np_netns_target *t);
void np_netns_target_close(struct np_netns_target *t);

/* A socket created inside the namespace nsfd by a short-lived thread (a
 * socket stays in the namespace it was made in); the calling thread never
 * changes namespace.  fd (close-on-exec) or -errno. */
int np_netns_socket(int nsfd, int domain, int type, int protocol);
/* The index of interface dev inside namespace nsfd: > 0, or -errno. */
int np_netns_ifindex(int nsfd, const char *dev);

/* What the prompt shows for the namespace this thread is in: "" when it
 * is the initial one (or that cannot be told), its /run/netns name, else
 * inode:N (netpath started under nsenter or unshare). */
void np_netns_current_label(char *buf, size_t len);

/* Tab completion of a spec: /run/netns names, pid: with the lowest pid of
 * every other namespace, docker:/podman:/crictl: with the running
 * containers when that CLI is on PATH (bounded to a second). */
void np_netns_complete(const char *word, np_complete_fn add, void *cookie);

#endif
