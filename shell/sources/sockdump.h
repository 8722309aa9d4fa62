/* SPDX-License-Identifier: GPL-2.0-only */
/* One sock_diag dump (libmnl) with every condition evaluated in the kernel:
 * shared by `sockets`, the sock[] facts and the conn[] facts. */
#ifndef NP_SOCKDUMP_H
#define NP_SOCKDUMP_H

#include "ctx.h"
#include "sockdiag.h"

typedef void (*np_sock_cb)(const struct np_sock *s, void *arg);

/* Calls cb for every socket matching q: both families, or only AF_INET6
 * when q names an IPv6 remote address (an IPv4 one also matches v4-mapped
 * IPv6 sockets).  0 or -errno (reported); -EINTR on Ctrl-C. */
int np_sock_dump(struct np_ctx *ctx, const struct np_sockdiag_query *q, np_sock_cb cb, void *arg);

/* "tcp", "udp", "raw". */
const char *np_sock_proto_name(int proto);

#endif
