// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "jsonw.h"
#include "output.h"
#include "plural.h"
#include "summary.h"
#include "table_fit.h"
#include "xalloc.h"

#define MAX_WARNINGS 16

struct np_out {
	FILE *f;
	FILE *err;
	int tty_fd; /* the terminal stdout was, for its width; -1 none */
	bool json, pretty, color;
	bool open;	  /* inside np_out_begin/np_out_end */
	bool line_filter; /* text captured for a | filter (np_out_line_filter) */
	int status; /* np_out_status of this command, -1 none */
	struct jsonw w;
	char *error, *error_hint;
	int quiet;	  /* np_out_quiet_begin depth */
	char *quiet_msg;  /* first error while quiet */
	char *quiet_hint; /* and its hint */
	char *warnings[MAX_WARNINGS];
	int nwarnings;
	struct np_summary *sum; /* --brief / --metrics (summary.h) */
	FILE *real;		/* their stdout; o->f discards the text meanwhile */
};

struct np_table {
	struct np_out *o;
	const struct np_col *cols;
	int ncols;
	const char *title;
	int col; /* next cell */
	/* text back end: rows of formatted cells */
	char **cells;
	size_t nrows, cap;
};

struct np_out *np_out_new(FILE *out, FILE *err, bool json, bool pretty, bool color)
{
	struct np_out *o = np_xcalloc(1, sizeof(*o));
	o->f = out;
	o->err = err;
	o->tty_fd = out && isatty(fileno(out)) ? fileno(out) : -1;
	o->json = json;
	o->pretty = pretty;
	o->color = color && !json;
	return o;
}

static void reset_diag(struct np_out *o)
{
	free(o->error);
	free(o->error_hint);
	o->error = o->error_hint = NULL;
	for (int i = 0; i < o->nwarnings; i++)
		free(o->warnings[i]);
	o->nwarnings = 0;
}

void np_out_free(struct np_out *o)
{
	if (!o)
		return;
	reset_diag(o);
	free(o->quiet_msg);
	np_summary_free(o->sum);
	free(o->quiet_hint);
	if (o->real)
		fclose(o->f);
	free(o);
}

bool np_out_json(const struct np_out *o)
{
	return o->json;
}
bool np_out_color(const struct np_out *o)
{
	return o->color;
}
FILE *np_out_file(const struct np_out *o)
{
	return o->f;
}

int np_out_width(const struct np_out *o)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long v;
	if (env && *env) {
		v = strtol(env, &end, 10);
		if (!*end && v >= 20 && v <= 100000)
			return (int)v;
	}
	/* The terminal even while the text is captured for the pager. */
	if (o->tty_fd >= 0 && !ioctl(o->tty_fd, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	return 0;
}

FILE *np_out_swap_file(struct np_out *o, FILE *f)
{
	FILE *old = o->f;
	o->f = f;
	return old;
}

void np_out_begin(struct np_out *o, const char *command)
{
	reset_diag(o);
	o->open = true;
	o->status = -1;
	if (o->sum)
		np_summary_begin(o->sum, command);
	if (!o->json)
		return;
	jsonw_init(&o->w, o->f, o->pretty);
	jsonw_obj_open(&o->w, NULL);
	jsonw_str(&o->w, "command", command);
}

void np_out_end(struct np_out *o)
{
	if (!o->open)
		return;
	o->open = false;
	if (o->sum)
		np_summary_end(o->sum,
			       o->status >= 0 ? o->status
			       : o->error     ? NP_UNKNOWN
					      : NP_OK,
			       o->error, o->real);
	if (!o->json) {
		fflush(o->f);
		return;
	}
	/* Close anything a failing command left open so the object stays valid. */
	while (o->w.depth > 1)
		jsonw_close(&o->w);
	jsonw_str(&o->w, "status",
		  np_exit_word(o->status >= 0 ? o->status
			       : o->error     ? NP_UNKNOWN
					      : NP_OK));
	if (o->nwarnings) {
		jsonw_arr_open(&o->w, "warnings");
		for (int i = 0; i < o->nwarnings; i++)
			jsonw_str(&o->w, NULL, o->warnings[i]);
		jsonw_arr_close(&o->w);
	}
	if (o->error) {
		jsonw_obj_open(&o->w, "error");
		jsonw_str(&o->w, "message", o->error);
		if (o->error_hint)
			jsonw_str(&o->w, "hint", o->error_hint);
		jsonw_obj_close(&o->w);
	}
	jsonw_obj_close(&o->w);
	fputc('\n', o->f);
	fflush(o->f);
}

void np_out_summary(struct np_out *o, enum np_out_summary mode)
{
	FILE *null;
	if (mode == NP_SUM_NONE || o->sum || !(null = fopen("/dev/null", "we")))
		return;
	o->sum = np_summary_new(mode);
	o->real = o->f;
	o->f = null;
	o->json = o->color = false;
}

enum np_out_summary np_out_summary_mode(const struct np_out *o)
{
	return o->sum ? np_summary_mode(o->sum) : NP_SUM_NONE;
}

void np_out_headline(struct np_out *o, const char *subject, const char *fmt, ...)
{
	va_list ap;
	char text[512];
	if (!o->sum)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	np_summary_headline(o->sum, subject, text);
}

void np_out_each_result(const struct np_out *o,
			void (*cb)(const char *command, int status, void *arg), void *arg)
{
	np_summary_each(o->sum, cb, arg);
}

void np_out_status(struct np_out *o, int exit_status)
{
	o->status = exit_status;
}

const char *np_exit_word(int exit_status)
{
	if (exit_status == NP_EXIT_USAGE)
		return "usage";
	return np_health_name((enum np_health)exit_status);
}

static const char *const color_seq[] = {
    [NP_C_RESET] = "\033[0m",	[NP_C_BOLD] = "\033[1m",   [NP_C_RED] = "\033[1;31m",
    [NP_C_YELLOW] = "\033[33m", [NP_C_GREEN] = "\033[32m", [NP_C_BLUE] = "\033[34m",
    [NP_C_DIM] = "\033[2m",
};

const char *np_color(const struct np_out *o, enum np_color c)
{
	return o->color ? color_seq[c] : "";
}

/* ---- values ---- */

#define TEXT_VALUE(o, fmt, val)                                                                    \
	do {                                                                                       \
		if (!(o)->json && (fmt))                                                           \
			fprintf((o)->f, fmt, val);                                                 \
	} while (0)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void np_print_str(struct np_out *o, const char *key, const char *fmt, const char *val)
{
	if (o->json)
		jsonw_str(&o->w, key, val);
	else
		TEXT_VALUE(o, fmt, val ? val : "-");
}

/* A count in text: "%llu RST(s)" reads "1 RST" or "2 RSTs". */
#define TEXT_COUNT(o, fmt, val)                                                                    \
	do {                                                                                       \
		char buf_[512];                                                                    \
		if ((fmt) && snprintf(buf_, sizeof(buf_), fmt, val) >= 0) {                        \
			np_plural(buf_);                                                           \
			fputs(buf_, (o)->f);                                                       \
		}                                                                                  \
	} while (0)

void np_print_u64(struct np_out *o, const char *key, const char *fmt, uint64_t val)
{
	if (o->json)
		jsonw_u64(&o->w, key, val);
	else
		TEXT_COUNT(o, fmt, val);
}

void np_print_i64(struct np_out *o, const char *key, const char *fmt, int64_t val)
{
	if (o->json)
		jsonw_i64(&o->w, key, val);
	else
		TEXT_COUNT(o, fmt, val);
}

void np_print_dbl(struct np_out *o, const char *key, const char *fmt, double val)
{
	if (o->json)
		jsonw_dbl(&o->w, key, val);
	else
		TEXT_VALUE(o, fmt, val);
}

void np_print_bool(struct np_out *o, const char *key, const char *fmt, bool val)
{
	if (o->json)
		jsonw_bool(&o->w, key, val);
	else
		TEXT_VALUE(o, fmt, val ? "yes" : "no");
}

static enum np_color status_color(const char *status)
{
	if (!strcmp(status, "ok") || !strcmp(status, "none"))
		return NP_C_GREEN;
	if (!strcmp(status, "warn"))
		return NP_C_YELLOW;
	if (!strcmp(status, "crit") || !strcmp(status, "CRIT"))
		return NP_C_RED;
	return NP_C_DIM;
}

void np_print_status(struct np_out *o, const char *key, const char *fmt, const char *status)
{
	if (o->json) {
		if (key)
			jsonw_str(&o->w, key, status);
		return;
	}
	if (!fmt)
		return;
	fputs(np_color(o, status_color(status)), o->f);
	fprintf(o->f, fmt, status);
	fputs(np_color(o, NP_C_RESET), o->f);
}
#pragma GCC diagnostic pop

bool np_text_is_int(const char *s, int64_t *v)
{
	const char *d = s + (*s == '-');
	char *end;
	long long x;
	/* Canonical only: what prints back the same ("0", "-3", not "+3",
	 * "03", " 3" or an overflowing value). */
	if (*d < '0' || *d > '9' || (d[0] == '0' && d[1]) || (*s == '-' && d[0] == '0'))
		return false;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (*end || errno)
		return false;
	*v = x;
	return true;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void np_print_value(struct np_out *o, const char *key, const char *fmt, const char *val)
{
	int64_t v;
	if (!o->json) {
		TEXT_VALUE(o, fmt, val && *val ? val : "-");
		return;
	}
	if (!val || !*val)
		jsonw_null(&o->w, key);
	else if (np_text_is_int(val, &v))
		jsonw_i64(&o->w, key, v);
	else
		jsonw_str(&o->w, key, val);
}
#pragma GCC diagnostic pop

void np_print_null(struct np_out *o, const char *key)
{
	if (o->json)
		jsonw_null(&o->w, key);
}

void np_text(struct np_out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->json)
		return;
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
}

void np_text_color(struct np_out *o, enum np_color c, const char *fmt, ...)
{
	va_list ap;
	if (o->json)
		return;
	fputs(np_color(o, c), o->f);
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	fputs(np_color(o, NP_C_RESET), o->f);
}

void np_out_line_filter(struct np_out *o, bool on)
{
	o->line_filter = on;
}

bool np_out_line_filtered(const struct np_out *o)
{
	return o->line_filter;
}

void np_open_obj(struct np_out *o, const char *key)
{
	if (o->json)
		jsonw_obj_open(&o->w, key);
}
void np_close_obj(struct np_out *o)
{
	if (o->json)
		jsonw_obj_close(&o->w);
}
void np_open_arr(struct np_out *o, const char *key)
{
	if (o->json)
		jsonw_arr_open(&o->w, key);
}
void np_close_arr(struct np_out *o)
{
	if (o->json)
		jsonw_arr_close(&o->w);
}

/* ---- tables ---- */

struct np_table *np_table_begin(struct np_out *o, const char *key, const char *title,
				const struct np_col *cols, int ncols)
{
	struct np_table *t = np_xcalloc(1, sizeof(*t));
	t->o = o;
	t->cols = cols;
	t->ncols = ncols;
	t->title = title;
	if (o->sum)
		np_summary_table(o->sum, key);
	if (o->json)
		jsonw_arr_open(&o->w, key);
	return t;
}

static bool col_in_json(const struct np_col *c)
{
	return !(c->flags & NP_COL_TEXT_ONLY);
}

void np_row_begin(struct np_table *t)
{
	if (!t)
		return;
	t->col = 0;
	if (t->o->sum)
		np_summary_row(t->o->sum);
	if (t->o->json) {
		jsonw_obj_open(&t->o->w, NULL);
		return;
	}
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **c = np_xreallocarray(t->cells, cap * t->ncols, sizeof(char *));
		t->cells = c;
		t->cap = cap;
	}
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(char *));
	t->nrows++;
}

static const struct np_col *next_col(struct np_table *t)
{
	if (!t || t->col >= t->ncols)
		return NULL;
	return &t->cols[t->col++];
}

static void text_cell(struct np_table *t, char *s)
{
	if (t->nrows == 0 || t->nrows > t->cap) {
		free(s);
		return;
	}
	t->cells[(t->nrows - 1) * t->ncols + t->col - 1] = s;
}

void np_cell_str(struct np_table *t, const char *v)
{
	const struct np_col *c = next_col(t);
	if (!c)
		return;
	if (t->o->json) {
		if (col_in_json(c))
			jsonw_str(&t->o->w, c->key, v);
	} else {
		text_cell(t, np_xstrdup(v ? v : "-"));
	}
}

void np_cell_u64(struct np_table *t, uint64_t v)
{
	const struct np_col *c = next_col(t);
	if (!c)
		return;
	if (t->o->json) {
		if (col_in_json(c))
			jsonw_u64(&t->o->w, c->key, v);
	} else {
		text_cell(t, np_xasprintf("%" PRIu64, v));
	}
}

void np_cell_i64(struct np_table *t, int64_t v)
{
	const struct np_col *c = next_col(t);
	if (!c)
		return;
	if (t->o->json) {
		if (col_in_json(c))
			jsonw_i64(&t->o->w, c->key, v);
	} else {
		text_cell(t, np_xasprintf("%" PRId64, v));
	}
}

void np_cell_dbl(struct np_table *t, double v)
{
	const struct np_col *c = next_col(t);
	if (!c)
		return;
	if (t->o->json) {
		if (col_in_json(c))
			jsonw_dbl(&t->o->w, c->key, v);
	} else {
		text_cell(t, np_xasprintf("%.*f", c->prec, v));
	}
}

void np_cell_bool(struct np_table *t, bool v)
{
	const struct np_col *c = next_col(t);
	if (!c)
		return;
	if (t->o->json) {
		if (col_in_json(c))
			jsonw_bool(&t->o->w, c->key, v);
	} else {
		text_cell(t, np_xstrdup(v ? "yes" : "no"));
	}
}

void np_cell_value(struct np_table *t, const char *v)
{
	int64_t n;
	if (t && t->o->json && t->col < t->ncols && col_in_json(&t->cols[t->col])) {
		if (!v || !*v)
			np_cell_null(t);
		else if (np_text_is_int(v, &n))
			np_cell_i64(t, n);
		else
			np_cell_str(t, v);
		return;
	}
	np_cell_str(t, v && *v ? v : NULL);
}

void np_cell_null(struct np_table *t)
{
	const struct np_col *c = next_col(t);
	if (!c)
		return;
	if (t->o->json) {
		if (col_in_json(c))
			jsonw_null(&t->o->w, c->key);
	} else {
		text_cell(t, np_xstrdup("-"));
	}
}

void np_row_end(struct np_table *t)
{
	if (!t)
		return;
	/* Fill cells the caller skipped so columns stay aligned. */
	while (t->col < t->ncols)
		np_cell_null(t);
	if (t->o->json)
		jsonw_obj_close(&t->o->w);
}

static bool right_aligned(const struct np_col *c)
{
	if (c->flags & NP_COL_LEFT)
		return false;
	if (c->flags & NP_COL_RIGHT)
		return true;
	return c->type != NP_COL_STR && c->type != NP_COL_BOOL;
}

static void print_cell(struct np_out *o, const struct np_col *col, const char *s, int width,
		       bool last)
{
	char cut[512];
	int pad;
	s = np_fit_cut(s ? s : "-", width, cut, sizeof(cut));
	pad = width - np_text_width(s);
	if (right_aligned(col))
		fprintf(o->f, "%*s%s", pad, "", s);
	else if (last)
		fputs(s, o->f);
	else
		fprintf(o->f, "%s%*s", s, pad, "");
	fputs(last ? "" : "  ", o->f);
}

/* What the terminal had no room for, in one line that fits it too. */
static void print_hidden(struct np_out *o, const struct np_table *t, const struct np_fit *fit)
{
	const char *tail = fit->nhidden > 1 ? "; -j has them" : "; -j has it";
	int width = np_out_width(o), len = 8 + (int)strlen(tail);
	fputs(np_color(o, NP_C_DIM), o->f);
	fputs("hidden: ", o->f);
	for (int i = 0; i < fit->nhidden; i++) {
		const char *h = t->cols[fit->hidden[i]].head;
		int add = (i ? 2 : 0) + (int)strlen(h);
		/* Room for this name and, unless it is the last, an ellipsis. */
		if (width > 0 && len + add + (i + 1 < fit->nhidden ? 3 : 0) > width) {
			fputs(i ? ", \xe2\x80\xa6" : "\xe2\x80\xa6", o->f);
			break;
		}
		fprintf(o->f, "%s%s", i ? ", " : "", h);
		len += add;
	}
	fprintf(o->f, "%s%s\n", tail, np_color(o, NP_C_RESET));
}

static void print_text_table(struct np_table *t)
{
	struct np_out *o = t->o;
	struct np_fit fit;
	int ncols = t->ncols < NP_FIT_MAXCOLS ? t->ncols : NP_FIT_MAXCOLS;
	int last = -1;

	np_fit_layout(t->cols, ncols, t->cells, &t->nrows, np_out_width(o), &fit);
	for (int c = 0; c < ncols; c++)
		if (fit.shown[c])
			last = c;
	if (t->title)
		fprintf(o->f, "%s%s%s\n", np_color(o, NP_C_BOLD), t->title,
			np_color(o, NP_C_RESET));
	fputs(np_color(o, NP_C_BOLD), o->f);
	for (int c = 0; c < ncols; c++)
		if (fit.shown[c])
			print_cell(o, &t->cols[c], t->cols[c].head, fit.width[c], c == last);
	fputs(np_color(o, NP_C_RESET), o->f);
	fputc('\n', o->f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < ncols; c++)
			if (fit.shown[c])
				print_cell(o, &t->cols[c], t->cells[r * t->ncols + c], fit.width[c],
					   c == last);
		fputc('\n', o->f);
	}
	if (fit.nhidden)
		print_hidden(o, t, &fit);
}

void np_table_end(struct np_table *t)
{
	if (!t)
		return;
	if (t->o->json)
		jsonw_arr_close(&t->o->w);
	else
		print_text_table(t);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

/* ---- diagnostics ---- */

void np_error(struct np_out *o, const char *hint, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	/* One error per command, on stderr and in JSON alike: the first is
	 * usually the cause, what follows from it would only repeat it. */
	if (o->error)
		return;
	va_start(ap, fmt);
	msg = np_xvasprintf(fmt, ap);
	va_end(ap);
	if (o->quiet) {
		if (!o->quiet_msg) {
			o->quiet_msg = msg;
			o->quiet_hint = hint ? np_xstrdup(hint) : NULL;
		} else {
			free(msg);
		}
		return;
	}
	fprintf(o->err, "netpath: %s\n", msg);
	if (hint)
		fprintf(o->err, "  hint: %s\n", hint);
	o->error = msg;
	o->error_hint = hint ? np_xstrdup(hint) : NULL;
}

void np_warn(struct np_out *o, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	msg = np_xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(o->err, "warning: %s\n", msg);
	if (o->nwarnings < MAX_WARNINGS)
		o->warnings[o->nwarnings++] = msg;
	else
		free(msg);
}

bool np_out_has_error(const struct np_out *o)
{
	return o->error != NULL;
}

const char *np_out_error_text(const struct np_out *o)
{
	return o->error ? o->error : "";
}

void np_out_quiet_begin(struct np_out *o)
{
	o->quiet++;
}

const char *np_out_quiet_end_hint(struct np_out *o, char *buf, size_t len, char *hint, size_t hlen)
{
	const char *ret = NULL;
	if (o->quiet > 0)
		o->quiet--;
	if (o->quiet_msg && len) {
		snprintf(buf, len, "%s", o->quiet_msg);
		ret = buf;
	}
	if (hlen)
		snprintf(hint, hlen, "%s", o->quiet_msg && o->quiet_hint ? o->quiet_hint : "");
	free(o->quiet_msg);
	free(o->quiet_hint);
	o->quiet_msg = o->quiet_hint = NULL;
	return ret;
}

const char *np_out_quiet_end(struct np_out *o, char *buf, size_t len)
{
	return np_out_quiet_end_hint(o, buf, len, NULL, 0);
}

void np_out_error_object(struct np_out *o, const char *command, int exit_status)
{
	char *error = o->error, *hint = o->error_hint;
	if (!o->json || o->open)
		return;
	/* np_out_begin clears diagnostics: keep this one across it. */
	o->error = o->error_hint = NULL;
	np_out_begin(o, command);
	o->error = error;
	o->error_hint = hint;
	o->status = exit_status;
	np_out_end(o);
}
