/* SPDX-License-Identifier: GPL-2.0-only */
/* Running a container runtime's own CLI (docker, podman, crictl) to learn
 * a container's pid: fork + execvp with an argv (never a shell), stdin
 * from /dev/null, bounded in time and in output size.  netpath never
 * parses a runtime's private files. */
#ifndef NP_NETNS_TOOL_H
#define NP_NETNS_TOOL_H

#include <stdbool.h>
#include <stddef.h>

/* How long a tool may take to answer a resolution and a completion. */
#define NP_TOOL_TIMEOUT_MS	    5000
#define NP_TOOL_COMPLETE_TIMEOUT_MS 1000
/* Output kept from a tool (the rest is read and dropped). */
#define NP_TOOL_OUT_MAX 65536

struct np_tool_result {
	int status;		   /* exit status; -1 when killed by a signal */
	char out[NP_TOOL_OUT_MAX]; /* stdout, NUL-terminated, cut at NP_TOOL_OUT_MAX - 1 */
	size_t outlen;
	char err[256]; /* the first line of stderr */
};

/* argv[0] is found on PATH and executable. */
bool np_tool_present(const char *name);
/* Run argv, wait at most timeout_ms (the child is killed by its pid after
 * that, or on Ctrl-C).  0 when it ran to its exit (r->status says how),
 * -ENOENT when it is not on PATH, -ETIMEDOUT, -EINTR, or another -errno. */
int np_tool_run(char *const argv[], int timeout_ms, struct np_tool_result *r);

#endif
