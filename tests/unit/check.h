/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal unit-test helpers: CHECK() records a failure and goes on;
 * check_done() prints "N passed, N failed" and returns the exit code. */
#ifndef NP_CHECK_H
#define NP_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			check_pass++;                                                              \
		} else {                                                                           \
			check_fail++;                                                              \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *a_ = (a), *b_ = (b);                                                   \
		if (a_ && b_ && !strcmp(a_, b_)) {                                                 \
			check_pass++;                                                              \
		} else {                                                                           \
			check_fail++;                                                              \
			fprintf(stderr, "%s:%d: CHECK_STR failed: '%s' != '%s'\n", __FILE__,        \
				__LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                 \
		}                                                                                  \
	} while (0)

/* Hex text (recorded netlink messages in fixtures) to bytes; returns the
 * number of bytes written. */
static inline size_t check_unhex(const char *h, unsigned char *out, size_t max)
{
	size_t n = 0;
	for (; h[0] && h[1] && n < max; h += 2) {
		unsigned v;
		sscanf(h, "%2x", &v);
		out[n++] = (unsigned char)v;
	}
	return n;
}

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_pass, check_fail);
	return check_fail ? 1 : 0;
}

#endif
