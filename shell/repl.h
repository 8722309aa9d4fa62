/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NP_REPL_H
#define NP_REPL_H

#include <stdio.h>

#include "ctx.h"

/* Interactive loop on a terminal: readline, completion, `?`, history.
 * Returns the worst exit status of the session's commands (0 when all
 * were fine). */
int np_repl(struct np_ctx *ctx);
/* Runs commands read from f, one per line (-f FILE, or stdin that is not
 * a terminal), through the bounded reader (linereader.h).  name is used
 * in error messages.  Returns the worst status. */
int np_run_stream(struct np_ctx *ctx, FILE *f, const char *name);
/* Opens -f FILE: a regular file no larger than the input budget.  NULL
 * with the error reported (one line, a JSON object) and *status set. */
FILE *np_open_command_file(struct np_ctx *ctx, const char *path, int *status);
/* The prompt text: "netpath[ns dev=eth0 port=80]> " */
void np_prompt(const struct np_ctx *ctx, char *buf, size_t len);

#endif
