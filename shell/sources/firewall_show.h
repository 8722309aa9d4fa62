/* SPDX-License-Identifier: GPL-2.0-only */
/* Tables of the firewall command: the drop/reject rules and base chains
 * of a snapshot, and the rules whose counters moved in a window.  Text
 * fits the terminal (80 columns when not one): the rule text is cut with
 * "..." and a note says how to see it whole; JSON always has it whole. */
#ifndef NP_FIREWALL_SHOW_H
#define NP_FIREWALL_SHOW_H

#include "ctx.h"
#include "nft_window.h"

void np_fw_print_rules(struct np_ctx *ctx, const struct np_nft_snap *s);
void np_fw_print_moves(struct np_ctx *ctx, const struct np_nft_window *w, double seconds);
/* The culprit of a window (any hook) and what to do without counters. */
void np_fw_print_culprit(struct np_ctx *ctx, const struct np_nft_window *w, double seconds);
/* A note when iptables-legacy tables exist beside nftables. */
void np_fw_print_legacy(struct np_ctx *ctx, const char *legacy);

#endif
