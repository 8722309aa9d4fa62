/* SPDX-License-Identifier: GPL-2.0-only */
/* --metrics: this process's walks as OpenMetrics text for node_exporter's
 * textfile collector (doc/FLEET.md).  The engine records each finished
 * walk (shell/engine/pb_metrics.c); main() prints the exposition once,
 * after the last command. */
#ifndef NP_METRICS_H
#define NP_METRICS_H

#include <stdint.h>
#include <stdio.h>

#include "layers.h"

struct np_out;

#define NP_METRICS_DROPS     32
#define NP_METRICS_LABEL_MAX 128

struct np_metrics_drop {
	char reason[64];
	enum np_layer layer;
	int64_t count;
};

/* One walk: its labels (playbook, netns, flow), its verdict and the
 * window's drops by reason. */
struct np_metrics_walk {
	char playbook[NP_METRICS_LABEL_MAX], netns[NP_METRICS_LABEL_MAX], port[16], dst[64],
	    dev[32];
	char layer[16], reason[64];
	int status;
	double packets; /* < 0: the verdict counted none */
	double window;
	struct np_metrics_drop drops[NP_METRICS_DROPS];
	int ndrops;
};

/* A label value into its field, cut to fit (names and addresses fit). */
void np_metrics_label(char *dst, size_t len, const char *src);
/* Remember a walk; one with the same labels replaces the earlier one, so
 * the exposition never repeats a series. */
void np_metrics_add(const struct np_metrics_walk *w);
/* The exposition: build info, each walk's verdict, window and drops by
 * reason, the commands by exit status (out's results), the exit status;
 * ends "# EOF". */
void np_metrics_print(struct np_out *out, FILE *f, int exit_status);

#endif
