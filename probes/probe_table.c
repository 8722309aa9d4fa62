// SPDX-License-Identifier: GPL-2.0-only
/* The table of probe kinds, made from the bpf_probes list of
 * probes/meson.build (np_probe_list.h): each KIND.c defines
 * `const struct np_probe np_probe_KIND`. */
#include <stddef.h>

#include "np_probe_list.h"
#include "probe.h"

#define DECLARE(kind) extern const struct np_probe np_probe_##kind;
NP_PROBE_LIST(DECLARE)
#undef DECLARE

#define ENTRY(kind) &np_probe_##kind,
const struct np_probe *const np_probes[] = {NP_PROBE_LIST(ENTRY) NULL};
#undef ENTRY

#define NAME(kind) #kind,
const char *const np_probe_names[] = {NP_PROBE_LIST(NAME) NULL};
#undef NAME
