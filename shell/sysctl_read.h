/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading /proc/sys: one key, or every key below a prefix. */
#ifndef NP_SYSCTL_READ_H
#define NP_SYSCTL_READ_H

#include <stddef.h>

/* key: net.core.somaxconn or net/ipv4/conf/eth0.1/rp_filter.  Whitespace
 * runs in the value become one space; trailing newline removed.
 * 0, -EISDIR for a prefix, -ENOENT, -EACCES ..., -NP_EUSAGE for bad names. */
int np_sysctl_read(const char *key, char *buf, size_t len);
/* Calls cb(key, value) for up to max keys below prefix, in name order.
 * Keys are reported dotted (slashed where a part contains a dot). */
int np_sysctl_walk(const char *prefix, int max, void (*cb)(const char *key, const char *val, void *arg),
		   void *arg);
/* Path of a key: "/proc/sys/" + key with '.' -> '/' (unless it has '/'). */
int np_sysctl_path(const char *key, char *path, size_t len);

#endif
