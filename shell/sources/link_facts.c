// SPDX-License-Identifier: GPL-2.0-only
/* The link fact family: link[DEV].FIELD from one RTM_GETLINK by name
 * (never a dump), every field of that link at once; sysfs and the peer's
 * namespace only when asked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "link_facts.h"
#include "link_read.h"
#include "netns_peer.h"
#include "validate.h"

#define IFF_UP_ 0x1 /* net/if.h's IFF_UP is an enum in glibc: keep a plain constant */

void np_link_master_name(const struct np_link_info *li, char *buf)
{
	buf[0] = '\0';
	if (li->master && !if_indextoname((unsigned)li->master, buf))
		snprintf(buf, IF_NAMESIZE, "%d", li->master);
}

/* The peer's (or lower device's) name when it is in this namespace: an
 * ifindex of another namespace names nothing here. */
void np_link_peer_name(const struct np_link_info *li, char *buf)
{
	buf[0] = '\0';
	if (li->link && li->link_netnsid < 0 && !if_indextoname((unsigned)li->link, buf))
		buf[0] = '\0';
}

/* link[DEV].peer_netns: "" in this namespace, else a spec -n accepts.
 * Costs a walk of /run/netns (and /proc): only when asked. */
void np_link_publish_peer_netns(struct np_ctx *ctx, const struct np_link_info *li, char *buf,
				size_t len)
{
	buf[0] = '\0';
	if (li->link && li->link_netnsid >= 0)
		np_netns_spec_of_nsid(ctx, li->link_netnsid, buf, len);
	np_fact_setf_str(ctx->facts, buf, "link[%s].peer_netns", li->name);
}

void np_link_publish(struct np_ctx *ctx, const struct np_link_info *li)
{
	struct np_facts *fs = ctx->facts;
	const char *d = li->name;
	char master[IF_NAMESIZE], peer[IF_NAMESIZE];

	np_link_master_name(li, master);
	np_link_peer_name(li, peer);
	np_fact_setf_str(fs, np_link_operstate_name(li->operstate), "link[%s].operstate", d);
	np_fact_setf_int(fs, (li->flags & IFF_UP_) ? 1 : 0, "link[%s].admin_up", d);
	np_fact_setf_int(fs, li->carrier, "link[%s].carrier", d);
	np_fact_setf_int(fs, li->mtu, "link[%s].mtu", d);
	np_fact_setf_int(fs, li->ifindex, "link[%s].ifindex", d);
	np_fact_setf_str(fs, li->kind, "link[%s].kind", d);
	np_fact_setf_str(fs, master, "link[%s].master", d);
	np_fact_setf_str(fs, np_link_xdp_name(li->xdp_mode), "link[%s].xdp", d);
	np_fact_setf_int(fs, li->xdp_prog_id, "link[%s].xdp_prog_id", d);
	np_fact_setf_int(fs, li->rx_queues, "link[%s].rx_queues", d);
	np_fact_setf_int(fs, li->tx_queues, "link[%s].tx_queues", d);
	np_fact_setf_int(fs, li->link, "link[%s].peer_ifindex", d);
	np_fact_setf_int(fs, li->link_netnsid, "link[%s].peer_netnsid", d);
	np_fact_setf_str(fs, peer, "link[%s].peer", d);
	for (size_t i = 0; i < np_link_nstats; i++)
		np_fact_setf_int(fs, (int64_t)np_link_stat_value(&li->st, i), "link[%s].%s", d,
				 np_link_stats[i].name);
}

static int publish_cb(const struct np_link_info *li, void *arg)
{
	np_link_publish(arg, li);
	return 0;
}

static int link_fetch(struct np_ctx *ctx, const struct np_factkey *key)
{
	const char *dev = np_factkey_arg(key, 0);
	struct np_link_info li;
	int err;

	/* `facts link` names the whole family: the one case for a dump. */
	if (!key->seg[0].has_arg)
		return np_link_query(ctx, NULL, publish_cb, ctx);
	err = np_link_get(ctx, dev, &li);
	if (err)
		return err;
	np_link_publish(ctx, &li);
	if (key->nseg > 1 && !strcmp(np_factkey_name(key, 1), "peer_netns")) {
		char spec[300];
		np_link_publish_peer_netns(ctx, &li, spec, sizeof(spec));
	}
	/* sysfs only when asked: rps_queues costs a directory walk. */
	if (key->nseg > 1 && !strcmp(np_factkey_name(key, 1), "rps_queues")) {
		struct np_queue_row *rows = NULL;
		int rps = 0, n = np_link_queues(dev, &rows, &rps);
		free(rows);
		if (n < 0)
			return n;
		np_fact_setf_int(ctx->facts, rps, "link[%s].rps_queues", dev);
	}
	return 0;
}

static int link_canon(struct np_factkey *key, char *why, size_t len)
{
	const char *dev = np_factkey_arg(key, 0), *field = np_factkey_name(key, 1);
	if (!key->seg[0].has_arg || key->nseg > 2 || (key->nseg == 2 && key->seg[1].has_arg)) {
		snprintf(why, len, "expected link[DEV].FIELD, e.g. link[eth0].rx_missed_errors");
		return -ENOENT;
	}
	if (dev[0] != '$' && np_validate_iface(dev, why, len))
		return -ENOENT;
	if (key->nseg == 2 && field[0] != '$' && !np_link_field_known(field)) {
		snprintf(why, len, "unknown link field '%s' (operstate, mtu, rx_dropped, ...)",
			 field);
		return -ENOENT;
	}
	return 0;
}

static void link_complete(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie)
{
	const char *close = strstr(prefix, "].");
	char buf[NP_FACTKEY_MAX];
	(void)ctx;
	if (strncmp(prefix, "link[", 5))
		return;
	if (!close) {
		/* link[<TAB>: the interfaces, ready for a field. */
		struct if_nameindex *ifs = if_nameindex(), *i;
		for (i = ifs; i && i->if_index; i++) {
			snprintf(buf, sizeof(buf), "link[%s].", i->if_name);
			if (!strncmp(buf, prefix, strlen(prefix)))
				add(cookie, buf);
		}
		if (ifs)
			if_freenameindex(ifs);
		return;
	}
	for (int i = 0; np_link_fields[i]; i++) {
		snprintf(buf, sizeof(buf), "%.*s%s", (int)(close + 2 - prefix), prefix,
			 np_link_fields[i]);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
	for (size_t i = 0; i < np_link_nstats; i++) {
		snprintf(buf, sizeof(buf), "%.*s%s", (int)(close + 2 - prefix), prefix,
			 np_link_stats[i].name);
		if (!strncmp(buf, prefix, strlen(prefix)))
			add(cookie, buf);
	}
}

const struct np_fact_family np_family_link = {
    .ns = "link",
    .pattern = "link[DEV].FIELD",
    .describe = "link state, MTU, kind, XDP, queues and every rtnl_link_stats64 counter",
    .canon = link_canon,
    .fetch = link_fetch,
    .complete = link_complete,
};
