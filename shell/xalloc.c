// SPDX-License-Identifier: GPL-2.0-only
/* Allocation that cannot fail (see xalloc.h for why it aborts). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

static void *oom(void)
{
	static const char msg[] = "netpath: out of memory\n";
	/* write(2): stdio may itself need memory. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing left to tell */
	}
	abort();
}

void *np_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom();
}

void *np_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom();
}

void *np_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return oom();
	size_t bytes = n * size;
	p = realloc(p, bytes ? bytes : 1);
	return p ? p : oom();
}

char *np_xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	return p ? p : oom();
}

char *np_xstrndup(const char *s, size_t n)
{
	char *p = strndup(s ? s : "", n);
	return p ? p : oom();
}

char *np_xvasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	return s ? s : oom();
}

char *np_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = np_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
