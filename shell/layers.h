/* SPDX-License-Identifier: GPL-2.0-only */
/* The layer table (layers.c): vocabulary, path order in each direction,
 * what tcpdump sees, the expert's next commands. */
#ifndef NP_LAYERS_H
#define NP_LAYERS_H

#include "np.h"

struct np_layer_info {
	const char *name;
	int tx_order; /* position on the send path (the enum is the receive path) */
	/* Whether tcpdump on the interface sees packets lost here. */
	const char *tcpdump_rx, *tcpdump_tx;
	/* Commands to run next: $dev, $dst and $port are filled in; a command
	 * whose value is not known is left out (never a placeholder). */
	const char *next[3];
};

const struct np_layer_info *np_layer_info(enum np_layer l);

#endif
