/* SPDX-License-Identifier: GPL-2.0-only */
/* Read a whole /proc file (size unknown in advance) into a NUL-terminated
 * malloc'ed buffer. */
#ifndef NP_PROCFILE_H
#define NP_PROCFILE_H

/* 0 and *out (free() it), or -errno. */
int np_read_proc(const char *path, char **out);

#endif
