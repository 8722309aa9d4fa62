// SPDX-License-Identifier: GPL-2.0-only
/* The route fact family: route[DST[,selectors]].FIELD is the kernel's own
 * lookup (routeget.c: RTM_GETROUTE, no dump) and its diagnosis of a
 * refused input path. */
#include <stdio.h>
#include <string.h>

#include "family.h"
#include "routeget.h"

static int route_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	struct np_route_query q;
	struct np_route_answer ans;
	char why[160];
	int err;
	if (np_route_key_parse(np_factkey_arg(key, 0), &q, why, sizeof(why))) {
		np_error(ctx->out, "e.g. route[10.0.0.2] or route[10.0.0.2,from=10.1.0.1,iif=eth0]",
			 "%s", why);
		return -NP_EUSAGE;
	}
	/* A malformed address is a usage error (64), a vanished device -ENODEV (3). */
	err = np_route_lookup(ctx, &q, &ans);
	if (err)
		return err;
	np_route_publish(ctx, &q, np_factkey_arg(key, 0), &ans); /* the key is canonical */
	return 0;
}

static const char *const route_fields[] = {"type",    "error", "dev",	 "gateway", "table",
					   "prefsrc", "mtu",   "reason", "prefix",  "rule"};

/* The one spelling: addresses as inet_ntop writes them, selectors in the
 * fixed order of np_route_key (route[10.0.0.2,iif=a,from=10.0.0.1] is
 * route[10.0.0.2,from=10.0.0.1,iif=a]). */
static int route_canon(struct np_factkey *key, char *why, size_t len)
{
	struct np_route_query q;
	const char *arg = np_factkey_arg(key, 0);
	if (key->nseg != 2 || !key->seg[0].has_arg) {
		snprintf(why, len, "expected route[DST].FIELD, e.g. route[10.0.0.2].type");
		return -ENOENT;
	}
	if (!strchr(arg, '$')) {
		struct np_addr d, s;
		if (np_route_key_parse(arg, &q, why, len))
			return -ENOENT;
		/* A malformed address can never be answered: a usage error for
		 * `get`, a load-time error for playbooks (not "no such route"). */
		if (np_parse_addr(q.dst, &d, why, len) ||
		    (q.src[0] && np_parse_addr(q.src, &s, why, len)))
			return -ENOENT;
		if (q.src[0] && s.family != d.family) {
			snprintf(why, len, "from=%s is not the same address family as %s", q.src,
				 q.dst);
			return -ENOENT;
		}
		if ((q.iif[0] && np_validate_iface(q.iif, why, len)) ||
		    (q.oif[0] && np_validate_iface(q.oif, why, len)))
			return -ENOENT;
		np_addr_str(&d, q.dst, sizeof(q.dst));
		if (q.src[0])
			np_addr_str(&s, q.src, sizeof(q.src));
		np_route_key(&q, key->seg[0].arg, sizeof(key->seg[0].arg));
	}
	for (size_t i = 0; i < NP_ARRAY_SIZE(route_fields); i++)
		if (!strcmp(np_factkey_name(key, 1), route_fields[i]))
			return 0;
	snprintf(why, len,
		 "route facts are .type .error .dev .gateway .table .prefsrc .mtu .reason "
		 ".prefix .rule");
	return -ENOENT;
}

static void route_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	const char *br = strchr(prefix, ']');
	char buf[300];
	(void)ctx;
	if (strncmp(prefix, "route[", 6) || !br || br[1] != '.')
		return;
	for (size_t i = 0; i < NP_ARRAY_SIZE(route_fields); i++) {
		snprintf(buf, sizeof(buf), "%.*s.%s", (int)(br - prefix + 1), prefix,
			 route_fields[i]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_route = {
    .ns = "route",
    .pattern = "route[DST[,from=SRC,iif=DEV]].FIELD",
    .describe = "the kernel's route lookup: type error dev gateway table prefsrc mtu reason "
		"prefix rule",
    .canon = route_canon,
    .fetch = route_fetch,
    .complete = route_complete,
};
