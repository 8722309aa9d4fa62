// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "searchpath.h"
#include "xalloc.h"

#define MAX_DIRS 16

static char dirs[MAX_DIRS][512];
static int ndirs = -1;

static void add_dir(const char *d)
{
	if (ndirs < MAX_DIRS && d && *d)
		snprintf(dirs[ndirs++], sizeof(dirs[0]), "%s", d);
}

static void build(void)
{
	const char *env = getenv("NETPATH_PLAYBOOKS"), *home = getenv("HOME");
	char buf[512];

	ndirs = 0;
	if (env) {
		char *copy = np_xstrdup(env), *save = NULL;
		for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save))
			add_dir(p);
		free(copy);
	}
	add_dir("./playbooks");
	if (home) {
		snprintf(buf, sizeof(buf), "%s/.config/netpath/playbooks", home);
		add_dir(buf);
	}
	add_dir("/etc/netpath/playbooks");
	add_dir(NP_PLAYBOOK_DIR);
	/* Last: the source tree this binary was built from, so a build that
	 * is not installed (tests, CI) finds the built-in playbooks from any
	 * directory.  Trust checks apply as everywhere. */
	add_dir(NP_SOURCE_PLAYBOOK_DIR);
}

const char *np_playbook_dir(int i)
{
	if (ndirs < 0)
		build();
	return i >= 0 && i < ndirs ? dirs[i] : NULL;
}
