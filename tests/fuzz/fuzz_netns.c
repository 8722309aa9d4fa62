// SPDX-License-Identifier: GPL-2.0-only
/* Namespace specs and the parsers of namespace discovery (shell/
 * netns_spec.c, shell/netns_parse.c): any bytes are accepted or refused
 * with a reason; what is accepted keeps its contract (a spec prints and
 * parses back to itself; a container value can never be an option to the
 * CLI it is handed to; results stay inside their buffers). */
#include <ctype.h>

#include "fuzz.h"
#include "netns_parse.h"
#include "netns_spec.h"
#include "np.h"

static void spec(const char *s)
{
	struct np_netns_spec a, b;
	char why[256] = "", text[NP_NETNS_SPEC_MAX];
	int rc = np_netns_spec_parse(s, &a, why, sizeof(why));

	FUZZ_ASSERT(rc == 0 || rc == -NP_EUSAGE);
	if (rc) {
		FUZZ_ASSERT(why[0]);
		return;
	}
	np_netns_spec_text(&a, text, sizeof(text));
	FUZZ_ASSERT(np_netns_spec_parse(text, &b, why, sizeof(why)) == 0);
	FUZZ_ASSERT(a.kind == b.kind && a.num == b.num && !strcmp(a.value, b.value));
	switch (a.kind) {
	case NP_NS_PID:
		FUZZ_ASSERT(a.num >= 1 && a.num <= NP_PID_MAX);
		break;
	case NP_NS_PATH:
		FUZZ_ASSERT(a.value[0] == '/');
		break;
	case NP_NS_NAME:
	case NP_NS_NUMBER:
		/* Joined to /run/netns/: it must not leave the directory. */
		FUZZ_ASSERT(!strchr(a.value, '/') && strcmp(a.value, "..") && strcmp(a.value, "."));
		break;
	case NP_NS_DOCKER:
	case NP_NS_PODMAN:
	case NP_NS_CRICTL:
		FUZZ_ASSERT(isalnum((unsigned char)a.value[0]));
		for (const char *p = a.value; *p; p++)
			FUZZ_ASSERT(isalnum((unsigned char)*p) || strchr("_.-", *p));
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), buf[80], path[64];
	unsigned long ino = 0, flags = 0;
	long pid = -1;
	int rc;

	spec(s);
	if (np_netns_tool_pid(s, &pid) == 0)
		FUZZ_ASSERT(pid >= 0);
	pid = -1;
	rc = np_netns_crictl_pid((const char *)data, size, &pid);
	FUZZ_ASSERT(rc == 0 || rc == -ENOENT || rc == -EINVAL);
	if (rc == 0)
		FUZZ_ASSERT(pid >= 0);
	if (np_cgroup_container(s, buf, sizeof(buf)))
		FUZZ_ASSERT(buf[0] && strchr(buf, ':') && strlen(buf) < sizeof(buf));
	if (np_mountinfo_netns(s, &ino, path, sizeof(path)))
		FUZZ_ASSERT(ino > 0 && ino <= 0xffffffffUL && strlen(path) < sizeof(path));
	np_proc_stat_flags(s, &flags);
	free(s);
	return 0;
}
