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
#include "summary.h"
#include "table_col.h"

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

/* Summaries instead of the normal output (netpath --brief / --metrics):
 * the commands' text and JSON are discarded; with BRIEF each command ends
 * in one line on stdout, "CRIT netfilter: NETFILTER_DROP 197 pkts/2s ...";
 * with METRICS nothing per command: main prints one OpenMetrics
 * exposition at the end.  Errors and warnings still go to stderr. */
void np_out_summary(struct np_out *o, enum np_out_summary mode);
enum np_out_summary np_out_summary_mode(const struct np_out *o);
/* The command's --brief line: "STATUS SUBJECT: TEXT" (subject NULL: the
 * command's name).  Without one, the line says how many rows its first
 * table had ("OK sockets: 3 sockets"), or its error. */
void np_out_headline(struct np_out *o, const char *subject, const char *fmt, ...) NP_PRINTF(3, 4);
/* Every command this process ran, with its exit status, in order
 * (--metrics). */
void np_out_each_result(const struct np_out *o,
			void (*cb)(const char *command, int status, void *arg), void *arg);

/* Called by the dispatcher around every command. */
void np_out_begin(struct np_out *o, const char *command);
void np_out_end(struct np_out *o);
/* The exit status of the command being printed (0 1 2 3 64): np_out_end
 * writes it as the object's "status" member, "ok" "warn" "crit" "unknown"
 * "usage", so JSON and the exit code never disagree.  Without a call:
 * "unknown" after an error, else "ok". */
void np_out_status(struct np_out *o, int exit_status);
/* The word np_out_end writes for an exit status. */
const char *np_exit_word(int exit_status);

/* Values.  key is the JSON member name (NULL inside arrays); fmt is a
 * printf format for the text back end taking exactly the one value, or NULL
 * to print nothing in text mode. */
void np_print_str(struct np_out *o, const char *key, const char *fmt, const char *val);
void np_print_u64(struct np_out *o, const char *key, const char *fmt, uint64_t val);
void np_print_i64(struct np_out *o, const char *key, const char *fmt, int64_t val);
void np_print_dbl(struct np_out *o, const char *key, const char *fmt, double val);
void np_print_bool(struct np_out *o, const char *key, const char *fmt, bool val);
void np_print_null(struct np_out *o, const char *key);
/* A value read as text (a sysctl, a playbook parameter, a string fact):
 * JSON gets a number when it is a plain decimal integer ("4096", not
 * "007" or "4096 131072"), null when it is empty, else the string; text
 * gets it as it is ("-" when empty). */
void np_print_value(struct np_out *o, const char *key, const char *fmt, const char *val);
/* The number np_print_value would print: true and *v for "4096", "-1". */
bool np_text_is_int(const char *s, int64_t *v);
/* A health word (ok/warn/crit/skip/unknown), coloured in text; key NULL:
 * text only (the command's own status is np_out_status's). */
void np_print_status(struct np_out *o, const char *key, const char *fmt, const char *status);

/* Text-only output (ignored in JSON mode). */
void np_text(struct np_out *o, const char *fmt, ...) NP_PRINTF(2, 3);
/* Text-only output in a colour (plain when colour is off). */
void np_text_color(struct np_out *o, enum np_color c, const char *fmt, ...) NP_PRINTF(3, 4);
const char *np_color(const struct np_out *o, enum np_color c);
/* Text-only: text and a newline, broken before sep where a line would pass
 * the terminal's width (np_out_width; no limit: one line), continuation
 * lines indented to column indent (the cursor's column at the call). */
void np_text_wrap(struct np_out *o, const char *text, const char *sep, int indent);
/* The same, the cursor at column col (a prefix already printed on the
 * first line: "verdict: CRIT at routing — "). */
void np_text_wrap_at(struct np_out *o, const char *text, const char *sep, int indent, int col);
/* np_text_wrap_at of a formatted line, broken at blanks. */
void np_text_wrapf(struct np_out *o, int indent, int col, const char *fmt, ...) NP_PRINTF(4, 5);
/* A string member: key in JSON; in text PREFIX then TEXT broken between
 * words at the width, continuation lines under TEXT ("  what:    ...").
 * NULL text prints nothing. */
void np_print_str_wrapped(struct np_out *o, const char *key, const char *prefix, const char *text);
/* One line made of print calls, wrapped: between np_wrap_begin and
 * np_wrap_end the calls' text is captured when it goes to a width
 * (np_out_width > 0), then written as np_text_wrap does (broken before
 * sep, trailing blanks dropped, continuation lines indented); otherwise it
 * goes out as it comes and np_wrap_end adds the newline.  JSON: the calls
 * make their members as always. */
struct np_wrap {
	FILE *mem, *prev;
	char *text;
	size_t len;
	int col; /* where the line's captured text starts */
};
void np_wrap_begin(struct np_out *o, struct np_wrap *w);
/* The same after col columns already written on the line outside the
 * capture (a coloured status word, whose escapes must not count). */
void np_wrap_begin_at(struct np_out *o, struct np_wrap *w, int col);
void np_wrap_end(struct np_out *o, struct np_wrap *w, const char *sep, int indent);
/* While on, text is captured for a | filter, whose patterns match whole
 * lines: np_wrap_* keep one line per item. */
void np_out_line_filter(struct np_out *o, bool on);
bool np_out_line_filtered(const struct np_out *o);

/* JSON nesting (no text output). */
void np_open_obj(struct np_out *o, const char *key);
void np_close_obj(struct np_out *o);
void np_open_arr(struct np_out *o, const char *key);
void np_close_arr(struct np_out *o);

/* Tables: columns declared as in table_col.h. */
/* Width of the terminal text goes to: $COLUMNS when set, else the
 * terminal's (TIOCGWINSZ); 0 (no limit) when stdout is not a terminal and
 * COLUMNS is unset, so pipes and files keep every column. */
int np_out_width(const struct np_out *o);

/* key: JSON array member name; title: optional text heading. */
struct np_table *np_table_begin(struct np_out *o, const char *key, const char *title,
				const struct np_col *cols, int ncols);
void np_row_begin(struct np_table *t);
void np_cell_str(struct np_table *t, const char *v); /* NULL -> "-" / null */
void np_cell_u64(struct np_table *t, uint64_t v);
void np_cell_i64(struct np_table *t, int64_t v);
void np_cell_dbl(struct np_table *t, double v);
void np_cell_bool(struct np_table *t, bool v);	       /* text yes/no, JSON true/false */
void np_cell_value(struct np_table *t, const char *v); /* as np_print_value */
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
 * print one {"command":COMMAND,"status":...,"error":{...}} object carrying the error
 * already reported with np_error(), so -j output always has it.  No-op in
 * text mode (the message is on stderr already). */
void np_out_error_object(struct np_out *o, const char *command, int exit_status);

#endif
