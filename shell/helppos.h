/* SPDX-License-Identifier: GPL-2.0-only */
/* vtysh's `?`: what can go at a position of a partial command line --
 * the commands (with their summaries) for the first word, else the
 * command's keywords and the argument expected there (with their help),
 * the values Tab would offer, and <cr> when the line could run as it is. */
#ifndef NP_HELPPOS_H
#define NP_HELPPOS_H

#include <stdio.h>

#include "ctx.h"

/* Help for the word that ends at offset point of line, printed to f. */
void np_help_at(struct np_ctx *ctx, const char *line, size_t point, FILE *f);

#endif
