/* SPDX-License-Identifier: GPL-2.0-only */
/* The text layout of a table (shell/output.c renders it): which columns fit
 * the terminal, how wide each one is, which long cells are cut, and which
 * rows merge.  Pure: cells in, layout out (unit test tests/unit/test_fit.c).
 *
 * Fitting: while the table is wider than the terminal, the shown column
 * with the highest np_col.drop is hidden (ties: the rightmost); drop 0
 * never is.  Then NP_COL_TRUNC columns give up width down to a floor
 * (their header, at least NP_FIT_MIN_TRUNC), widest first, and their cells
 * are cut with an ellipsis.  A table that still does not fit wraps.
 *
 * Merging (tables with an NP_COL_SUM column only: a count): rows equal in
 * every shown column are one row, NP_COL_SUM cells summed; an NP_COL_ANY
 * column does not keep rows apart, and where merged values differ it
 * shows what they share up to a separator, then `*` (10.0.0.1:41234 and
 * 10.0.0.1:41240 -> 10.0.0.1:*).  Merged rows are ordered by the first
 * sum, largest first (stable). */
#ifndef NP_TABLE_FIT_H
#define NP_TABLE_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "table_col.h"

#define NP_FIT_MAXCOLS	 64
#define NP_FIT_MIN_TRUNC 8

struct np_fit {
	bool shown[NP_FIT_MAXCOLS];
	int width[NP_FIT_MAXCOLS];  /* display width of each shown column */
	int hidden[NP_FIT_MAXCOLS]; /* columns hidden to fit, in that order */
	int nhidden;
};

/* Display width of a UTF-8 string (code points: good enough for names). */
int np_text_width(const char *s);

/* Lay out ncols columns of *nrows rows (cells row-major, NULL = "-") for
 * avail terminal columns (0: unlimited).  Merging rewrites cells in place
 * (cells of merged rows are freed) and updates *nrows. */
void np_fit_layout(const struct np_col *cols, int ncols, char **cells, size_t *nrows, int avail,
		   struct np_fit *fit);

/* The first w display columns of s, "…" last when s is wider; into buf. */
const char *np_fit_cut(const char *s, int w, char *buf, size_t len);

#endif
