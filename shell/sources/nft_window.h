/* SPDX-License-Identifier: GPL-2.0-only */
/* The nftables counters over an observation window: snapshot at the
 * start, snapshot at the end, the counters that moved, and the rule that
 * dropped the flow for each path, published as `nft.*` facts (the fact
 * contract in doc/HACKING.md).
 *
 * As a window source (`nft`, started by the playbook engine when a
 * playbook names an nft fact) it matches the drop probe's count of
 * NETFILTER_DROP in the same window when the drops source was collected
 * first (the engine collects in start order, which is the order facts
 * appear in the playbook: keep the drops checks before the nft ones);
 * otherwise the drop rule that moved most is named.  `firewall watch`
 * drives the same steps itself. */
#ifndef NP_NFT_WINDOW_H
#define NP_NFT_WINDOW_H

#include "family.h"
#include "nft.h"

/* The paths a culprit is picked for: nft.rule.* (any hook) and
 * nft.rule[rx|forward|tx].* */
enum { NP_NFT_P_ANY, NP_NFT_P_RX, NP_NFT_P_FORWARD, NP_NFT_P_TX, NP_NFT_P__COUNT };
extern const char *const np_nft_path_names[NP_NFT_P__COUNT];

#define NP_NFT_MAX_CAND 8 /* candidates published per path */
/* A playbook window fetches rule text only from chains holding at most
 * this many rules (~80 ms of libnftables); `firewall` has no limit. */
#define NP_NFT_TEXT_MAX_RULES 2000

struct np_nft_window {
	struct np_nft_snap before, after;
	struct np_nft_move *moves;
	size_t nmoves;
	struct np_nft_culprit cul[NP_NFT_P__COUNT];
	int64_t probe_drops; /* NETFILTER_DROP seen by the drop probe, -1 unknown */
	char legacy[256];
	int nlegacy; /* iptables-legacy tables */
};

/* Snapshot the start.  0 or -errno with why. */
int np_nft_window_begin(struct np_ctx *ctx, struct np_nft_window *w, char *why, size_t len);
/* Snapshot the end, diff, pick the culprits for `drops` (-1 unknown) and
 * fetch the text of culprits and candidates (with_moves: of every rule
 * that moved too).  0 or -errno with why. */
int np_nft_window_end(struct np_ctx *ctx, struct np_nft_window *w, int64_t drops, bool with_moves,
		      char *why, size_t len);
/* The rules' own window: between the two snapshots.  In a playbook run it
 * is longer than the probe's (the drops source is collected first and
 * symbolises its rows before the second snapshot). */
double np_nft_window_seconds(const struct np_nft_window *w);
void np_nft_window_publish(struct np_ctx *ctx, const struct np_nft_window *w);
void np_nft_publish_skip(struct np_ctx *ctx, const char *why);
void np_nft_window_free(struct np_nft_window *w);

/* Packets counted by drop/reject rules and drop policies (all hooks). */
uint64_t np_nft_window_drops(const struct np_nft_window *w);

extern const struct np_window_source np_nft_window;

#endif
