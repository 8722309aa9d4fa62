/* SPDX-License-Identifier: GPL-2.0-only */
/* The emitter's summary modes (--brief, --metrics; output.h): what each
 * command comes to in one line, and the list of commands run with their
 * exit status.  The functions are private to shell/output.c; output.h
 * shares the mode. */
#ifndef NP_SUMMARY_H
#define NP_SUMMARY_H

#include <stdio.h>

/* Summaries instead of the normal output (np_out_summary in output.h). */
enum np_out_summary { NP_SUM_NONE, NP_SUM_BRIEF, NP_SUM_METRICS };

struct np_summary;

struct np_summary *np_summary_new(enum np_out_summary mode);
enum np_out_summary np_summary_mode(const struct np_summary *s);
void np_summary_free(struct np_summary *s);
/* Around each command. */
void np_summary_begin(struct np_summary *s, const char *command);
/* The command's own line (subject NULL: the command's name). */
void np_summary_headline(struct np_summary *s, const char *subject, const char *text);
/* A table started (key) / a row of it: the first table's rows are the
 * count a command without a headline is summed up by. */
void np_summary_table(struct np_summary *s, const char *key);
void np_summary_row(struct np_summary *s);
/* The command ended: --brief writes its line to f. */
void np_summary_end(struct np_summary *s, int status, const char *error, FILE *f);
void np_summary_each(const struct np_summary *s,
		     void (*cb)(const char *command, int status, void *arg), void *arg);

/* "3 sockets", "1 socket", "1 entry" (pure). */
void np_summary_count(char *buf, size_t len, size_t n, const char *plural);
/* "CRIT netfilter: NETFILTER_DROP 197 pkts/2s" from its parts (pure). */
void np_summary_line(char *buf, size_t len, int status, const char *subject, const char *text);

#endif
