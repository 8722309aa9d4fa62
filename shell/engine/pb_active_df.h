/* SPDX-License-Identifier: GPL-2.0-only */
/* The DF size search of `run mtu active=yes` (pb_active_df.c). */
#ifndef NP_PB_ACTIVE_DF_H
#define NP_PB_ACTIVE_DF_H

#include <stdbool.h>
#include <sys/socket.h>

#define PB_DF_MAX 9000 /* largest payload tried */

struct pb_df {
	int link_size;	    /* payload that fills the route's MTU */
	int ok;		    /* largest payload that got an answer (0: none) */
	int lost;	    /* smallest payload that got none while smaller passed (0: none) */
	int pmtu;	    /* path MTU: ok + headers, or what a router announced */
	int icmp_mtu;	    /* MTU announced by a frag-needed / packet too big */
	int icmp_err;	    /* errno of another ICMP error (EHOSTUNREACH ...) */
	int local_err;	    /* errno of a send refused on this host */
	char icmp_from[64]; /* who sent the ICMP error */
	bool no_answer;	    /* not even the smallest probe was answered */
	char via[8];	    /* echo or udp: what the destination answered */
	int probes, sent;
};

/* Search the path to `to` (echo first, then the connected UDP socket
 * udp_fd).  0 with *df filled, or -EINVAL when the link MTU leaves no
 * room.  Never runs past deadline (now() seconds). */
int pb_df_search(const struct sockaddr *to, socklen_t tolen, int udp_fd, int link_mtu,
		 double deadline, double (*now)(void), struct pb_df *df);

#endif
