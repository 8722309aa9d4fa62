// SPDX-License-Identifier: GPL-2.0-only
#include <stdbool.h>
#include <string.h>

#include "plural.h"

#define WORDS_BACK 5

/* The count that governs the "(s)" at s[at]: the nearest word before it
 * that is a whole number (at most WORDS_BACK words, same clause).
 * -1 for none, 1 for "1", 2 for any other number. */
static int count_before(const char *s, size_t at)
{
	static const char clause[] = ":;,()[]";
	size_t i = at;
	for (int words = 0; words <= WORDS_BACK; words++) {
		size_t end;
		bool digits = true;
		while (i > 0 && s[i - 1] == ' ')
			i--;
		/* A clause ends at punctuation: its count does not carry over. */
		if (i == 0 || strchr(clause, s[i - 1]))
			return -1;
		end = i;
		while (i > 0 && s[i - 1] != ' ' && !strchr(clause, s[i - 1]))
			i--;
		for (size_t k = i; k < end; k++)
			digits &= s[k] >= '0' && s[k] <= '9';
		if (digits)
			return end - i == 1 && s[i] == '1' ? 1 : 2;
	}
	return -1;
}

void np_plural(char *s)
{
	char *p = s;
	while ((p = strstr(p, "(s)"))) {
		int n = p > s && p[-1] != ' ' ? count_before(s, (size_t)(p - s)) : -1;
		if (n < 0) {
			p += 3;
			continue;
		}
		if (n == 1) {
			memmove(p, p + 3, strlen(p + 3) + 1);
		} else {
			*p = 's';
			memmove(p + 1, p + 3, strlen(p + 3) + 1);
			p++;
		}
	}
}

const char *np_plural_s(double n)
{
	return n == 1 ? "" : "s";
}
