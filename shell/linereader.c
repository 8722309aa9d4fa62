// SPDX-License-Identifier: GPL-2.0-only
/* Bounded line reader and the "is this text" test for command input. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "jsonw.h"
#include "linereader.h"

void np_lr_init(struct np_linereader *r, FILE *f, size_t max_bytes)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	r->max_bytes = max_bytes;
}

/* A byte that can never start or sit in a command, seen as it is read:
 * /dev/zero or a binary stops at its first byte, not after a line. */
static bool control_byte(int c)
{
	return (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f;
}

static enum np_lr_status binary(struct np_linereader *r, size_t col, int c)
{
	r->buf[r->len] = '\0';
	r->bad_col = col;
	r->bad_byte = (unsigned char)c;
	return NP_LR_BINARY;
}

enum np_lr_status np_lr_next(struct np_linereader *r)
{
	size_t bad;
	int c;

	r->len = 0;
	r->buf[0] = '\0';
	r->lineno++;
	for (;;) {
		c = getc_unlocked(r->f);
		if (c == EOF) {
			if (ferror(r->f)) {
				r->err = errno ? errno : EIO;
				return NP_LR_IOERR;
			}
			if (r->len == 0)
				return NP_LR_EOF;
			break; /* a last line without a newline */
		}
		if (++r->bytes > r->max_bytes)
			return NP_LR_TOOMUCH;
		if (c == '\n')
			break;
		if (control_byte(c))
			return binary(r, r->len + 1, c);
		if (r->len == NP_LINE_MAX)
			return NP_LR_TOOLONG;
		r->buf[r->len++] = (char)c;
	}
	if (r->len && r->buf[r->len - 1] == '\r')
		r->len--; /* CRLF files */
	r->buf[r->len] = '\0';
	if (np_text_check(r->buf, &bad))
		return binary(r, bad + 1, (unsigned char)r->buf[bad]);
	return NP_LR_LINE;
}

void np_lr_describe(const struct np_linereader *r, enum np_lr_status st, char *buf, size_t len)
{
	switch (st) {
	case NP_LR_TOOLONG:
		snprintf(buf, len, "line %lu: longer than %d bytes", r->lineno, NP_LINE_MAX);
		break;
	case NP_LR_BINARY:
		if (r->bad_byte == 0)
			snprintf(buf, len, "line %lu: NUL byte at column %zu (binary data)",
				 r->lineno, r->bad_col);
		else if (r->bad_byte < 0x20 || r->bad_byte == 0x7f)
			snprintf(buf, len, "line %lu: control character 0x%02x at column %zu",
				 r->lineno, r->bad_byte, r->bad_col);
		else
			snprintf(buf, len, "line %lu: not UTF-8 text (byte 0x%02x at column %zu)",
				 r->lineno, r->bad_byte, r->bad_col);
		break;
	case NP_LR_TOOMUCH:
		snprintf(buf, len, "more than %zu bytes of commands", r->max_bytes);
		break;
	case NP_LR_IOERR:
		snprintf(buf, len, "line %lu: %s", r->lineno, strerror(r->err));
		break;
	default:
		snprintf(buf, len, "line %lu", r->lineno);
		break;
	}
}

int np_text_check(const char *str, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; s[i];) {
		int n = jsonw_utf8_len(s + i);
		/* U+0080..U+009F are the C1 controls: C2 80..C2 9F in UTF-8. */
		if (!n || (s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f ||
		    (s[i] == 0xc2 && s[i + 1] < 0xa0)) {
			*bad = i;
			return -1;
		}
		i += (size_t)n;
	}
	return 0;
}
