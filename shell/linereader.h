/* SPDX-License-Identifier: GPL-2.0-only */
/* Bounded reading of command input (-f FILE, stdin, the history file).
 *
 * A line is refused while it is read, never after: at most NP_LINE_MAX
 * bytes are buffered whatever the input (/dev/zero, a binary, a fifo that
 * never sends a newline).  Bytes that cannot be a command (NUL, control
 * characters other than tab, invalid UTF-8) stop the reader at once, and a
 * byte budget bounds the whole stream.  Pure: no output, no exit. */
#ifndef NP_LINEREADER_H
#define NP_LINEREADER_H

#include <stddef.h>
#include <stdio.h>

/* Longest command line, in bytes (also the tokenizer's limit). */
#define NP_LINE_MAX 4096
/* Most bytes read from one -f FILE or stdin. */
#define NP_INPUT_MAX_BYTES (1024 * 1024)
/* Most commands run from one -f FILE or stdin. */
#define NP_INPUT_MAX_COMMANDS 10000

enum np_lr_status {
	NP_LR_LINE,    /* a line is in buf (no newline, no trailing CR) */
	NP_LR_EOF,     /* clean end of input */
	NP_LR_TOOLONG, /* a line longer than NP_LINE_MAX */
	NP_LR_BINARY,  /* a byte that cannot be in a command (see bad_*) */
	NP_LR_TOOMUCH, /* the byte budget is spent */
	NP_LR_IOERR,   /* read error (err holds the errno) */
};

struct np_linereader {
	FILE *f;
	size_t max_bytes;
	char buf[NP_LINE_MAX + 1];
	size_t len;
	unsigned long lineno; /* of the line in buf (or the one refused) */
	size_t bytes;	      /* consumed so far */
	int err;
	size_t bad_col; /* NP_LR_BINARY: 1-based column of the bad byte */
	unsigned char bad_byte;
};

void np_lr_init(struct np_linereader *r, FILE *f, size_t max_bytes);
enum np_lr_status np_lr_next(struct np_linereader *r);
/* "line 3: NUL byte at column 7" for a status other than LINE/EOF. */
void np_lr_describe(const struct np_linereader *r, enum np_lr_status st, char *buf, size_t len);

/* Is the NUL-terminated s text a command may hold: valid UTF-8 (no
 * overlong forms or surrogates), no C0/C1 control characters or DEL, tab
 * allowed?  0 if so, else -1 with the offset of the first bad byte. */
int np_text_check(const char *s, size_t *bad);

#endif
