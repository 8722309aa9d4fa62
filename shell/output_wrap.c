// SPDX-License-Identifier: GPL-2.0-only
/* Text broken at the terminal's width (output.h: np_text_wrap, np_wrap_*),
 * on top of the output layer's public calls. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "xalloc.h"

void np_text_wrap(struct np_out *o, const char *text, const char *sep, int indent)
{
	np_text_wrap_at(o, text, sep, indent, indent);
}

void np_text_wrap_at(struct np_out *o, const char *text, const char *sep, int indent, int col)
{
	int width = np_out_width(o);
	FILE *f = np_out_file(o);
	if (np_out_json(o))
		return;
	while (*text) {
		const char *next = strstr(text + 1, sep);
		int len = (int)(next ? (size_t)(next - text) : strlen(text));
		/* A piece that does not fit starts a line (not the first one). */
		if (width > 0 && col > indent && col + len > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			/* the separator's leading blanks end the line */
			while (sep[0] == ' ' && len > 0 && *text == ' ') {
				text++;
				len--;
			}
		}
		fwrite(text, 1, (size_t)len, f);
		col += len;
		text += len;
	}
	fputc('\n', f);
}

void np_text_wrapf(struct np_out *o, int indent, int col, const char *fmt, ...)
{
	va_list ap;
	char *text;
	va_start(ap, fmt);
	text = np_xvasprintf(fmt, ap);
	va_end(ap);
	np_text_wrap_at(o, text, " ", indent, col);
	free(text);
}

void np_print_str_wrapped(struct np_out *o, const char *key, const char *prefix, const char *text)
{
	np_print_str(o, key, NULL, text);
	if (!text || np_out_json(o))
		return;
	np_text(o, "%s", prefix);
	np_text_wrap(o, text, " ", (int)strlen(prefix));
}

void np_wrap_begin(struct np_out *o, struct np_wrap *w)
{
	np_wrap_begin_at(o, w, 0);
}

void np_wrap_begin_at(struct np_out *o, struct np_wrap *w, int col)
{
	*w = (struct np_wrap){.col = col};
	if (np_out_json(o) || np_out_line_filtered(o) || np_out_width(o) <= 0)
		return;
	w->mem = open_memstream(&w->text, &w->len);
	if (w->mem)
		w->prev = np_out_swap_file(o, w->mem);
}

void np_wrap_end(struct np_out *o, struct np_wrap *w, const char *sep, int indent)
{
	if (!w->mem) {
		np_text(o, "\n");
		return;
	}
	np_out_swap_file(o, w->prev);
	fclose(w->mem);
	while (w->len && w->text[w->len - 1] == ' ')
		w->text[--w->len] = '\0';
	np_text_wrap_at(o, w->text, sep, indent, w->col);
	free(w->text);
	*w = (struct np_wrap){0};
}
