// SPDX-License-Identifier: GPL-2.0-only
/* /proc/net/softnet_stat parser. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "softnet_parse.h"

const char *const np_softnet_fields[NP_SOFTNET_NFIELDS] = {
	"processed", "dropped", "time_squeeze", "received_rps", "flow_limit_count",
};

/* 1-based column of each field. */
static const int field_col[NP_SOFTNET_NFIELDS] = {1, 2, 3, 10, 11};

int np_softnet_field(const char *name)
{
	for (int i = 0; i < NP_SOFTNET_NFIELDS; i++)
		if (!strcmp(np_softnet_fields[i], name))
			return i;
	return -1;
}

int np_softnet_parse(const char *text, struct np_softnet_cpu *rows, int max)
{
	int n = 0;
	const char *p = text;
	while (*p && n < max) {
		uint64_t col[16];
		int ncol = 0;
		const char *eol = p + strcspn(p, "\n");
		while (p < eol && ncol < 16) {
			char *end;
			while (p < eol && *p == ' ')
				p++;
			if (p >= eol)
				break;
			col[ncol] = strtoull(p, &end, 16);
			if (end == p || (end < eol && *end != ' '))
				return -EINVAL;
			ncol++;
			p = end;
		}
		if (ncol > 0) {
			if (ncol < 11)
				return -EINVAL;
			for (int i = 0; i < NP_SOFTNET_NFIELDS; i++)
				rows[n].f[i] = col[field_col[i] - 1];
			rows[n].cpu = ncol >= 13 ? (int)col[12] : n;
			n++;
		}
		p = *eol ? eol + 1 : eol;
	}
	return n;
}
