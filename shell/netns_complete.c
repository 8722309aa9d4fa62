// SPDX-License-Identifier: GPL-2.0-only
/* Tab completion of a namespace spec (netns.h).  Cheap by design: a
 * container CLI is asked only once its prefix is typed, with a one-second
 * bound; pids are one per namespace, not every process of the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netns.h"
#include "netns_scan.h"
#include "netns_tool.h"
#include "xalloc.h"

static void maybe(np_complete_fn add, void *cookie, const char *word, const char *cand)
{
	if (!strncmp(cand, word, strlen(word)))
		add(cookie, cand);
}

/* The lowest pid of every namespace other than this one. */
static void complete_pids(const char *word, np_complete_fn add, void *cookie)
{
	struct np_netns_list l;
	char cand[32];

	if (np_netns_scan(&l, NP_SCAN_PROCS))
		return;
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].current || !l.v[i].nprocs)
			continue;
		snprintf(cand, sizeof(cand), "pid:%d", l.v[i].procs[0].pid);
		maybe(add, cookie, word, cand);
	}
	np_netns_list_free(&l);
}

/* Running containers, one name (docker, podman) or ID (crictl) a line. */
static void complete_containers(const char *tool, const char *word, np_complete_fn add,
				void *cookie)
{
	char *names[] = {(char *)tool, "ps", "--format", "{{.Names}}", NULL};
	char *ids[] = {(char *)tool, "ps", "-q", NULL};
	struct np_tool_result *r = np_xmalloc(sizeof(*r));
	char cand[320], *save = NULL;

	if (!np_tool_run(strcmp(tool, "crictl") ? names : ids, NP_TOOL_COMPLETE_TIMEOUT_MS, r) &&
	    r->status == 0) {
		for (char *l = strtok_r(r->out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			snprintf(cand, sizeof(cand), "%s:%.256s", tool, l);
			maybe(add, cookie, word, cand);
		}
	}
	free(r);
}

void np_netns_complete(const char *word, np_complete_fn add, void *cookie)
{
	static const char *const tools[] = {"docker", "podman", "crictl"};
	struct np_netns_list l;

	if (!strncmp(word, "pid:", 4)) {
		complete_pids(word, add, cookie);
		return;
	}
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		size_t n = strlen(tools[i]);
		if (!strncmp(word, tools[i], n) && word[n] == ':') {
			if (np_tool_present(tools[i]))
				complete_containers(tools[i], word, add, cookie);
			return;
		}
	}
	if (!np_netns_scan(&l, 0)) {
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].name[0])
				maybe(add, cookie, word, l.v[i].name);
		np_netns_list_free(&l);
	}
	maybe(add, cookie, word, "pid:");
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		char kw[16];
		snprintf(kw, sizeof(kw), "%s:", tools[i]);
		if (!strncmp(kw, word, strlen(word)) && np_tool_present(tools[i]))
			add(cookie, kw);
	}
}
