/* SPDX-License-Identifier: GPL-2.0-only */
/* Which parts of `probe flow` run, and how: each part is one tracepoint
 * (checked in the kernel's BTF before anything is loaded) and a program
 * pair NAME_btf / NAME_raw in probes/flow.bpf.c.  Pure given the raw BTF
 * bytes: unit-tested with synthetic BTF. */
#ifndef NP_FLOW_PLAN_H
#define NP_FLOW_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#define NP_FLOW_PARTS		8
#define NP_FLOW_PART_ICMP4_SENT 6 /* without it, IPv4 errors sent are read at net_dev_queue */
#define NP_FLOW_PART_ICMP6_SENT 7 /* net_dev_queue: runs for every packet sent */

/* NP_USE_UNNEEDED: the filter makes the part useless (never reported). */
enum np_flow_use { NP_USE_UNNEEDED = -2, NP_USE_OFF = -1, NP_USE_BTF = 0, NP_USE_RAW = 1 };

struct np_flow_part {
	const char *name; /* program base name, the word in flow.skip_parts */
	const char *tp;	  /* subsystem:tracepoint */
};

extern const struct np_flow_part np_flow_parts[NP_FLOW_PARTS];

struct np_flow_plan {
	int use[NP_FLOW_PARTS]; /* enum np_flow_use */
	char why[NP_FLOW_PARTS][96];
	bool may_raw; /* a part whose tp_btf program is refused may use raw_tp */
};

/* Whether raw BTF (as /sys/kernel/btf/vmlinux holds it) names something
 * `name`: a look in its string section, no type parsing (a full parse of
 * the kernel's BTF costs 100-200 ms; this a few).  A tracepoint X exists
 * when the string btf_trace_X does (the kernel's typedef for it). */
bool np_btf_has_name(const void *raw, size_t len, const char *name);

/* btf/len: the kernel's raw BTF (NULL: unknown, every part is tried);
 * have_tp_btf: the kernel exposes its BTF for tp_btf attachment; force:
 * NETPATH_PROBE_ATTACH (NULL when unset).  false when force names a
 * method probe flow has no programs for. */
bool np_flow_plan_make(const void *btf, size_t len, bool have_tp_btf, const char *force,
		       struct np_flow_plan *p);
struct np_filter;
/* Leave out what the filter cannot match: with an IPv4 address in it and
 * icmp:icmp_send planned, no ICMPv6 error can quote the flow, so the
 * net_dev_queue part (a program run per packet sent) is not loaded. */
void np_flow_plan_filter(struct np_flow_plan *p, const struct np_filter *f);
/* Turn a part off, saying why. */
void np_flow_plan_off(struct np_flow_plan *p, int part, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* skip: "icmp_sent (icmp:icmp_send: not in this kernel), ..." ("" when all
 * run); mode: "tp_btf", "raw_tp" or "tp_btf+raw_tp" for the parts that run. */
void np_flow_plan_describe(const struct np_flow_plan *p, char *skip, size_t slen, char *mode,
			   size_t mlen);

#endif
