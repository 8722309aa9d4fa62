/* SPDX-License-Identifier: GPL-2.0-only */
/* IP protocol numbers as the names ip/ss/conntrack print. */
#ifndef NP_IPPROTO_H
#define NP_IPPROTO_H

#include <stddef.h>

/* "tcp", "udp", "icmp", "icmpv6", "sctp", "udplite", "gre", "dccp", else
 * "proto-N" written into buf. */
const char *np_proto_name(int proto, char *buf, size_t len);

#endif
