/* SPDX-License-Identifier: GPL-2.0-only */
/* The output layer: one emitter API with a text and a JSON back end.
 *
 * Every value is printed once, with both a JSON key and a text format
 * (iproute2's print_* idea): np_print_u64(o, "mtu", "mtu %" PRIu64 " ", v)
 * writes `"mtu":1500` in JSON mode and `mtu 1500 ` in text mode.  A NULL
 * format means "JSON only"; np_text() is "text only".  Tables buffer their
 * rows for column alignment in text and stream an array of objects in JSON.
 *
 * Commands never print JSON punctuation themselves.  Each command produces
 * exactly one JSON object: np_out_begin() / np_out_end() are called by the
 * dispatcher, never by commands.  Errors and warnings go to stderr in both
 * modes and are also recorded as "error" / "warnings" members in JSON. */
#ifndef NP_OUTPUT_H
#define NP_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "np.h"

struct np_out;
struct np_table;

enum np_color {
	NP_C_RESET,
	NP_C_BOLD,
	NP_C_RED,
	NP_C_YELLOW,
	NP_C_GREEN,
	NP_C_BLUE,
	NP_C_DIM,
};

struct np_out *np_out_new(FILE *out, FILE *err, bool json, bool pretty, bool color);
void np_out_free(struct np_out *o);
bool np_out_json(const struct np_out *o);
bool np_out_color(const struct np_out *o);
FILE *np_out_file(const struct np_out *o);
/* Send stdout-bound output to f from now on (| filters and the pager
 * capture a command's text); returns the previous stream. */
FILE *np_out_swap_file(struct np_out *o, FILE *f);

/* Called by the dispatcher around every command. */
void np_out_begin(struct np_out *o, const char *command);
void np_out_end(struct np_out *o);

/* Values.  key is the JSON member name (NULL inside arrays); fmt is a
 * printf format for the text back end taking exactly the one value, or NULL
 * to print nothing in text mode. */
void np_print_str(struct np_out *o, const char *key, const char *fmt, const char *val);
void np_print_u64(struct np_out *o, const char *key, const char *fmt, uint64_t val);
void np_print_i64(struct np_out *o, const char *key, const char *fmt, int64_t val);
void np_print_dbl(struct np_out *o, const char *key, const char *fmt, double val);
void np_print_bool(struct np_out *o, const char *key, const char *fmt, bool val);
void np_print_null(struct np_out *o, const char *key);
/* A health word (ok/warn/crit/skip/unknown), coloured in text. */
void np_print_status(struct np_out *o, const char *key, const char *fmt, const char *status);

/* Text-only output (ignored in JSON mode). */
void np_text(struct np_out *o, const char *fmt, ...) NP_PRINTF(2, 3);
/* Text-only output in a colour (plain when colour is off). */
void np_text_color(struct np_out *o, enum np_color c, const char *fmt, ...) NP_PRINTF(3, 4);
const char *np_color(const struct np_out *o, enum np_color c);

/* JSON nesting (no text output). */
void np_open_obj(struct np_out *o, const char *key);
void np_close_obj(struct np_out *o);
void np_open_arr(struct np_out *o, const char *key);
void np_close_arr(struct np_out *o);

/* Tables. */
enum np_col_type { NP_COL_STR, NP_COL_U64, NP_COL_I64, NP_COL_DBL };
#define NP_COL_LEFT 0x1	      /* left-align in text (default for strings) */
#define NP_COL_RIGHT 0x2      /* right-align in text (default for numbers) */
#define NP_COL_JSON_ONLY 0x4  /* not shown in text */
#define NP_COL_TEXT_ONLY 0x8  /* not in JSON */

struct np_col {
	const char *key;  /* JSON member name */
	const char *head; /* text column header */
	enum np_col_type type;
	unsigned flags;
	int prec; /* decimals for NP_COL_DBL */
};

/* key: JSON array member name; title: optional text heading. */
struct np_table *np_table_begin(struct np_out *o, const char *key, const char *title,
				const struct np_col *cols, int ncols);
void np_row_begin(struct np_table *t);
void np_cell_str(struct np_table *t, const char *v); /* NULL -> "-" / null */
void np_cell_u64(struct np_table *t, uint64_t v);
void np_cell_i64(struct np_table *t, int64_t v);
void np_cell_dbl(struct np_table *t, double v);
void np_cell_null(struct np_table *t);
void np_row_end(struct np_table *t);
/* Prints (text) or closes (JSON) and frees the table. */
void np_table_end(struct np_table *t);

/* Diagnostics: to stderr always; recorded in the command's JSON object. */
void np_error(struct np_out *o, const char *hint, const char *fmt, ...) NP_PRINTF(3, 4);
void np_warn(struct np_out *o, const char *fmt, ...) NP_PRINTF(2, 3);
bool np_out_has_error(const struct np_out *o);
/* The first error of the current command ("" when none). */
const char *np_out_error_text(const struct np_out *o);
/* Quiet reads: between np_out_quiet_begin and np_out_quiet_end, np_error
 * prints nothing and sets no `error` member; the first message is kept
 * and handed back by np_out_quiet_end (into buf; NULL when none).  The
 * playbook engine reads facts this way: a fact that cannot be read is a
 * reason on a check (`skip`), not an error line per check.  Nests; each
 * end hands back (and forgets) the first message since the last end. */
void np_out_quiet_begin(struct np_out *o);
const char *np_out_quiet_end(struct np_out *o, char *buf, size_t len);
/* The same, with the message's hint into hint ("" when none). */
const char *np_out_quiet_end_hint(struct np_out *o, char *buf, size_t len, char *hint, size_t hlen);
/* For an error raised outside any command (-n NETNS, -f FILE): in JSON mode
 * print one {"command":COMMAND,"error":{...}} object carrying the error
 * already reported with np_error(), so -j output always has it.  No-op in
 * text mode (the message is on stderr already). */
void np_out_error_object(struct np_out *o, const char *command);

#endif
