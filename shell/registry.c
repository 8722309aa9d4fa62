// SPDX-License-Identifier: GPL-2.0-only
/* The command table, in `help` order.  Adding a command: write
 * commands/X.c exporting `const struct np_cmd np_cmd_X`, list it in
 * commands/meson.build and here. */
#include "command.h"

extern const struct np_cmd np_cmd_help, np_cmd_get, np_cmd_facts, np_cmd_netns, np_cmd_sysctl,
	np_cmd_sockets, np_cmd_conntrack;
extern const struct np_cmd np_cmd_probe;
extern const struct np_cmd np_cmd_why;
extern const struct np_cmd np_cmd_features;
/* link, counters, softnet (one line each: fewer merge conflicts) */
extern const struct np_cmd np_cmd_link;
extern const struct np_cmd np_cmd_counters;
extern const struct np_cmd np_cmd_softnet;
/* ethtool, taps (mnl) */
extern const struct np_cmd np_cmd_ethtool, np_cmd_taps;
/* bridge (bridges, ports, FDB, br_netfilter) */
extern const struct np_cmd np_cmd_bridge;
extern const struct np_cmd np_cmd_route, np_cmd_routes, np_cmd_rules, np_cmd_neigh, np_cmd_qdisc;
/* firewall (nftables rules and counters) */
extern const struct np_cmd np_cmd_firewall;
/* playbooks */
extern const struct np_cmd np_cmd_run, np_cmd_diagnose, np_cmd_explain, np_cmd_playbooks,
	np_cmd_show, np_cmd_set, np_cmd_unset;
/* operator conveniences */
extern const struct np_cmd np_cmd_clear;

const struct np_cmd *const np_commands[] = {
	&np_cmd_help,
	&np_cmd_run,
	&np_cmd_diagnose,
	&np_cmd_explain,
	&np_cmd_playbooks,
	&np_cmd_show,
	&np_cmd_set,
	&np_cmd_unset,
	&np_cmd_get,
	&np_cmd_facts,
	&np_cmd_link,
	&np_cmd_counters,
	&np_cmd_softnet,
	&np_cmd_sysctl,
	&np_cmd_ethtool,
	&np_cmd_sockets,
	&np_cmd_conntrack,
	&np_cmd_firewall,
	&np_cmd_taps,
	&np_cmd_route,
	&np_cmd_routes,
	&np_cmd_rules,
	&np_cmd_neigh,
	&np_cmd_qdisc,
	&np_cmd_bridge,
	&np_cmd_netns,
	&np_cmd_probe,
	&np_cmd_why,
	&np_cmd_features,
	&np_cmd_clear,
	NULL,
};
