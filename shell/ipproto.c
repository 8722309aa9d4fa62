// SPDX-License-Identifier: GPL-2.0-only
#include <netinet/in.h>
#include <stdio.h>

#include "ipproto.h"

const char *np_proto_name(int proto, char *buf, size_t len)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_ICMPV6:
		return "icmpv6";
	case IPPROTO_SCTP:
		return "sctp";
	case IPPROTO_UDPLITE:
		return "udplite";
	case IPPROTO_GRE:
		return "gre";
	case IPPROTO_DCCP:
		return "dccp";
	default:
		snprintf(buf, len, "proto-%d", proto);
		return buf;
	}
}
