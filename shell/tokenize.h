/* SPDX-License-Identifier: GPL-2.0-only */
/* Command-line tokenizer for the REPL, -c and -f: whitespace-separated
 * words, '...' and "..." quoting, backslash escapes, '#' comments. */
#ifndef NP_TOKENIZE_H
#define NP_TOKENIZE_H

#include <stddef.h>

struct np_tokens {
	int argc;
	char **argv; /* NULL-terminated */
	/* Where the last token started in the input (completion), and
	 * whether the line ends inside a token. */
	size_t last_start;
	int trailing_space;
};

/* 0, or -NP_EUSAGE with a message in err (unterminated quote ...). */
int np_tokenize(const char *line, struct np_tokens *t, char *err, size_t errlen);
void np_tokens_free(struct np_tokens *t);

#endif
