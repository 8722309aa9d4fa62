/* SPDX-License-Identifier: GPL-2.0-only */
/* What this host's kernel and privileges allow for probes, detected by
 * trying (tiny programs through libbpf and the bpf syscall), cached for
 * the process.  `features` prints it; probes and playbooks consult it. */
#ifndef NP_FEATURES_H
#define NP_FEATURES_H

#include <stdbool.h>
#include <stddef.h>

enum np_feat {
	NP_FEAT_CAP_BPF,
	NP_FEAT_CAP_PERFMON,
	NP_FEAT_CAP_NET_ADMIN,
	NP_FEAT_BTF,
	NP_FEAT_TP_BTF,
	NP_FEAT_RAW_TP,
	NP_FEAT_TRACEPOINT, /* classic: needs tracefs for the event id */
	NP_FEAT_FENTRY,
	NP_FEAT_KPROBE,
	NP_FEAT_RINGBUF,
	NP_FEAT_DROP_REASONS,
	NP_FEAT__COUNT,
};

struct np_feat_result {
	bool ok;
	int err;	  /* -errno of the failed attempt, 0 when ok */
	char detail[160]; /* what was tried / what was found */
};

const char *np_feat_name(enum np_feat f);
/* Detects on first use, then cached. */
const struct np_feat_result *np_feature(enum np_feat f);

/* Probes need CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN).  0, or -EPERM
 * with the missing capabilities named in why. */
int np_probe_caps(char *why, size_t len);

/* Where tracefs is mounted ("" when nowhere). */
const char *np_tracefs_path(void);

#endif
