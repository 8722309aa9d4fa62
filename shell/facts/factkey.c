// SPDX-License-Identifier: GPL-2.0-only
/* Fact key parser: link[eth0].rx_missed_errors and friends. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "facts.h"

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

int np_factkey_parse(const char *s, struct np_factkey *k, char *err, size_t errlen)
{
	size_t i = 0, len = strlen(s);

	memset(k, 0, sizeof(*k));
	if (len == 0) {
		snprintf(err, errlen, "empty fact name");
		return -NP_EUSAGE;
	}
	if (len >= NP_FACTKEY_MAX) {
		snprintf(err, errlen, "fact name longer than %d bytes", NP_FACTKEY_MAX - 1);
		return -NP_EUSAGE;
	}
	for (;;) {
		struct np_factseg *seg;
		size_t n = 0;

		if (k->nseg == NP_FACTKEY_SEGS) {
			snprintf(err, errlen, "col %zu: more than %d parts in a fact name", i + 1,
				 NP_FACTKEY_SEGS);
			return -NP_EUSAGE;
		}
		seg = &k->seg[k->nseg++];
		while (name_char(s[i])) {
			if (n + 1 >= sizeof(seg->name)) {
				snprintf(err, errlen, "col %zu: name part too long", i + 1);
				return -NP_EUSAGE;
			}
			seg->name[n++] = s[i++];
		}
		if (n == 0 && !(s[i] == '[' && k->nseg > 1)) {
			snprintf(err, errlen, "col %zu: expected a name (letters, digits, _ or -), got %s",
				 i + 1, s[i] ? "another character" : "end of text");
			return -NP_EUSAGE;
		}
		if (s[i] == '[') {
			size_t a = 0;
			i++;
			while (s[i] && s[i] != ']') {
				if (a + 1 >= sizeof(seg->arg)) {
					snprintf(err, errlen, "col %zu: bracketed part too long", i + 1);
					return -NP_EUSAGE;
				}
				if ((unsigned char)s[i] < 0x20 || s[i] == '[') {
					snprintf(err, errlen, "col %zu: unexpected character inside [ ]", i + 1);
					return -NP_EUSAGE;
				}
				seg->arg[a++] = s[i++];
			}
			if (s[i] != ']') {
				snprintf(err, errlen, "col %zu: expected ']'", i + 1);
				return -NP_EUSAGE;
			}
			if (a == 0) {
				snprintf(err, errlen, "col %zu: empty [ ]", i + 1);
				return -NP_EUSAGE;
			}
			seg->has_arg = true;
			i++;
		}
		if (s[i] == '\0')
			return 0;
		if (s[i] != '.') {
			snprintf(err, errlen, "col %zu: expected '.', '[' or end of name", i + 1);
			return -NP_EUSAGE;
		}
		i++;
	}
}

void np_factkey_format(const struct np_factkey *k, char *buf, size_t len)
{
	size_t off = 0;
	buf[0] = '\0';
	for (int i = 0; i < k->nseg && off < len; i++) {
		int n = snprintf(buf + off, len - off, "%s%s%s%s%s", i ? "." : "", k->seg[i].name,
				 k->seg[i].has_arg ? "[" : "", k->seg[i].has_arg ? k->seg[i].arg : "",
				 k->seg[i].has_arg ? "]" : "");
		if (n < 0)
			break;
		off += (size_t)n;
	}
}

const char *np_factkey_name(const struct np_factkey *k, int i)
{
	return i < k->nseg ? k->seg[i].name : "";
}

const char *np_factkey_arg(const struct np_factkey *k, int i)
{
	return i < k->nseg && k->seg[i].has_arg ? k->seg[i].arg : "";
}
