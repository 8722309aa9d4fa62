/* SPDX-License-Identifier: GPL-2.0-only */
/* Completion candidates for a position in a command line: one engine for
 * Tab in the REPL, `?` help, and `netpath --complete` (bash completion). */
#ifndef NP_CANDIDATES_H
#define NP_CANDIDATES_H

#include <stdio.h>

#include "command.h"

struct np_cands {
	char **v;
	size_t n, cap;
};

/* np_complete_fn: adds c once (duplicates are ignored). */
void np_cands_add(void *cookie, const char *c);
void np_cands_clear(struct np_cands *l);
void np_cands_free(struct np_cands *l);

/* Candidates for word, the word being typed at offset start of line (the
 * words before start decide the position).  The command word may be a
 * unique prefix (`sock tcp st<Tab>`).  0, or -NP_EUSAGE when the text
 * before the word does not tokenize (an open quote). */
int np_candidates(struct np_ctx *ctx, const char *line, size_t start, const char *word,
		  struct np_cands *out);

/* Where the last word of line starts (after the last blank), for callers
 * that have a whole line rather than readline's split. */
size_t np_last_word(const char *line);

/* netpath --complete LINE: the candidates for the last word of LINE, one
 * per line on f (what the bash completion script reads). */
void np_complete_print(struct np_ctx *ctx, const char *line, FILE *f);

#endif
