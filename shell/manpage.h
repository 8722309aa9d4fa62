/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NP_MANPAGE_H
#define NP_MANPAGE_H
#include <stdio.h>
/* netpath(8) in roff, generated from the command descriptors. */
void np_manpage(FILE *f);
/* The -h text. */
void np_usage(FILE *f);
#endif
