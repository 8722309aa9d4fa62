// SPDX-License-Identifier: GPL-2.0-only
/* rules [inet|inet6]: the policy routing rules (RTM_GETRULE dump), in the
 * order the kernel tries them. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "command.h"
#include "rtrule.h"
#include "rtnl_util.h"

struct rules_walk {
	struct np_ctx *ctx;
	struct np_table *t;
	unsigned n;
};

static int rules_cb(const struct nlmsghdr *nlh, void *data)
{
	struct rules_walk *w = data;
	struct np_rule r;
	char text[256], b[32];
	if (nlh->nlmsg_type != RTM_NEWRULE || np_rule_parse(nlh, &r))
		return MNL_CB_OK;
	/* An unspecified-family dump also returns the multicast-routing
	 * (ipmr/ip6mr) rules: they do not route unicast packets. */
	if (r.family != AF_INET && r.family != AF_INET6)
		return MNL_CB_OK;
	np_rule_describe(&r, text, sizeof(text));
	np_row_begin(w->t);
	np_cell_str(w->t, r.family == AF_INET6 ? "inet6" : "inet");
	np_cell_u64(w->t, r.prio);
	np_cell_str(w->t, strchr(text, ' ') + 1);
	np_cell_str(w->t, np_rule_action_name(r.action, b, sizeof(b)));
	if (r.action == FR_ACT_TO_TBL && !r.l3mdev) {
		np_cell_u64(w->t, r.table);
		np_cell_str(w->t, np_rt_table_name(r.table, b, sizeof(b)));
	} else {
		np_cell_null(w->t);
		np_cell_null(w->t);
	}
	np_row_end(w->t);
	w->n++;
	return MNL_CB_OK;
}

static int rules_run(struct np_ctx *ctx, const struct np_args *a)
{
	static const struct np_col cols[] = {
		{"family", "FAMILY", NP_COL_STR},  {"priority", "PRIO", NP_COL_U64},
		{"rule", "RULE", NP_COL_STR},	   {"action", "action", NP_COL_STR, NP_COL_JSON_ONLY},
		{"table", "table", NP_COL_U64, NP_COL_JSON_ONLY},
		{"table_name", "table", NP_COL_STR, NP_COL_JSON_ONLY},
	};
	static const int fam[] = {AF_INET, AF_INET6, AF_UNSPEC};
	struct rules_walk w = {ctx, NULL, 0};
	struct fib_rule_hdr *frh;
	struct nlmsghdr *nlh;
	struct np_nl nl;
	int err;

	if ((err = np_nl_open(ctx, &nl)))
		return err;
	w.t = np_table_begin(ctx->out, "rules", NULL, cols, NP_ARRAY_SIZE(cols));
	nlh = np_nl_req(&nl, RTM_GETRULE, NLM_F_DUMP, sizeof(*frh), (void **)&frh);
	frh->family = (unsigned char)(a->v[0].set ? fam[a->v[0].choice] : AF_UNSPEC);
	err = np_nl_dump(ctx, &nl, nlh, rules_cb, &w, "rules");
	np_table_end(w.t);
	np_nl_close(&nl);
	return err;
}

static const char *const fam_choices[] = {"inet", "inet6", NULL};

static const struct np_arg rules_args[] = {
	{NULL, NP_A_ENUM, NULL, "address family (both by default)", fam_choices},
};

const struct np_cmd np_cmd_rules = {
	.name = "rules",
	.summary = "policy routing rules, in the order the kernel tries them",
	.help = "Lists the policy rules (like `ip rule`) for IPv4 and IPv6: priority, selector "
		"and action (lookup TABLE, goto, blackhole, unreachable, prohibit). A lookup walks "
		"them by priority and stops at the first table that holds a match; `route get` "
		"names the rule that chose its answer.",
	.args = rules_args,
	.nargs = NP_ARRAY_SIZE(rules_args),
	.run = rules_run,
	.examples = "rules\nrules inet6",
};
