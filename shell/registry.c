// SPDX-License-Identifier: GPL-2.0-only
/* The command table, in `help` order.  Adding a command: write
 * commands/X.c exporting `const struct np_cmd np_cmd_X`, list it in
 * commands/meson.build and here. */
#include "command.h"

extern const struct np_cmd np_cmd_help, np_cmd_get, np_cmd_facts, np_cmd_netns, np_cmd_sysctl;
extern const struct np_cmd np_cmd_route, np_cmd_routes, np_cmd_rules, np_cmd_neigh, np_cmd_qdisc;

const struct np_cmd *const np_commands[] = {
	&np_cmd_help,
	&np_cmd_get,
	&np_cmd_facts,
	&np_cmd_sysctl,
	&np_cmd_route,
	&np_cmd_routes,
	&np_cmd_rules,
	&np_cmd_neigh,
	&np_cmd_qdisc,
	&np_cmd_netns,
	NULL,
};
