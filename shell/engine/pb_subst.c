// SPDX-License-Identifier: GPL-2.0-only
/* Parameter substitution: $name and ${name} in fact keys, messages and
 * hints. */
#include <ctype.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "xalloc.h"

int pb_param_index(const struct pb_playbook *pb, const char *name, size_t len)
{
	for (int i = 0; i < pb->nparams; i++)
		if (strlen(pb->params[i].name) == len && !strncmp(pb->params[i].name, name, len))
			return i;
	return -1;
}

/* Substitute $name/${name}.  false with the missing parameter's name in
 * missing when one is not set. */
bool pb_subst(const struct pb_job *job, const char *in, char *out, size_t len, char *missing,
	      size_t mlen)
{
	size_t o = 0;
	for (const char *s = in; *s;) {
		if (*s == '$') {
			const char *n = s + 1;
			bool brace = *n == '{';
			size_t l = 0;
			if (brace)
				n++;
			while (isalnum((unsigned char)n[l]) || n[l] == '_')
				l++;
			int i = pb_param_index(job->pb, n, l);
			const char *v = i >= 0 ? job->pv[i] : NULL;
			if (!v) {
				if (missing)
					snprintf(missing, mlen, "%.*s", (int)l, n);
				return false;
			}
			for (; *v && o + 1 < len; v++)
				out[o++] = *v;
			s = n + l + (brace && n[l] == '}');
			continue;
		}
		if (o + 1 < len)
			out[o++] = *s;
		s++;
	}
	out[o] = '\0';
	return true;
}

/* Best-effort substitution for messages: unset parameters read "?". */
char *pb_subst_msg(const struct pb_job *job, const char *in)
{
	char buf[1024], miss[64];
	if (!in)
		return NULL;
	if (pb_subst(job, in, buf, sizeof(buf), miss, sizeof(miss)))
		return np_xstrdup(buf);
	/* Replace each unset parameter by its name in angle brackets. */
	size_t o = 0;
	for (const char *s = in; *s && o + 1 < sizeof(buf);) {
		if (*s == '$') {
			const char *n = s + 1;
			bool brace = *n == '{';
			size_t l = 0;
			if (brace)
				n++;
			while (isalnum((unsigned char)n[l]) || n[l] == '_')
				l++;
			int i = pb_param_index(job->pb, n, l);
			char tmp[128];
			snprintf(tmp, sizeof(tmp), "%s",
				 i >= 0 && job->pv[i] ? job->pv[i]
						      : (i >= 0 ? job->pb->params[i].name : "?"));
			if (i >= 0 && !job->pv[i])
				snprintf(tmp, sizeof(tmp), "<%.*s>", (int)l, n);
			for (const char *t = tmp; *t && o + 1 < sizeof(buf); t++)
				buf[o++] = *t;
			s = n + l + (brace && n[l] == '}');
			continue;
		}
		buf[o++] = *s++;
	}
	buf[o] = '\0';
	return np_xstrdup(buf);
}
