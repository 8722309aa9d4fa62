/* SPDX-License-Identifier: GPL-2.0-only */
/* User half of the drops probe: window source, aggregated rows. */
#ifndef NP_DROPS_API_H
#define NP_DROPS_API_H

#include <net/if.h>
#include <stdint.h>

#include "ctx.h"
#include "family.h"
#include "filter.h"
#include "reasons.h"

struct np_drops;

struct np_drop_row {
	uint64_t count;
	uint32_t reason;
	char reason_name[64]; /* from BTF; "REASON_<n>" when unknown */
	uint64_t location;
	char func[96]; /* symbolised location ("" if unresolved) */
	uint64_t offset;
	uint32_t netns;
	char netns_name[64]; /* "current", a /run/netns name, or the inode */
	uint32_t ifindex;
	char dev[IF_NAMESIZE + 8];
	uint32_t iif;		     /* the sample's input interface (0: generated here) */
	char in_dev[IF_NAMESIZE + 8]; /* its name ("" when iif is 0) */
	uint16_t l3;
	uint8_t l4;
	bool local; /* generated on this host, never received */
	char src[46], dst[46]; /* the bucket's first packet ("" when not IP) */
	const struct np_reason_info *info; /* classified: never NULL */
};

/* Load and attach with a resolved filter.  0, or -errno with the reason
 * in why (-EPERM: a missing capability, named).  Prints nothing. */
int np_drops_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_drops **out,
		  char *why, size_t len);
/* Read the kernel map: rows sorted by count, biggest first.  The rows
 * stay owned by d. */
int np_drops_read(struct np_ctx *ctx, struct np_drops *d, const struct np_drop_row **rows,
		  size_t *n);
/* Publish the drops.* facts from the last read. */
void np_drops_publish(struct np_ctx *ctx, struct np_drops *d);
/* How the tracepoint was attached: tp_btf, raw_tp or tracepoint. */
const char *np_drops_attach_mode(const struct np_drops *d);
/* Drops that matched but found the aggregation map full. */
uint64_t np_drops_lost(const struct np_drops *d);
void np_drops_close(struct np_drops *d);

/* Publish drops.available=0 and drops.skip=why (probe could not run). */
void np_drops_publish_skip(struct np_ctx *ctx, const char *why);

/* The loss at layer l as the last window published it (the drops
 * family's layer_detail). */
bool np_drops_layer_detail(const struct np_facts *fs, enum np_layer l, struct np_layer_detail *out);

/* The drops fact family's window source (playbooks). */
extern const struct np_window_source np_drops_window;

#endif
