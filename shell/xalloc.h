/* SPDX-License-Identifier: GPL-2.0-only */
/* The one out-of-memory policy (doc/HACKING.md): netpath's allocations are
 * small and bounded (kernel tables are streamed, never held whole), so an
 * allocation that fails means the machine cannot run a diagnostic at all.
 * These helpers print one line and abort: never a half-written verdict,
 * never an "ok" built from missing data. */
#ifndef NP_XALLOC_H
#define NP_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

#include "np.h"

void *np_xmalloc(size_t n);
void *np_xcalloc(size_t n, size_t size);
/* realloc of n elements of size bytes (overflow-checked). */
void *np_xreallocarray(void *p, size_t n, size_t size);
/* NULL becomes "". */
char *np_xstrdup(const char *s);
char *np_xstrndup(const char *s, size_t n);
char *np_xasprintf(const char *fmt, ...) NP_PRINTF(1, 2);
char *np_xvasprintf(const char *fmt, va_list ap) NP_PRINTF(1, 0);

#endif
