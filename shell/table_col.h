/* SPDX-License-Identifier: GPL-2.0-only */
/* The columns of a table, as every command declares them (output.h
 * renders the table, table_fit.h lays its text out): a header of its own
 * so the layout code needs nothing of the emitter. */
#ifndef NP_TABLE_COL_H
#define NP_TABLE_COL_H

enum np_col_type { NP_COL_STR, NP_COL_U64, NP_COL_I64, NP_COL_DBL, NP_COL_BOOL };
#define NP_COL_LEFT	 0x1  /* left-align in text (default for strings) */
#define NP_COL_RIGHT	 0x2  /* right-align in text (default for numbers) */
#define NP_COL_JSON_ONLY 0x4  /* not shown in text */
#define NP_COL_TEXT_ONLY 0x8  /* not in JSON */
#define NP_COL_TRUNC	 0x10 /* long cells cut with an ellipsis to fit the terminal */
#define NP_COL_SUM	 0x20 /* a count: text rows that are otherwise equal merge, summed */
#define NP_COL_ANY	 0x40 /* merging rows may differ here (shown as `10.0.0.1:*`) */

/* Text tables fit the terminal (np_out_width): the columns with the
 * highest `drop` are hidden first, with one line after the table naming
 * them; NP_COL_TRUNC cells are cut; JSON always has every column.  The
 * layout rules are in shell/table_fit.h. */
struct np_col {
	const char *key;  /* JSON member name */
	const char *head; /* text column header */
	enum np_col_type type;
	unsigned flags;
	int prec; /* decimals for NP_COL_DBL */
	int drop; /* 0: always shown; 1..9: hidden when narrow, 9 first */
};

#endif
