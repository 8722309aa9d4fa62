/* SPDX-License-Identifier: GPL-2.0-only */
/* A small streaming JSON writer: it tracks nesting and commas so callers
 * never print JSON punctuation by hand, and it escapes every string. */
#ifndef NP_JSONW_H
#define NP_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSONW_MAX_DEPTH 32

struct jsonw {
	FILE *f;
	bool pretty;
	int depth;
	int skip; /* containers opened past JSONW_MAX_DEPTH: written as null */
	bool first[JSONW_MAX_DEPTH]; /* no member written yet at this depth */
	char kind[JSONW_MAX_DEPTH];  /* '{' or '[' opened at this depth */
};

void jsonw_init(struct jsonw *w, FILE *f, bool pretty);
/* key is NULL inside arrays and for the top-level value. */
void jsonw_obj_open(struct jsonw *w, const char *key);
void jsonw_obj_close(struct jsonw *w);
void jsonw_arr_open(struct jsonw *w, const char *key);
void jsonw_arr_close(struct jsonw *w);
/* Close whatever is open at the current depth. */
void jsonw_close(struct jsonw *w);
void jsonw_str(struct jsonw *w, const char *key, const char *val); /* NULL val -> null */
void jsonw_u64(struct jsonw *w, const char *key, uint64_t val);
void jsonw_i64(struct jsonw *w, const char *key, int64_t val);
void jsonw_dbl(struct jsonw *w, const char *key, double val); /* NaN/Inf -> null */
void jsonw_bool(struct jsonw *w, const char *key, bool val);
void jsonw_null(struct jsonw *w, const char *key);
/* Write s as a quoted, escaped JSON string (UTF-8 passed through, invalid
 * bytes and control characters escaped as \u00XX). */
void jsonw_escape(FILE *f, const char *s);
/* Length of the valid UTF-8 sequence (strict RFC 3629) starting at s, or
 * 0.  s must be NUL-terminated: a NUL ends any sequence. */
int jsonw_utf8_len(const unsigned char *s);

#endif
