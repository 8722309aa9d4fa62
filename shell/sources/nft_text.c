// SPDX-License-Identifier: GPL-2.0-only
/* Rule text: the lines of an `nft -a list` listing placed by family,
 * table, chain and handle; the advice that adds a counter to a rule; the
 * one-line label of a rule or policy.  Pure (the listing comes from
 * libnftables in nft_ruleset.c; tests feed recorded listings). */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nft.h"
#include "xalloc.h"

#define NAME_MAX_LEN 257 /* NFT_NAME_MAXLEN + NUL */

struct lstate {
	char family[16];
	char table[NAME_MAX_LEN];
	char chain[NAME_MAX_LEN];
	bool in_table, in_chain;
};

/* One name token, "quoted" or bare; returns the rest of the line. */
static const char *name_tok(const char *p, char *out, size_t len)
{
	size_t n = 0;
	while (*p == ' ')
		p++;
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++)
			if (n + 1 < len)
				out[n++] = *p;
		if (*p == '"')
			p++;
	} else {
		for (; *p && *p != ' '; p++)
			if (n + 1 < len)
				out[n++] = *p;
	}
	out[n] = '\0';
	return p;
}

/* The handle of a line ending in " # handle N"; 0 when it has none.
 * *cut is where the text before it ends. */
static uint64_t handle_suffix(const char *s, size_t len, size_t *cut)
{
	static const char tag[] = "# handle ";
	size_t e = len, d;
	uint64_t h = 0;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	d = e;
	while (d > 0 && isdigit((unsigned char)s[d - 1]))
		d--;
	if (d == e || e - d > 19 || d < sizeof(tag) - 1 ||
	    memcmp(s + d - (sizeof(tag) - 1), tag, sizeof(tag) - 1))
		return 0;
	for (size_t i = d; i < e; i++)
		h = h * 10 + (uint64_t)(s[i] - '0');
	*cut = d - (sizeof(tag) - 1);
	return h;
}

/* Text with runs of blanks outside quotes made single, trimmed. */
static void squeeze(const char *s, size_t len, char *out, size_t olen)
{
	size_t n = 0;
	bool q = false, blank = false;
	for (size_t i = 0; i < len && n + 2 < olen; i++) {
		char ch = s[i];
		if (!q && (ch == ' ' || ch == '\t')) {
			blank = n > 0;
			continue;
		}
		if (blank)
			out[n++] = ' ';
		blank = false;
		if (ch == '"' && (i == 0 || s[i - 1] != '\\'))
			q = !q;
		out[n++] = ch;
	}
	/* An unbalanced quote kept the blanks after it: trim the end anyway. */
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
}

static void line(struct lstate *st, const char *s, size_t len, np_nft_line_cb cb, void *arg)
{
	char buf[4096], text[4096];
	size_t depth = 0, cut = 0;
	uint64_t h;
	len = strnlen(s, len); /* text ends at a NUL, whatever follows it */
	while (depth < len && s[depth] == '\t')
		depth++;
	if (len - depth >= sizeof(buf))
		return; /* longer than any rule we can name: skipped */
	memcpy(buf, s + depth, len - depth);
	buf[len - depth] = '\0';
	if (!buf[0])
		return; /* nft separates chains with blank lines */
	if (depth == 0) {
		st->in_table = st->in_chain = false;
		if (!strncmp(buf, "table ", 6)) {
			const char *p = name_tok(buf + 6, st->family, sizeof(st->family));
			name_tok(p, st->table, sizeof(st->table));
			st->in_table = *st->family && *st->table;
		}
		return;
	}
	if (depth == 1) {
		st->in_chain = false;
		if (st->in_table && !strncmp(buf, "chain ", 6)) {
			name_tok(buf + 6, st->chain, sizeof(st->chain));
			st->in_chain = *st->chain != '\0';
		}
		return;
	}
	if (depth != 2 || !st->in_chain)
		return;
	h = handle_suffix(buf, len - depth, &cut);
	if (!h)
		return;
	squeeze(buf, cut, text, sizeof(text));
	cb(arg, st->family, st->table, st->chain, h, text);
}

void np_nft_listing_parse(const char *buf, size_t len, np_nft_line_cb cb, void *arg)
{
	struct lstate st = {0};
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - buf) : len;
		line(&st, buf + i, e - i, cb, arg);
		i = e + 1;
	}
}

struct attach {
	struct np_nft_snap *s;
	size_t n;
};

static void attach_cb(void *arg, const char *family, const char *table, const char *chain,
		      uint64_t handle, const char *text)
{
	struct attach *a = arg;
	int f = np_nft_family_from_name(family);
	long r = f < 0 ? -1 : np_nft_find_rule(a->s, (uint8_t)f, table, handle);
	(void)chain;
	if (r < 0 || a->s->rules[r].text)
		return;
	a->s->rules[r].text = np_xstrdup(text);
	a->n += a->s->rules[r].text != NULL;
}

size_t np_nft_listing_attach(struct np_nft_snap *s, const char *buf, size_t len)
{
	struct attach a = {s, 0};
	np_nft_listing_parse(buf, len, attach_cb, &a);
	return a.n;
}

/* Append s to buf for a shell single-quoted word ('\'' for a quote).
 * Returns the new length, or len when it did not all fit (the caller then
 * gives no advice rather than a cut one). */
static size_t sq_append(char *buf, size_t o, size_t len, const char *s, size_t n)
{
	if (o >= len)
		return len;
	for (size_t i = 0; i < n; i++) {
		size_t need = s[i] == '\'' ? 4 : 1;
		if (o + need + 1 >= len)
			return len;
		if (s[i] == '\'') {
			memcpy(buf + o, "'\\''", 4);
			o += 4;
		} else {
			buf[o++] = s[i];
		}
	}
	buf[o] = '\0';
	return o;
}

/* Can nft(8) take this table or chain name on its command line?  It has
 * no quoting for them (1.0.6): letters, digits, _ . / - and no leading
 * digit, slash or dash. */
bool np_nft_name_ok(const char *name)
{
	if (!isalpha((unsigned char)name[0]) && name[0] != '_' && name[0] != '.')
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_-./", *p))
			return false;
	return true;
}

/* Where the verdict statement starts: the last drop/reject word outside
 * quotes (a trailing comment "..." may follow it).  -1 if none. */
static long verdict_pos(const char *t)
{
	long pos = -1;
	bool q = false;
	for (size_t i = 0; t[i]; i++) {
		if (t[i] == '"' && (i == 0 || t[i - 1] != '\\'))
			q = !q;
		if (q || (i > 0 && t[i - 1] != ' '))
			continue;
		if ((!strncmp(t + i, "drop", 4) && (!t[i + 4] || t[i + 4] == ' ')) ||
		    (!strncmp(t + i, "reject", 6) && (!t[i + 6] || t[i + 6] == ' ')))
			pos = (long)i;
	}
	return pos;
}

void np_nft_advice(const struct np_nft_snap *s, const struct np_nft_ref *r, char *buf, size_t len)
{
	const struct np_nft_chain *c = np_nft_ref_chain(s, r);
	const struct np_nft_rule *ru = r->policy ? NULL : &s->rules[r->idx];
	char num[32];
	long vp;
	size_t o;

	if (len)
		buf[0] = '\0';
	if (len < 64 || (ru && (ru->has_counter || !ru->text)) || (!ru && c->has_counter) ||
	    !np_nft_name_ok(c->table) || !np_nft_name_ok(c->name))
		return;
	vp = ru ? verdict_pos(ru->text) : 0;
	if (vp < 0)
		return;
	o = (size_t)snprintf(buf, len, "nft '%s rule %s %s %s ", ru ? "replace" : "add",
			     np_nft_family_name(c->family), c->table, c->name);
	if (o >= len) {
		buf[0] = '\0';
		return;
	}
	if (!ru) {
		/* Appended last, it counts exactly what falls through to the
		 * policy. */
		static const char tail[] = "counter comment \"policy drop\"";
		o = sq_append(buf, o, len, tail, sizeof(tail) - 1);
	} else {
		snprintf(num, sizeof(num), "handle %" PRIu64 " ", ru->handle);
		o = sq_append(buf, o, len, num, strlen(num));
		o = sq_append(buf, o, len, ru->text, (size_t)vp);
		o = sq_append(buf, o, len, "counter ", 8);
		o = sq_append(buf, o, len, ru->text + vp, strlen(ru->text + vp));
	}
	if (o + 2 >= len) {
		buf[0] = '\0'; /* truncated: better no advice than a broken one */
		return;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
}

void np_nft_ref_label(const struct np_nft_snap *s, const struct np_nft_ref *r, char *buf,
		      size_t len)
{
	const struct np_nft_chain *c = np_nft_ref_chain(s, r);
	const char *text = r->policy ? "policy drop" : s->rules[r->idx].text;
	uint64_t h = r->policy ? c->handle : s->rules[r->idx].handle;
	snprintf(buf, len, "%s %s %s handle %" PRIu64 "%s%s", np_nft_family_name(c->family),
		 c->table, c->name, h, text ? ": " : "", text ? text : "");
}
