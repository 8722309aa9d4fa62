/* SPDX-License-Identifier: GPL-2.0-only */
/* The filter grammar shared by every probe:
 *
 *     filter := term ( ["and"] term )*
 *     term   := "netns" (SPEC | "current" | "all") | "dev" DEV
 *             | "proto" ("tcp" | "udp" | "icmp")
 *             | ("host" | "src" | "dst") ADDR | ("port" | "sport" | "dport") N
 *
 * SPEC is any namespace spec (shell/netns_spec.h: NAME, pid:PID, /path,
 * docker:NAME ...).  Parsing is pure (no kernel access, safe on any input:
 * unit-tested and fuzzed); np_filter_resolve() then turns the spec into
 * the namespace inode and the interface index the kernel side compares. */
#ifndef NP_FILTER_H
#define NP_FILTER_H

#include <linux/types.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "filter_types.h"
#include "netns_spec.h"

struct np_ctx;

enum np_filter_netns { NP_NETNS_DEFAULT, NP_NETNS_CURRENT, NP_NETNS_ALL, NP_NETNS_NAMED };

struct np_filter_spec {
	struct np_filter f;		 /* flags, proto, addresses, ports */
	enum np_filter_netns netns;	 /* how to fill f.netns */
	struct np_netns_spec netns_spec; /* NP_NETNS_NAMED: which one */
	char dev[IF_NAMESIZE];
};

/* Parse argc tokens.  0, or -NP_EUSAGE with why naming the bad token. */
int np_filter_parse_argv(int argc, char *const *argv, struct np_filter_spec *out, char *why,
			 size_t len);
/* Same for one string (tokens split on blanks); NULL or "" is no filter. */
int np_filter_parse(const char *text, struct np_filter_spec *out, char *why, size_t len);
/* Fill f.netns/f.ifindex.  def is the netns rule when none was given
 * (NP_NETNS_CURRENT for probes: the tracepoints are host-wide).  0 or
 * -errno with the error reported. */
int np_filter_resolve(struct np_ctx *ctx, struct np_filter_spec *s, enum np_filter_netns def);
/* A window source's filter: parse text, resolve it (default netns: the
 * current one).  0, or -errno / -NP_EUSAGE with why set for the source's
 * .skip fact. */
int np_filter_prepare(struct np_ctx *ctx, const char *text, struct np_filter_spec *s, char *why,
		      size_t len);
/* Hold the filter's namespace open while a probe that compares namespaces
 * by address (np_net_is_filt in filter.bpf.h) is loaded: its struct net
 * can then be neither freed nor its address taken by a new namespace.
 * *fd is the namespace file to close after the probe is destroyed, or -1
 * when the filter has no namespace condition.  0 or -errno with why set. */
int np_filter_pin(struct np_ctx *ctx, const struct np_filter_spec *s, int *fd, char *why,
		  size_t len);
/* Human text of a parsed filter ("netns current and proto udp"). */
void np_filter_describe(const struct np_filter_spec *s, char *buf, size_t len);
/* Completion words that may follow the tokens typed so far. */
const char *const *np_filter_keywords(void);

#endif
