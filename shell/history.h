/* SPDX-License-Identifier: GPL-2.0-only */
/* The REPL's ~/.netpath_history, opened so that it cannot be turned into
 * a weapon: never through a symlink (O_NOFOLLOW), only a regular file with
 * one link owned by the user netpath runs as (under `sudo -E` HOME is the
 * caller's: root must not rewrite or chmod a file the caller controls).
 * Anything else is refused once with a warning and the session keeps no
 * history.  No HOME (unset, empty or relative): no history file at all. */
#ifndef NP_HISTORY_H
#define NP_HISTORY_H

#include "output.h"

/* Open (creating it 0600), check, and load into readline's history. */
void np_history_open(struct np_out *out);
/* Rewrite the file from readline's history through the checked fd. */
void np_history_save(void);

/* The checks on an opened history file: 0, or -1 with why.  Pure (takes
 * the fstat result) for the unit test. */
struct stat;
int np_history_check(const struct stat *st, unsigned euid, char *why, size_t len);

#endif
