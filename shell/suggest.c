// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "suggest.h"

#define MAXW 64

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

int np_edit_distance(const char *a, const char *b)
{
	int la = (int)strnlen(a, MAXW), lb = (int)strnlen(b, MAXW);
	int d[MAXW + 1][MAXW + 1];

	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb];
}

int np_suggest(const char *word, const char *const *names, int nnames, int *out, int max)
{
	size_t wl = strlen(word);
	int limit = wl <= 4 ? 1 : wl <= 8 ? 2 : 3, n = 0;
	int dist[256];

	if (nnames > (int)(sizeof(dist) / sizeof(dist[0])))
		nnames = (int)(sizeof(dist) / sizeof(dist[0]));
	for (int i = 0; i < nnames; i++)
		dist[i] = np_edit_distance(word, names[i]);
	/* Stable selection: smallest distance first, ties in names order. */
	for (int d = 0; d <= limit && n < max; d++)
		for (int i = 0; i < nnames && n < max; i++)
			if (dist[i] == d)
				out[n++] = i;
	return n;
}

void np_suggest_text(const char *const *names, const int *idx, int n, char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	for (int i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s`%s`",
				      i == 0	   ? ""
				      : i == n - 1 ? " or "
						   : ", ",
				      names[idx[i]]);
}
