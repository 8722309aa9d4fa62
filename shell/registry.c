// SPDX-License-Identifier: GPL-2.0-only
/* The command table, in `help` order, and finding a command in it by
 * its name or a unique prefix.  Adding a command: write
 * commands/X.c exporting `const struct np_cmd np_cmd_X`, list it in
 * commands/meson.build and here. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "suggest.h"

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

const struct np_cmd *np_command_find(const char *name)
{
	for (int i = 0; np_commands[i]; i++)
		if (!strcmp(np_commands[i]->name, name))
			return np_commands[i];
	return NULL;
}

int np_command_resolve(const char *word, const struct np_cmd **out, char *why, size_t len)
{
	const char *names[64];
	int n = 0, idx[3], ns, nmatch = 0;
	size_t wl = strlen(word), o;

	*out = NULL;
	for (int i = 0; np_commands[i] && n < (int)NP_ARRAY_SIZE(names); i++) {
		names[n++] = np_commands[i]->name;
		if (!strcmp(np_commands[i]->name, word)) {
			*out = np_commands[i];
			return 0;
		}
	}
	for (int i = 0; i < n; i++)
		if (wl && !strncmp(names[i], word, wl) && nmatch++ == 0)
			*out = np_command_find(names[i]);
	if (nmatch == 1)
		return 0;
	*out = NULL;
	if (nmatch > 1) {
		o = (size_t)snprintf(why, len, "'%.64s' is ambiguous:", word);
		for (int i = 0; i < n && o < len; i++)
			if (!strncmp(names[i], word, wl))
				o += (size_t)snprintf(why + o, len - o, " %s", names[i]);
		return -NP_EUSAGE;
	}
	ns = np_suggest(word, names, n, idx, 3);
	o = (size_t)snprintf(why, len, "unknown command '%.64s'", word);
	if (ns && o < len) {
		o += (size_t)snprintf(why + o, len - o, "; did you mean ");
		if (o < len)
			np_suggest_text(names, idx, ns, why + o, len - o);
		if (strlen(why) + 1 < len)
			strcat(why, "?");
	}
	return -ENOENT;
}
