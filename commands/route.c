// SPDX-License-Identifier: GPL-2.0-only
/* route get DST [from SRC] [iif DEV] [oif DEV] [mark N] [proto P]
 * [sport N] [dport N]: the kernel's own FIB lookup, and the route[...]
 * fact family. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "routeget.h"

enum { A_GET, A_DST, A_FROM, A_IIF, A_OIF, A_MARK, A_PROTO, A_SPORT, A_DPORT, A_LOCATE };

static const char *const get_choice[] = {"get", NULL};
static const char *const proto_choices[] = {"tcp", "udp", "icmp", "icmpv6", NULL};

static const struct np_arg route_args[] = {
	[A_GET] = {NULL, NP_A_ENUM, "get", "look up the route for one destination", get_choice,
		   NP_ARG_REQUIRED},
	[A_DST] = {NULL, NP_A_ADDR, "DST", "destination address (IPv4 or IPv6)", NULL,
		   NP_ARG_REQUIRED},
	[A_FROM] = {"from", NP_A_ADDR, "SRC", "source address (with iif: the sender's address)"},
	[A_IIF] = {"iif", NP_A_IFACE, "DEV",
		   "input interface: ask what a packet arriving on DEV meets (forwarding, "
		   "rp_filter, martians)"},
	[A_OIF] = {"oif", NP_A_IFACE, "DEV", "force the output interface"},
	[A_MARK] = {"mark", NP_A_UINT, "N", "firewall mark (policy rules with fwmark)"},
	[A_PROTO] = {"proto", NP_A_ENUM, NULL, "IP protocol (policy rules with ipproto)",
		     proto_choices},
	[A_SPORT] = {"sport", NP_A_PORT, "PORT", "source port (policy rules with sport)"},
	[A_DPORT] = {"dport", NP_A_PORT, "PORT", "destination port (policy rules with dport)"},
	[A_LOCATE] = {"locate", NP_A_FLAG, NULL,
		      "for a blackhole/unreachable/prohibit/throw answer, find the route's table "
		      "and prefix (a kernel-filtered dump: time grows with the FIB)"},
};

static void print_answer(struct np_ctx *ctx, const struct np_route_query *q,
			 const struct np_route_answer *ans)
{
	struct np_out *o = ctx->out;
	char tb[32], eb[16], rule[256];
	bool bad = !ans->delivers;

	np_print_str(o, "destination", "%s", q->dst);
	if (q->src[0])
		np_print_str(o, "from", " from %s", q->src);
	if (q->iif[0])
		np_print_str(o, "iif", " iif %s", q->iif);
	if (q->oif[0])
		np_print_str(o, "oif", " oif %s", q->oif);
	if (q->has_mark)
		np_print_u64(o, "mark", " mark %" PRIu64, q->mark);
	if (q->ipproto)
		np_print_str(o, "proto", " proto %s", np_ipproto_name(q->ipproto));
	if (q->sport)
		np_print_u64(o, "sport", " sport %" PRIu64, q->sport);
	if (q->dport)
		np_print_u64(o, "dport", " dport %" PRIu64, q->dport);
	np_text(o, "\n");
	np_text(o, "  type     ");
	np_text_color(o, bad ? NP_C_RED : NP_C_GREEN, "%s", ans->type);
	np_print_str(o, "type", NULL, ans->type);
	/* Only a failed lookup has an "error" (its errno name): on success
	 * the member would read as a failure to anyone testing for it. */
	if (ans->err)
		np_print_str(o, "error", " (%s)\n", np_errno_name(ans->err, eb, sizeof(eb)));
	else
		np_text(o, "\n");
	np_print_str(o, "reason", "  reason   %s\n", ans->reason ? ans->reason : "");
	if (ans->explain[0])
		np_print_str(o, "explain", "           %s\n", ans->explain);
	if (ans->table) {
		np_print_u64(o, "table", NULL, ans->table);
		np_print_str(o, "table_name", "  table    %s\n",
			     np_rt_table_name(ans->table, tb, sizeof(tb)));
	} else {
		np_print_null(o, "table");
	}
	if (ans->have_rule) {
		np_rule_describe(&ans->rule, rule, sizeof(rule));
		np_open_obj(o, "rule");
		np_print_u64(o, "priority", NULL, ans->rule.prio);
		np_print_str(o, "text", "  rule     %s\n", rule);
		np_close_obj(o);
	} else {
		np_print_null(o, "rule");
		np_text(o, "  rule     %s\n",
			ans->err == ENETUNREACH
				? "none: no rule's table holds a matching route (`locate` looks "
				  "for a throw route)"
			: ans->err ? "unknown (the kernel does not name the table of a rejecting "
				     "route; add `locate` to search for it)"
				   : "-");
	}
	if (ans->prefix[0]) {
		np_print_str(o, "prefix", "  matched  %s", ans->prefix);
		np_print_str(o, "protocol", " proto %s", ans->proto);
		np_print_u64(o, "metric", " metric %" PRIu64, ans->metric);
		if (ans->nexthops > 1)
			np_print_u64(o, "nexthops", " (%" PRIu64 " next hops)", (uint64_t)ans->nexthops);
		np_text(o, "\n");
	}
	if (ans->delivers) {
		np_print_str(o, "gateway", ans->gateway[0] ? "  via      %s\n" : NULL, ans->gateway);
		np_print_str(o, "dev", "  dev      %s\n", ans->dev);
		np_print_str(o, "prefsrc", ans->prefsrc[0] ? "  src      %s\n" : NULL, ans->prefsrc);
		np_print_u64(o, "mtu", ans->mtu ? "  mtu      %" PRIu64 : NULL, ans->mtu);
		np_print_bool(o, "mtu_cached", NULL, ans->mtu_cached);
		if (ans->mtu)
			np_text(o, ans->mtu_cached ? " (cached path MTU)\n" : " (device)\n");
	}
}

static int route_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_route_query q = {0};
	struct np_route_answer ans;
	const struct np_argval *v = a->v;
	char buf[64];
	int err;

	snprintf(q.dst, sizeof(q.dst), "%s", np_addr_str(&v[A_DST].addr, buf, sizeof(buf)));
	if (v[A_FROM].set)
		snprintf(q.src, sizeof(q.src), "%s", np_addr_str(&v[A_FROM].addr, buf, sizeof(buf)));
	if (v[A_IIF].set)
		snprintf(q.iif, sizeof(q.iif), "%s", v[A_IIF].str);
	if (v[A_OIF].set)
		snprintf(q.oif, sizeof(q.oif), "%s", v[A_OIF].str);
	if (v[A_MARK].set) {
		q.mark = (uint32_t)v[A_MARK].u;
		q.has_mark = true;
	}
	if (v[A_PROTO].set)
		q.ipproto = np_ipproto_parse(v[A_PROTO].str);
	q.sport = (uint16_t)v[A_SPORT].u;
	q.dport = (uint16_t)v[A_DPORT].u;
	q.locate = v[A_LOCATE].set;

	err = np_route_lookup(ctx, &q, &ans);
	if (err)
		return err;
	np_route_publish(ctx, &q, NULL, &ans);
	print_answer(ctx, &q, &ans);
	/* A packet that cannot be delivered is a blocking fault (DESIGN:
	 * "no/unreachable/blackhole route, forwarding off"). */
	if (!ans.delivers)
		ctx->health = NP_CRIT;
	return 0;
}

/* ---- route[...] facts ---- */

const struct np_cmd np_cmd_route = {
    .name = "route",
    .summary = "the kernel's own route lookup for one destination (route get)",
    .help = "route get asks the kernel's FIB exactly as a packet would (RTM_GETROUTE, no "
	    "dump, constant time): the route type (unicast, local, broadcast, multicast, "
	    "blackhole, unreachable, prohibit, or noroute when nothing matches), the table "
	    "and the policy rule that chose it, the matching prefix, gateway, output device, "
	    "preferred source and MTU (a cached path MTU when one exists). With iif DEV and "
	    "from SRC it simulates a packet arriving on DEV: forwarding disabled, reverse-path "
	    "filter and martian addresses are told apart (the kernel folds them into one "
	    "errno; netpath checks the sysctls and looks up the reverse route). A packet that "
	    "cannot be delivered is an answer with CRITICAL exit status, not a failure. The "
	    "kernel does not say which table held a rejecting route: `locate` finds its table, "
	    "prefix and rule with a kernel-filtered dump (only rejecting routes are sent, but "
	    "the time grows with the FIB). "
	    "Facts: route[DST].type/.error/.dev/.gateway/.table/.prefsrc/.mtu/.reason, and "
	    "route[DST,from=SRC,iif=DEV].* for the input path.",
    .args = route_args,
    .nargs = NP_ARRAY_SIZE(route_args),
    .run = route_run,
    .facts = NP_FAMILIES("route"),
    .examples = "route get 10.0.0.2\nroute get 2001:db8::1\n"
		"route get 10.2.0.1 from 10.1.0.1 iif eth0\n"
		"route get 10.0.0.2 mark 7 proto tcp dport 443\nroute get 10.99.1.5 locate",
};
