/* SPDX-License-Identifier: GPL-2.0-only */
/* Device names for rows a probe saw in any namespace.  A row carries the
 * namespace's inode and an ifindex; if_indextoname answers only for the
 * namespace netpath is in, so another one is asked through a socket made
 * inside it (np_netns_socket): the namespace the probe holds open
 * (np_filter_pin), else the /run/netns name with that inode.  One socket
 * per namespace, kept while the probe runs: rows are named every window. */
#ifndef NP_NETNS_IFNAME_H
#define NP_NETNS_IFNAME_H

#include <stddef.h>
#include <stdint.h>

#define NP_IFNAMES_MAX 8

struct np_ifnames {
	uint32_t own;	  /* netpath's namespace */
	uint32_t pin_ino; /* the probe's pinned namespace (0: none) */
	int pin_fd;	  /* its fd, owned by the probe */
	int n;
	struct {
		uint32_t ino;
		int sock; /* or -errno: that namespace cannot be asked */
	} ns[NP_IFNAMES_MAX];
};

void np_ifnames_init(struct np_ifnames *c, uint32_t own, int pin_fd, uint32_t pin_ino);
/* The name of ifindex in namespace ino, else "ifN" (gone, or the
 * namespace cannot be reached: no name, no CAP_SYS_ADMIN). */
void np_ifnames_name(struct np_ifnames *c, uint32_t ino, uint32_t ifindex, char *buf, size_t len);
void np_ifnames_close(struct np_ifnames *c);

#endif
