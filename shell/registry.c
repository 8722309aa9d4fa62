// SPDX-License-Identifier: GPL-2.0-only
/* The command table, in `help` order.  Adding a command: write
 * commands/X.c exporting `const struct np_cmd np_cmd_X`, list it in
 * commands/meson.build and here. */
#include "command.h"

extern const struct np_cmd np_cmd_help, np_cmd_get, np_cmd_facts, np_cmd_netns, np_cmd_sysctl;
extern const struct np_cmd np_cmd_run, np_cmd_diagnose, np_cmd_explain, np_cmd_playbooks,
	np_cmd_show, np_cmd_set, np_cmd_unset;

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
	&np_cmd_sysctl,
	&np_cmd_netns,
	NULL,
};
