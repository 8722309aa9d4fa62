// SPDX-License-Identifier: GPL-2.0-only
/* The playbook parser: any bytes either parse into a playbook whose every
 * layer is in the vocabulary and whose checks have a condition and a
 * message, or give an error that starts with "file:line:col: ".  Includes
 * resolve to fixed in-memory fragments (one of them includes itself), so
 * the include path is fuzzed without touching the file system. */
#include <ctype.h>

#include "fuzz.h"
#include "pb.h"
#include "pb_run.h"

static char *inc(void *cookie, const char *from, const char *name, char **path, char *why,
		 size_t len)
{
	static const char *const frags[][2] = {
	    {"base", "layer link \"l\"\n  check link[$dev].carrier == 1 crit \"c\" blocking\n"},
	    {"self", "include self\n"},
	    {"stack", "layer socket\n  check delta snmp.Udp.RcvbufErrors == 0 warn \"r\"\n"},
	};
	(void)cookie;
	(void)from;
	for (size_t i = 0; i < sizeof(frags) / sizeof(frags[0]); i++)
		if (!strcmp(name, frags[i][0])) {
			*path = strdup(frags[i][0]);
			return strdup(frags[i][1]);
		}
	snprintf(why, len, "no fragment %s", name);
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), err[PB_ERR_LEN] = "";
	struct pb_playbook *pb = pb_parse("f.playbook", s, inc, NULL, err, sizeof(err));

	if (pb) {
		char buf[1024];
		FUZZ_ASSERT(pb->name && pb->summary);
		FUZZ_ASSERT(pb->nlayers >= 1 && pb->nlayers <= NP_L__COUNT);
		FUZZ_ASSERT(pb->nparams <= PB_MAX_PARAMS);
		for (int l = 0; l < pb->nlayers; l++) {
			FUZZ_ASSERT(pb->layers[l].layer < NP_L_NONE);
			for (int c = 0; c < pb->layers[l].nchecks; c++) {
				FUZZ_ASSERT(pb->layers[l].checks[c].cond &&
					    pb->layers[l].checks[c].msg);
				/* The printed form (explain, show) never overruns. */
				pb_expr_format(pb->layers[l].checks[c].cond, buf, sizeof(buf));
				FUZZ_ASSERT(strlen(buf) < sizeof(buf));
			}
		}
		pb_free(pb);
	} else {
		/* Every error names file:line:col (of the main file or a fragment). */
		const char *p = strchr(err, ':');
		FUZZ_ASSERT(p && isdigit((unsigned char)p[1]));
		p = strchr(p + 1, ':');
		FUZZ_ASSERT(p && isdigit((unsigned char)p[1]));
	}
	free(s);
	return 0;
}
