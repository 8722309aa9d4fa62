/* SPDX-License-Identifier: GPL-2.0-only */
/* "Did you mean": names ranked by edit distance to what was typed. */
#ifndef NP_SUGGEST_H
#define NP_SUGGEST_H

#include <stddef.h>

/* Optimal string alignment distance: insertions, deletions,
 * substitutions and swaps of two neighbours each cost 1 (`sokets` is one
 * from sockets, `lnik` one from link).  Words longer than 64 bytes are
 * compared on their first 64. */
int np_edit_distance(const char *a, const char *b);

/* Indices of the names closest to word, best first (ties keep the order
 * of names), at most max of them and only those close enough to be a typo
 * of it: distance <= 1 for words up to 4 bytes, 2 up to 8, else 3.
 * Returns how many were written to out. */
int np_suggest(const char *word, const char *const *names, int nnames, int *out, int max);

/* "`a`, `b` or `c`" from the suggestions, for a hint. */
void np_suggest_text(const char *const *names, const int *idx, int n, char *buf, size_t len);

#endif
