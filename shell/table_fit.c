// SPDX-License-Identifier: GPL-2.0-only
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_fit.h"
#include "xalloc.h"

int np_text_width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static const char *cell(char **cells, int ncols, size_t r, int c)
{
	const char *s = cells[r * (size_t)ncols + (size_t)c];
	return s ? s : "-";
}

static bool in_text(const struct np_col *c)
{
	return !(c->flags & NP_COL_JSON_ONLY);
}

/* Rows r and k fall together: equal in every shown column that is
 * neither summed nor allowed to differ. */
static bool same_key(const struct np_col *cols, int ncols, const bool *shown, char **cells,
		     size_t r, size_t k)
{
	for (int c = 0; c < ncols; c++) {
		if (!shown[c] || (cols[c].flags & (NP_COL_SUM | NP_COL_ANY)))
			continue;
		if (strcmp(cell(cells, ncols, r, c), cell(cells, ncols, k, c)))
			return false;
	}
	return true;
}

static void set_cell(char **cells, int ncols, size_t r, int c, char *v)
{
	free(cells[r * (size_t)ncols + (size_t)c]);
	cells[r * (size_t)ncols + (size_t)c] = v;
}

/* a + b in the column's own number format. */
static char *sum_cells(const struct np_col *col, const char *a, const char *b)
{
	if (col->type == NP_COL_DBL)
		return np_xasprintf("%.*f", col->prec, strtod(a, NULL) + strtod(b, NULL));
	if (col->type == NP_COL_I64)
		return np_xasprintf("%" PRId64,
				    (int64_t)(strtoll(a, NULL, 10) + strtoll(b, NULL, 10)));
	return np_xasprintf("%" PRIu64, (uint64_t)(strtoull(a, NULL, 10) + strtoull(b, NULL, 10)));
}

/* What two different values share, up to the last separator, then `*`. */
static char *any_cells(const char *a, const char *b)
{
	size_t n = 0, cut = 0;
	char *s;
	while (a[n] && a[n] == b[n] && a[n] != '*')
		n++;
	for (size_t i = 0; i < n; i++)
		if (strchr(":./-[ ", a[i]))
			cut = i + 1;
	s = np_xmalloc(cut + 2);
	memcpy(s, a, cut);
	strcpy(s + cut, "*");
	return s;
}

static void merge_into(const struct np_col *cols, int ncols, const bool *shown, char **cells,
		       size_t into, size_t from)
{
	for (int c = 0; c < ncols; c++) {
		const char *a = cell(cells, ncols, into, c), *b = cell(cells, ncols, from, c);
		if (!shown[c])
			continue;
		if (cols[c].flags & NP_COL_SUM)
			set_cell(cells, ncols, into, c, sum_cells(&cols[c], a, b));
		else if ((cols[c].flags & NP_COL_ANY) && strcmp(a, b))
			set_cell(cells, ncols, into, c, any_cells(a, b));
	}
}

static int first_sum(const struct np_col *cols, int ncols)
{
	for (int c = 0; c < ncols; c++)
		if ((cols[c].flags & NP_COL_SUM) && in_text(&cols[c]))
			return c;
	return -1;
}

/* Stable insertion sort of whole rows by the sum column, largest first.
 * Only after a merge, and merging tables are a probe's rows: small. */
static void sort_rows(int ncols, int c, char **cells, size_t nrows)
{
	size_t rowsz = (size_t)ncols * sizeof(char *);
	char **tmp = np_xmalloc(rowsz);
	for (size_t i = 1; i < nrows; i++) {
		double v = strtod(cell(cells, ncols, i, c), NULL);
		size_t j = i;
		while (j > 0 && strtod(cell(cells, ncols, j - 1, c), NULL) < v)
			j--;
		if (j == i)
			continue;
		memcpy(tmp, &cells[i * (size_t)ncols], rowsz);
		memmove(&cells[(j + 1) * (size_t)ncols], &cells[j * (size_t)ncols],
			(i - j) * rowsz);
		memcpy(&cells[j * (size_t)ncols], tmp, rowsz);
	}
	free(tmp);
}

/* FNV-1a over the cells that keep rows apart. */
static uint64_t key_hash(const struct np_col *cols, int ncols, const bool *shown, char **cells,
			 size_t r)
{
	uint64_t h = 1469598103934665603ULL;
	for (int c = 0; c < ncols; c++) {
		if (!shown[c] || (cols[c].flags & (NP_COL_SUM | NP_COL_ANY)))
			continue;
		for (const char *s = cell(cells, ncols, r, c);; s++) {
			h = (h ^ (unsigned char)*s) * 1099511628211ULL;
			if (!*s)
				break;
		}
	}
	return h;
}

static size_t aggregate(const struct np_col *cols, int ncols, const bool *shown, char **cells,
			size_t nrows)
{
	int sc = first_sum(cols, ncols);
	size_t out = 0, mask = 1;
	size_t *slot; /* open addressing: kept row + 1, 0 = free */
	if (sc < 0 || !shown[sc] || nrows < 2)
		return nrows;
	while (mask < nrows * 2)
		mask <<= 1;
	slot = np_xcalloc(mask--, sizeof(*slot));
	for (size_t r = 0; r < nrows; r++) {
		size_t h = (size_t)key_hash(cols, ncols, shown, cells, r) & mask;
		while (slot[h] && !same_key(cols, ncols, shown, cells, slot[h] - 1, r))
			h = (h + 1) & mask;
		if (slot[h]) {
			merge_into(cols, ncols, shown, cells, slot[h] - 1, r);
			for (int c = 0; c < ncols; c++)
				set_cell(cells, ncols, r, c, NULL);
			continue;
		}
		if (out != r) {
			memcpy(&cells[out * (size_t)ncols], &cells[r * (size_t)ncols],
			       (size_t)ncols * sizeof(char *));
			memset(&cells[r * (size_t)ncols], 0, (size_t)ncols * sizeof(char *));
		}
		slot[h] = ++out;
	}
	free(slot);
	if (out < nrows)
		sort_rows(ncols, sc, cells, out);
	return out;
}

static int measure(const struct np_col *cols, int ncols, char **cells, size_t nrows,
		   struct np_fit *fit)
{
	int total = 0, n = 0;
	for (int c = 0; c < ncols; c++) {
		fit->width[c] = 0;
		if (!fit->shown[c])
			continue;
		fit->width[c] = np_text_width(cols[c].head ? cols[c].head : "");
		for (size_t r = 0; r < nrows; r++) {
			int w = np_text_width(cell(cells, ncols, r, c));
			if (w > fit->width[c])
				fit->width[c] = w;
		}
		total += fit->width[c];
		n++;
	}
	return total + (n > 1 ? 2 * (n - 1) : 0);
}

/* The shown column to hide next, or -1. */
static int next_drop(const struct np_col *cols, int ncols, const struct np_fit *fit)
{
	int best = -1;
	for (int c = 0; c < ncols; c++)
		if (fit->shown[c] && cols[c].drop > 0 &&
		    (best < 0 || cols[c].drop >= cols[best].drop))
			best = c;
	return best;
}

static int trunc_floor(const struct np_col *col)
{
	int h = np_text_width(col->head ? col->head : "");
	return h > NP_FIT_MIN_TRUNC ? h : NP_FIT_MIN_TRUNC;
}

/* Take excess columns from NP_COL_TRUNC columns, the widest first. */
static void truncate_cols(const struct np_col *cols, int ncols, struct np_fit *fit, int excess)
{
	while (excess > 0) {
		int best = -1;
		for (int c = 0; c < ncols; c++)
			if (fit->shown[c] && (cols[c].flags & NP_COL_TRUNC) &&
			    fit->width[c] > trunc_floor(&cols[c]) &&
			    (best < 0 || fit->width[c] > fit->width[best]))
				best = c;
		if (best < 0)
			return;
		fit->width[best]--;
		excess--;
	}
}

void np_fit_layout(const struct np_col *cols, int ncols, char **cells, size_t *nrows, int avail,
		   struct np_fit *fit)
{
	int total;
	memset(fit, 0, sizeof(*fit));
	if (ncols > NP_FIT_MAXCOLS)
		ncols = NP_FIT_MAXCOLS;
	for (int c = 0; c < ncols; c++)
		fit->shown[c] = in_text(&cols[c]);
	*nrows = aggregate(cols, ncols, fit->shown, cells, *nrows);
	total = measure(cols, ncols, cells, *nrows, fit);
	while (avail > 0 && total > avail) {
		int c = next_drop(cols, ncols, fit);
		if (c < 0)
			break;
		fit->shown[c] = false;
		fit->hidden[fit->nhidden++] = c;
		/* Rows that differed only in what is hidden now fall together. */
		*nrows = aggregate(cols, ncols, fit->shown, cells, *nrows);
		total = measure(cols, ncols, cells, *nrows, fit);
	}
	if (avail > 0 && total > avail)
		truncate_cols(cols, ncols, fit, total - avail);
}

const char *np_fit_cut(const char *s, int w, char *buf, size_t len)
{
	size_t i = 0;
	int n = 0;
	if (np_text_width(s) <= w)
		return s;
	/* w - 1 code points, then the ellipsis (3 bytes in UTF-8). */
	while (s[i] && i + 4 < len) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == w - 1)
			break;
		buf[i] = s[i];
		i++;
	}
	if (i + 4 > len)
		return s;
	memcpy(buf + i, "\xe2\x80\xa6", 4);
	return buf;
}
