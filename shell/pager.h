/* SPDX-License-Identifier: GPL-2.0-only */
/* The REPL's pager: output taller than the terminal goes through $PAGER
 * (default `less -FRX`), like git.  The pager command is split on blanks
 * and executed directly (no shell); an empty PAGER or `cat` means none;
 * a pager that cannot start falls back to plain output. */
#ifndef NP_PAGER_H
#define NP_PAGER_H

#include <stddef.h>
#include <stdio.h>

/* Terminal rows text takes at cols columns (long lines wrap).  Pure. */
size_t np_text_rows(const char *text, size_t n, int cols);

/* Write text to out (a terminal), through the pager when it does not fit
 * on one screen. */
void np_page(const char *text, size_t n, FILE *out);

#endif
