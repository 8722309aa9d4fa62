/* SPDX-License-Identifier: GPL-2.0-only */
/* `netns` without an argument: every network namespace of the host. */
#ifndef NP_NETNS_LIST_H
#define NP_NETNS_LIST_H

#include <stddef.h>

struct np_ctx;

/* Print the list (text fits 80 columns; JSON member "namespaces").  0 or
 * -errno. */
int np_netns_list_show(struct np_ctx *ctx);

/* Join items with ", " into at most width characters: items that do not
 * fit become "+N" ("lo, eth0, +3"); a first item too long is cut with
 * '~'.  Pure (unit-tested). */
void np_fit_list(const char *const *items, size_t n, size_t width, char *buf, size_t len);

#endif
