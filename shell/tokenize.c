// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "np.h"
#include "tokenize.h"
#include "xalloc.h"

#define MAX_TOKENS 256
#define MAX_LINE 65536

void np_tokens_free(struct np_tokens *t)
{
	if (!t->argv)
		return;
	for (int i = 0; i < t->argc; i++)
		free(t->argv[i]);
	free(t->argv);
	t->argv = NULL;
	t->argc = 0;
}

int np_tokenize(const char *line, struct np_tokens *t, char *err, size_t errlen)
{
	size_t n = strlen(line), i = 0;
	char *buf;

	memset(t, 0, sizeof(*t));
	if (n > MAX_LINE) {
		snprintf(err, errlen, "line longer than %d bytes", MAX_LINE);
		return -NP_EUSAGE;
	}
	t->argv = np_xcalloc(MAX_TOKENS + 1, sizeof(char *));
	buf = np_xmalloc(n + 1);
	t->trailing_space = 1;
	for (;;) {
		size_t b = 0;
		char quote = 0;

		while (i < n && isspace((unsigned char)line[i]))
			i++;
		if (i >= n || line[i] == '#')
			break;
		t->last_start = i;
		t->trailing_space = 0;
		while (i < n) {
			char c = line[i];
			if (quote) {
				if (c == quote) {
					quote = 0;
				} else if (c == '\\' && quote == '"' && i + 1 < n) {
					buf[b++] = line[++i];
				} else {
					buf[b++] = c;
				}
			} else if (c == '\'' || c == '"') {
				quote = c;
			} else if (c == '\\' && i + 1 < n) {
				buf[b++] = line[++i];
			} else if (isspace((unsigned char)c)) {
				break;
			} else {
				buf[b++] = c;
			}
			i++;
		}
		if (quote) {
			snprintf(err, errlen, "col %zu: unterminated %c quote", t->last_start + 1, quote);
			free(buf);
			np_tokens_free(t);
			return -NP_EUSAGE;
		}
		if (t->argc == MAX_TOKENS) {
			snprintf(err, errlen, "more than %d words on one line", MAX_TOKENS);
			free(buf);
			np_tokens_free(t);
			return -NP_EUSAGE;
		}
		buf[b] = '\0';
		t->argv[t->argc] = np_xstrdup(buf);
		t->argc++;
		if (i < n)
			t->trailing_space = 1;
	}
	free(buf);
	return 0;
}
