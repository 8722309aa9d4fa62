/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NP_VERSION_H
#define NP_VERSION_H

#include "output.h"

/* -V: version, git commit, libbpf version, kernel release and what the
 * probes can use (BTF, tp_btf, CAP_BPF): what a bug report needs.  One
 * {"command":"version",...} object under -j. */
void np_version_print(struct np_out *out);

#endif
