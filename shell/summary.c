// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "np.h"
#include "plural.h"
#include "summary.h"
#include "xalloc.h"

struct result {
	char *command;
	int status;
};

struct np_summary {
	enum np_out_summary mode;
	char *command, *subject, *text;
	char *table; /* the first table's key */
	size_t rows, ntables;
	struct result *res;
	size_t nres;
};

struct np_summary *np_summary_new(enum np_out_summary mode)
{
	struct np_summary *s = np_xcalloc(1, sizeof(*s));
	s->mode = mode;
	return s;
}

static void clear(struct np_summary *s)
{
	free(s->command);
	free(s->subject);
	free(s->text);
	free(s->table);
	s->command = s->subject = s->text = s->table = NULL;
	s->rows = s->ntables = 0;
}

enum np_out_summary np_summary_mode(const struct np_summary *s)
{
	return s->mode;
}

void np_summary_free(struct np_summary *s)
{
	if (!s)
		return;
	clear(s);
	for (size_t i = 0; i < s->nres; i++)
		free(s->res[i].command);
	free(s->res);
	free(s);
}

void np_summary_begin(struct np_summary *s, const char *command)
{
	clear(s);
	s->command = np_xstrdup(command ? command : "");
}

void np_summary_headline(struct np_summary *s, const char *subject, const char *text)
{
	free(s->subject);
	free(s->text);
	s->subject = subject ? np_xstrdup(subject) : NULL;
	s->text = np_xstrdup(text);
	np_plural(s->text); /* "1 RST(s) sent" reads "1 RST sent" */
}

void np_summary_table(struct np_summary *s, const char *key)
{
	if (s->ntables++ == 0)
		s->table = np_xstrdup(key ? key : "rows");
}

void np_summary_row(struct np_summary *s)
{
	if (s->ntables == 1)
		s->rows++;
}

static const char *upper_word(int status)
{
	switch (status) {
	case NP_OK:
		return "OK";
	case NP_WARN:
		return "WARN";
	case NP_CRIT:
		return "CRIT";
	case NP_EXIT_USAGE:
		return "USAGE";
	default:
		return "UNKNOWN";
	}
}

void np_summary_line(char *buf, size_t len, int status, const char *subject, const char *text)
{
	snprintf(buf, len, "%s %s: %s", upper_word(status), subject, text);
	/* One line: whatever the text held, a newline would split it. */
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

void np_summary_count(char *buf, size_t len, size_t n, const char *plural)
{
	size_t l = strlen(plural);
	/* "1 socket", "1 entry", "3 sockets" */
	if (n == 1 && l > 3 && !strcmp(plural + l - 3, "ies"))
		snprintf(buf, len, "1 %.*sy", (int)(l - 3), plural);
	else if (n == 1 && l > 1 && plural[l - 1] == 's')
		snprintf(buf, len, "1 %.*s", (int)(l - 1), plural);
	else
		snprintf(buf, len, "%zu %s", n, plural);
}

void np_summary_end(struct np_summary *s, int status, const char *error, FILE *f)
{
	char text[512], line[1024];
	if (s->mode == NP_SUM_METRICS) {
		s->res = np_xreallocarray(s->res, s->nres + 1, sizeof(*s->res));
		s->res[s->nres++] = (struct result){np_xstrdup(s->command), status};
		return;
	}
	if (error && *error)
		snprintf(text, sizeof(text), "%s", error);
	else if (s->text)
		snprintf(text, sizeof(text), "%s", s->text);
	else if (s->table)
		/* No headline: the size of what it listed. */
		np_summary_count(text, sizeof(text), s->rows, s->table);
	else
		snprintf(text, sizeof(text), "done");
	np_summary_line(line, sizeof(line), status,
			s->subject    ? s->subject
			: *s->command ? s->command
				      : "netpath",
			text);
	fprintf(f, "%s\n", line);
	fflush(f);
}

void np_summary_each(const struct np_summary *s,
		     void (*cb)(const char *command, int status, void *arg), void *arg)
{
	for (size_t i = 0; s && i < s->nres; i++)
		cb(s->res[i].command, s->res[i].status, arg);
}
