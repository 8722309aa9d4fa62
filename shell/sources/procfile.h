/* SPDX-License-Identifier: GPL-2.0-only */
/* Read a whole /proc file (size unknown in advance) into a NUL-terminated
 * malloc'ed buffer. */
#ifndef NP_PROCFILE_H
#define NP_PROCFILE_H

#include <stddef.h>

/* 0 and *out (free() it), or -errno. */
int np_read_proc(const char *path, char **out);
/* The same with the length (binary files: /sys/kernel/btf/vmlinux). */
int np_read_file(const char *path, char **out, size_t *len);

#endif
