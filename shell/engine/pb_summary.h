/* SPDX-License-Identifier: GPL-2.0-only */
/* A finished walk for netpath --brief and --metrics (shell/output.h's
 * summary modes).  pb_report() calls pb_summarize() once per walk it
 * prints; main() prints the exposition (shell/metrics.h) once, after the
 * last command. */
#ifndef NP_PB_SUMMARY_H
#define NP_PB_SUMMARY_H

#include <stdio.h>

struct np_ctx;
struct pb_run;

/* --brief: the walk's line ("CRIT netfilter: NETFILTER_DROP 197 pkts/2s
 * udp:5353 eth0 rule inet filter input #7"); --metrics: remember the
 * walk's verdict and its window's drops.  Nothing otherwise. */
void pb_summarize(struct np_ctx *ctx, const struct pb_run *r);

/* The walk's --brief text after "STATUS SUBJECT: " into buf, and its
 * subject (the layer of a finding, else the playbook). */
const char *pb_brief_text(const struct pb_run *r, char *buf, size_t len);

/* Record a walk for the exposition (pb_metrics.c). */
void pb_metrics_walk(struct np_ctx *ctx, const struct pb_run *r);

#endif
