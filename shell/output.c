// SPDX-License-Identifier: GPL-2.0-only
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "output.h"
#include "xalloc.h"

#define MAX_WARNINGS 16

struct np_out {
	FILE *f;
	FILE *err;
	bool json, pretty, color;
	bool open; /* inside np_out_begin/np_out_end */
	struct jsonw w;
	char *error, *error_hint;
	int quiet;	 /* np_out_quiet_begin depth */
	char *quiet_msg; /* first error while quiet */
	char *quiet_hint; /* and its hint */
	char *warnings[MAX_WARNINGS];
	int nwarnings;
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
	free(o->quiet_hint);
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
	if (!o->json) {
		fflush(o->f);
		return;
	}
	/* Close anything a failing command left open so the object stays valid. */
	while (o->w.depth > 1)
		jsonw_close(&o->w);
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

void np_print_u64(struct np_out *o, const char *key, const char *fmt, uint64_t val)
{
	if (o->json)
		jsonw_u64(&o->w, key, val);
	else
		TEXT_VALUE(o, fmt, val);
}

void np_print_i64(struct np_out *o, const char *key, const char *fmt, int64_t val)
{
	if (o->json)
		jsonw_i64(&o->w, key, val);
	else
		TEXT_VALUE(o, fmt, val);
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
	if (o->json)
		jsonw_arr_open(&o->w, key);
	return t;
}

static bool col_in_json(const struct np_col *c)
{
	return !(c->flags & NP_COL_TEXT_ONLY);
}
static bool col_in_text(const struct np_col *c)
{
	return !(c->flags & NP_COL_JSON_ONLY);
}

void np_row_begin(struct np_table *t)
{
	if (!t)
		return;
	t->col = 0;
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
	return c->type != NP_COL_STR;
}

/* Display width of a UTF-8 string (code points; good enough for names). */
static int text_width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void print_text_table(struct np_table *t)
{
	struct np_out *o = t->o;
	int width[64] = {0};
	int ncols = t->ncols < 64 ? t->ncols : 64;
	int last = -1;

	for (int c = 0; c < ncols; c++) {
		if (!col_in_text(&t->cols[c]))
			continue;
		last = c;
		width[c] = text_width(t->cols[c].head);
		for (size_t r = 0; r < t->nrows; r++) {
			const char *s = t->cells[r * t->ncols + c];
			int w = s ? text_width(s) : 1;
			if (w > width[c])
				width[c] = w;
		}
	}
	if (t->title)
		fprintf(o->f, "%s%s%s\n", np_color(o, NP_C_BOLD), t->title,
			np_color(o, NP_C_RESET));
	fputs(np_color(o, NP_C_BOLD), o->f);
	for (int c = 0; c < ncols; c++) {
		if (!col_in_text(&t->cols[c]))
			continue;
		int pad = width[c] - text_width(t->cols[c].head);
		if (right_aligned(&t->cols[c]))
			fprintf(o->f, "%*s%s", pad, "", t->cols[c].head);
		else if (c == last)
			fputs(t->cols[c].head, o->f);
		else
			fprintf(o->f, "%s%*s", t->cols[c].head, pad, "");
		fputs(c == last ? "" : "  ", o->f);
	}
	fputs(np_color(o, NP_C_RESET), o->f);
	fputc('\n', o->f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < ncols; c++) {
			if (!col_in_text(&t->cols[c]))
				continue;
			const char *s = t->cells[r * t->ncols + c];
			if (!s)
				s = "-";
			int pad = width[c] - text_width(s);
			if (right_aligned(&t->cols[c]))
				fprintf(o->f, "%*s%s", pad, "", s);
			else if (c == last)
				fputs(s, o->f);
			else
				fprintf(o->f, "%s%*s", s, pad, "");
			fputs(c == last ? "" : "  ", o->f);
		}
		fputc('\n', o->f);
	}
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

void np_out_error_object(struct np_out *o, const char *command)
{
	char *error = o->error, *hint = o->error_hint;
	if (!o->json || o->open)
		return;
	/* np_out_begin clears diagnostics: keep this one across it. */
	o->error = o->error_hint = NULL;
	np_out_begin(o, command);
	o->error = error;
	o->error_hint = hint;
	np_out_end(o);
}
