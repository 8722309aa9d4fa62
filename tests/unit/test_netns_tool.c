// SPDX-License-Identifier: GPL-2.0-only
/* The container-CLI runner (shell/netns_tool.c): argv only, output kept
 * within its bound, the first stderr line, the exit status, a hung tool
 * killed at the deadline, an absent tool told apart.  The stand-in tools
 * are sh one-liners started by this test (netpath itself never runs sh). */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "ctx.h"
#include "netns_tool.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct np_tool_result *r = malloc(sizeof(*r));
	char *echo[] = {"sh", "-c", "echo 4242; echo 'Error: no such object' >&2; echo more >&2",
			NULL};
	char *argv_kept[] = {"sh",   "-c", "printf '%s|' \"$@\"", "sh", "a b", "{{.State.Pid}}",
			     "$(x)", NULL};
	char *fail[] = {"sh", "-c", "exit 3", NULL};
	char *flood[] = {"sh", "-c", "yes 0123456789 | head -c 200000", NULL};
	char *hang[] = {"sh", "-c", "exec sleep 5", NULL};
	char *absent[] = {"np-no-such-tool-here", "inspect", NULL};
	double t0;

	if (!r)
		return 1;
	CHECK(np_tool_present("sh"));
	CHECK(!np_tool_present("np-no-such-tool-here"));
	CHECK(!np_tool_present("/bin/sh")); /* names only: found on PATH */

	CHECK(np_tool_run(echo, 2000, r) == 0 && r->status == 0);
	CHECK_STR(r->out, "4242\n");
	CHECK_STR(r->err, "Error: no such object");

	/* Arguments arrive as they are: no shell of netpath's in between. */
	CHECK(np_tool_run(argv_kept, 2000, r) == 0);
	CHECK_STR(r->out, "a b|{{.State.Pid}}|$(x)|");

	CHECK(np_tool_run(fail, 2000, r) == 0 && r->status == 3);

	CHECK(np_tool_run(flood, 5000, r) == 0 && r->status == 0);
	CHECK(r->outlen == NP_TOOL_OUT_MAX - 1 && strlen(r->out) == r->outlen);

	t0 = now();
	CHECK(np_tool_run(hang, 300, r) == -ETIMEDOUT);
	CHECK(now() - t0 < 2.0);

	CHECK(np_tool_run(absent, 2000, r) == -ENOENT);
	free(r);
	return check_done();
}
