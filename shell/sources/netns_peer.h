/* SPDX-License-Identifier: GPL-2.0-only */
/* Naming the namespace on the other side of a veth.  The kernel tells a
 * link's peer namespace only as an nsid (IFLA_LINK_NETNSID), a number local
 * to the namespace asking; this turns it into a spec netpath's -n accepts. */
#ifndef NP_NETNS_PEER_H
#define NP_NETNS_PEER_H

#include <stddef.h>

#include "ctx.h"

/* The namespace whose nsid (as seen from the current namespace) is nsid:
 * a /run/netns name when one matches, else "pid:PID" of a process in it,
 * else "inode:N" of a namespace file mounted elsewhere (docker, CNI), else
 * "nsid:N" (nothing this process can open holds it).  Candidates are asked
 * with RTM_GETNSID, one request per distinct namespace.  0, or -errno when
 * rtnetlink cannot be opened (buf then holds "nsid:N" too). */
int np_netns_spec_of_nsid(struct np_ctx *ctx, int nsid, char *buf, size_t len);

/* Name of the device ifindex in the namespace nsid names (RTM_GETLINK with
 * IFLA_TARGET_NETNSID: read from here, needs CAP_NET_ADMIN over it).  0,
 * or -errno with buf "". */
int np_netns_link_name(struct np_ctx *ctx, int nsid, int ifindex, char *buf, size_t len);

#endif
