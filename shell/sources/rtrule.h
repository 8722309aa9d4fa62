/* SPDX-License-Identifier: GPL-2.0-only */
/* Policy routing rules (RTM_GETRULE): read, describe like `ip rule`, and
 * find the rule that sent a lookup to a given table. */
#ifndef NP_RTRULE_H
#define NP_RTRULE_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "rtfmt.h"
#include "validate.h"

struct np_rule {
	int family;
	uint32_t prio;
	unsigned action; /* FR_ACT_* */
	uint32_t table;
	uint32_t goto_target;
	unsigned flags; /* FIB_RULE_INVERT ... */
	uint8_t src_len, dst_len, tos, ipproto;
	unsigned char src[16], dst[16];
	char iif[16], oif[16];
	uint32_t mark, mask;
	bool has_mark;
	uint32_t uid_start, uid_end;
	bool has_uid;
	uint16_t sport_lo, sport_hi, dport_lo, dport_hi;
	int suppress_prefixlen; /* -1 = unset */
	bool l3mdev;
	uint8_t protocol; /* who installed it */
};

/* Parse one RTM_NEWRULE message.  0 or -EINVAL. */
int np_rule_parse(const struct nlmsghdr *nlh, struct np_rule *r);
/* One line like `ip rule`: "32766: from all lookup main". */
void np_rule_describe(const struct np_rule *r, char *buf, size_t len);

/* The packet a lookup asks about (addresses in network order). */
struct np_rule_flow {
	int family;
	unsigned char dst[16], src[16];
	bool has_src;
	char iif[16]; /* "" = locally generated (the kernel then uses "lo") */
	char oif[16];
	uint32_t mark;
	uint8_t ipproto;
	uint16_t sport, dport;
	uint32_t uid;
};
/* Does the rule's selector match the flow (ignoring the action)? */
bool np_rule_matches(const struct np_rule *r, const struct np_rule_flow *f);

#endif
