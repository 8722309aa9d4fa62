/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the playbook engine's files (not a public API). */
#ifndef NP_PB_INTERNAL_H
#define NP_PB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "pb_run.h"

/* Index of parameter name[0..len) in pb, or -1. */
int pb_param_index(const struct pb_playbook *pb, const char *name, size_t len);
/* Substitute $name/${name}; false with the first unset parameter's name
 * in missing (when not NULL). */
bool pb_subst(const struct pb_job *job, const char *in, char *out, size_t len, char *missing,
	      size_t mlen);
/* Best effort for messages: unset parameters read <name>.  malloc'ed. */
char *pb_subst_msg(const struct pb_job *job, const char *in);

#endif
