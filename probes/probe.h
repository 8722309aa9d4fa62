/* SPDX-License-Identifier: GPL-2.0-only */
/* Probe kinds as descriptors: one per `probe KIND`, in probes/KIND.c next
 * to its user half.  A kind is its BPF programs (KIND.bpf.c, loaded
 * through probe_load.h), the facts it publishes (its family, whose probe
 * member is the window source the playbook engine starts), and its
 * printer (run: what `probe KIND` answers).  The table is made from the
 * bpf_probes list of probes/meson.build: a new kind is its libbpf-tools
 * triple (KIND.bpf.c, KIND.c, KIND.h) and one word in that list. */
#ifndef NP_PROBE_H
#define NP_PROBE_H

#include "family.h"
#include "probe_opts.h"

struct np_probe {
	const char *name; /* `probe NAME` */
	/* The facts it publishes after a window (family->probe is its window
	 * source), or NULL for a probe that only prints (trace). */
	const struct np_fact_family *family;
	/* `probe NAME [SECONDS] [FILTER]`: load, wait, print.  0 or -errno
	 * (a probe that could not run: np_probe_skip). */
	int (*run)(struct np_ctx *ctx, struct np_probe_opts *o);
};

/* Every kind, in `probe` order, NULL-terminated (probe_table.c), and their
 * names (the choices of `probe KIND`). */
extern const struct np_probe *const np_probes[];
extern const char *const np_probe_names[];

/* ---- what every probe's answer shares (probe_print.c) ---- */

/* Report a probe that could not run: status skip (stdout/JSON) and the
 * reason on stderr.  Returns err (-EPERM for a missing capability:
 * exit 3). */
int np_probe_skip(struct np_ctx *ctx, const char *kind, int err, const char *why);
/* The first line of a probe's answer: kind, status ok, window, what was
 * watched, the filter, the attach method, whether Ctrl-C cut it short. */
void np_probe_header(struct np_ctx *ctx, const char *kind, const char *what, double elapsed,
		     const struct np_probe_opts *o, const char *mode, bool cut);
/* Sleep the window; true when Ctrl-C cut it short.  *elapsed is set. */
bool np_probe_wait(struct np_ctx *ctx, double seconds, double *elapsed);

#endif
