// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "np.h"
#include "pipefilter.h"
#include "tokenize.h"
#include "xalloc.h"

/* Walk line the way the tokenizer reads quotes and backslashes; return
 * the offset of the first stage separator at or after from, or -1. */
static long next_bar(const char *line, size_t from)
{
	char quote = 0;
	bool blank = true; /* the previous character was an unescaped blank */
	for (size_t i = from; line[i]; i++) {
		char c = line[i];
		bool was_blank = blank;
		blank = false;
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"' && line[i + 1])
				i++;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '\\' && line[i + 1]) {
			i++;
		} else if (c == ' ' || c == '\t') {
			blank = true;
		} else if (c == '#' && was_blank) {
			return -1; /* a comment: nothing after it counts */
		} else if (c == '|' && was_blank) {
			return (long)i;
		}
	}
	return -1;
}

long np_pipe_find(const char *line)
{
	return next_bar(line, 0);
}

static int stage_kind(const char *w, enum np_pipe_kind *k, char *why, size_t len)
{
	static const char *const names[] = {"include", "exclude", "count"};
	size_t n = strlen(w);
	int found = -1, nfound = 0;
	for (int i = 0; i < 3; i++)
		if (n && !strncmp(names[i], w, n) && nfound++ == 0)
			found = i;
	if (nfound != 1) {
		snprintf(why, len, "'| %.32s': filters are include RE, exclude RE and count", w);
		return -NP_EUSAGE;
	}
	*k = (enum np_pipe_kind)found;
	return 0;
}

/* Most copies of subexpressions a filter's RE may expand to. */
#define RE_MAX_COST 4096

static unsigned long sat_mul(unsigned long a, unsigned long b)
{
	return a && b > RE_MAX_COST * 2UL / a ? RE_MAX_COST * 2UL : a * b;
}

/* A conservative size of what regcomp builds.  glibc copies a repeated
 * subexpression per repetition ('+' is x x*, {m,n} is n copies), so a
 * repetition of a repetition multiplies: `a++++...` or `((a+)+)+...`
 * would take gigabytes (found by fuzz_pipefilter).  Atoms cost 1, a group
 * the sum of its contents, a quantifier multiplies its atom. */
static unsigned long re_cost(const char *re)
{
	unsigned long sum[32] = {0}, last[32] = {0};
	bool after_repeat = false;
	int depth = 0;

	for (const char *p = re; *p; p++) {
		unsigned long atom = 1, factor = 0;
		switch (*p) {
		case '\\':
			if (p[1])
				p++;
			break;
		case '[': /* a bracket expression is one atom: skip to its end */
			p += p[1] == '^' ? 2 : 1;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (!*p)
				return RE_MAX_COST + 1;
			break;
		case '(':
			if (++depth == 32)
				return RE_MAX_COST + 1;
			sum[depth] = last[depth] = 0;
			after_repeat = false;
			continue;
		case ')':
			if (depth == 0)
				break;
			atom = sum[depth] ? sum[depth] : 1;
			depth--;
			break;
		case '*':
		case '+':
		case '?':
			factor = 2;
			break;
		case '{': {
			unsigned long m = strtoul(p + 1, NULL, 10), n = m;
			const char *c = strchr(p, ','), *e = strchr(p, '}');
			if (c && e && c < e && c[1] != '}')
				n = strtoul(c + 1, NULL, 10);
			factor = (m > n ? m : n) + 1;
			p = e ? e : p + strlen(p) - 1;
			break;
		}
		default:
			break;
		}
		/* A repetition of a repetition ("a++", "a*{3}"): undefined in
		 * POSIX, and glibc's epsilon closure of a run of them takes
		 * minutes (the fuzzer found 29 of them in one 88-byte line). */
		if (factor && after_repeat)
			return RE_MAX_COST + 1;
		after_repeat = factor != 0;
		if (factor) { /* the last atom repeated: its copies replace it */
			unsigned long grown = sat_mul(last[depth] ? last[depth] : 1, factor);
			sum[depth] = sum[depth] - last[depth] + grown;
			last[depth] = grown;
		} else {
			sum[depth] += atom;
			last[depth] = atom;
		}
		if (sum[depth] > RE_MAX_COST)
			return RE_MAX_COST + 1;
	}
	for (; depth > 0; depth--)
		sum[depth - 1] += sum[depth];
	return sum[0];
}

/* One stage: its words, the regular expression being the rest joined by
 * single blanks (a quoted RE keeps its own). */
static int parse_stage(char *text, struct np_pipe *p, char *why, size_t len)
{
	struct np_tokens t;
	char err[128], re[1024] = "";
	enum np_pipe_kind k;
	int rc = np_tokenize(text, &t, err, sizeof(err));

	if (rc) {
		snprintf(why, len, "after '|': %s", err);
		return -NP_EUSAGE;
	}
	if (t.argc == 0 || stage_kind(t.argv[0], &k, why, len)) {
		if (t.argc == 0)
			snprintf(why, len, "'|' needs a filter: include RE, exclude RE or count");
		np_tokens_free(&t);
		return -NP_EUSAGE;
	}
	for (int i = 1; i < t.argc; i++) {
		size_t o = strlen(re);
		snprintf(re + o, sizeof(re) - o, "%s%s", i > 1 ? " " : "", t.argv[i]);
	}
	np_tokens_free(&t);
	if (k == NP_PIPE_COUNT && re[0]) {
		snprintf(why, len, "'| count' takes nothing after it");
		return -NP_EUSAGE;
	}
	if (k != NP_PIPE_COUNT && !re[0]) {
		snprintf(why, len, "'| %s' needs a regular expression",
			 k == NP_PIPE_INCLUDE ? "include" : "exclude");
		return -NP_EUSAGE;
	}
	if (k != NP_PIPE_COUNT && (strlen(re) > 512 || re_cost(re) > RE_MAX_COST)) {
		snprintf(why, len, "'%.64s': regular expression too large or too deeply repeated",
			 re);
		return -NP_EUSAGE;
	}
	p->st[p->n].kind = k;
	if (k != NP_PIPE_COUNT) {
		int e = regcomp(&p->st[p->n].re, re, REG_EXTENDED | REG_NOSUB);
		if (e) {
			regerror(e, &p->st[p->n].re, err, sizeof(err));
			regfree(&p->st[p->n].re);
			snprintf(why, len, "'%.64s': %s", re, err);
			return -NP_EUSAGE;
		}
	}
	p->n++;
	return 0;
}

int np_pipe_parse(const char *spec, struct np_pipe *p, char *why, size_t len)
{
	char *text = np_xstrdup(spec);
	size_t from = 0;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	for (;;) {
		long bar = next_bar(text, from);
		if (bar >= 0)
			text[bar] = '\0';
		if (p->n == NP_PIPE_MAX_STAGES) {
			snprintf(why, len, "more than %d filters", NP_PIPE_MAX_STAGES);
			rc = -NP_EUSAGE;
		} else if (p->n && p->st[p->n - 1].kind == NP_PIPE_COUNT) {
			snprintf(why, len, "'| count' must be the last filter");
			rc = -NP_EUSAGE;
		} else {
			rc = parse_stage(text + from, p, why, len);
		}
		if (rc || bar < 0)
			break;
		from = (size_t)bar + 1;
	}
	free(text);
	if (rc)
		np_pipe_free(p);
	return rc;
}

void np_pipe_free(struct np_pipe *p)
{
	for (int i = 0; i < p->n; i++)
		if (p->st[i].kind != NP_PIPE_COUNT)
			regfree(&p->st[i].re);
	p->n = 0;
}

/* The line without colour escapes (ESC [ ... letter), for matching. */
static void strip_escapes(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\033' && i + 1 < n && s[i + 1] == '[') {
			i += 2;
			while (i < n &&
			       !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
				i++;
			continue;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
}

void np_pipe_apply(const struct np_pipe *p, const char *text, size_t n, FILE *out)
{
	unsigned long count = 0;
	bool counting = p->n && p->st[p->n - 1].kind == NP_PIPE_COUNT;
	size_t i = 0;
	char *plain = np_xmalloc(n + 1);

	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
		bool keep = true;
		strip_escapes(text + i, len, plain);
		for (int s = 0; s < p->n && keep; s++) {
			if (p->st[s].kind == NP_PIPE_COUNT)
				continue;
			keep = (regexec(&p->st[s].re, plain, 0, NULL, 0) == 0) ==
			       (p->st[s].kind == NP_PIPE_INCLUDE);
		}
		if (keep && counting)
			count++;
		else if (keep)
			fprintf(out, "%.*s\n", (int)len, text + i);
		i += len + 1;
	}
	if (counting)
		fprintf(out, "%lu\n", count);
	free(plain);
}
