/* SPDX-License-Identifier: GPL-2.0-only */
/* Validation of user-supplied values: every parser returns 0 or
 * -NP_EUSAGE with a short reason in why (no crash, no partial value). */
#ifndef NP_VALIDATE_H
#define NP_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "np.h"

struct np_addr {
	int family; /* AF_INET or AF_INET6 */
	unsigned char a[16];
};

/* An address prefix: ADDR/LEN, or ADDR alone (a host: /32, /128). */
struct np_prefix {
	struct np_addr addr;
	unsigned len;
};

int np_validate_netns(const char *s, char *why, size_t len);
int np_parse_prefix(const char *s, struct np_prefix *out, char *why, size_t len);
/* Is addr/plen (family's bytes) inside p: same family, plen >= p->len and
 * the first p->len bits equal (`ip route show root P`). */
bool np_prefix_contains(const struct np_prefix *p, int family, const unsigned char *addr,
			unsigned plen);
/* Interface name syntax (what the kernel's dev_valid_name accepts). */
int np_validate_iface(const char *s, char *why, size_t len);
int np_parse_addr(const char *s, struct np_addr *out, char *why, size_t len);
int np_parse_port(const char *s, unsigned *out, char *why, size_t len);
int np_parse_uint(const char *s, uint64_t max, uint64_t *out, char *why, size_t len);
/* Durations: 0 (no window) or NP_DURATION_MIN .. NP_DURATION_MAX s. */
#define NP_DURATION_MIN 0.1
#define NP_DURATION_MAX 86400.0
/* "3", "2.5", "3s", "500ms", "1m" -> seconds: 0, or 0.1 .. 86400. */
int np_parse_seconds(const char *s, double *out, char *why, size_t len);
/* A playbook or file-like name: [A-Za-z0-9_.-], no leading dot, no "/". */
int np_validate_name(const char *s, char *why, size_t len);
/* sysctl key: dotted or slashed, [A-Za-z0-9_.-/], no "..". */
int np_validate_sysctl(const char *s, char *why, size_t len);
const char *np_addr_str(const struct np_addr *a, char *buf, size_t len);

#endif
