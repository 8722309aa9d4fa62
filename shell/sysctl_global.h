/* SPDX-License-Identifier: GPL-2.0-only */
/* Host-global sysctls seen from a child network namespace.  The kernel
 * keeps some keys only in the initial namespace (net.core.netdev_max_backlog,
 * netdev_budget ...: the softirq backlog and budget are per CPU, not per
 * namespace): /proc/sys/net of a child namespace has no such file.  They
 * still govern its packets, so a key missing here is read where netpath
 * started, else in the initial namespace, and the caller says so. */
#ifndef NP_SYSCTL_GLOBAL_H
#define NP_SYSCTL_GLOBAL_H

#include <stddef.h>

struct np_ctx;

enum np_sysctl_from {
	NP_SYSCTL_HERE,	   /* the namespace netpath looks at */
	NP_SYSCTL_HOME,	   /* absent here: read in the namespace netpath started in */
	NP_SYSCTL_INITIAL, /* absent there too: read in the initial namespace (PID 1's) */
};

/* np_sysctl_read() with that fallback; *from says where the value came
 * from.  The errors of the read here when no other namespace has it. */
int np_sysctl_read_global(struct np_ctx *ctx, const char *key, char *buf, size_t len,
			  enum np_sysctl_from *from);
/* "", "host-global: read in the namespace netpath started in",
 * "host-global: read in the initial namespace". */
const char *np_sysctl_from_text(enum np_sysctl_from from);
/* "here", "home", "initial" (JSON). */
const char *np_sysctl_from_name(enum np_sysctl_from from);

/* np_sysctl_read() inside the namespace nsfd, through a helper thread
 * (setns moves only that thread). */
int np_sysctl_read_in(int nsfd, const char *key, char *buf, size_t len);

#endif
