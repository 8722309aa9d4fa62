/* SPDX-License-Identifier: GPL-2.0-only */
/* Output filters after a command, vtysh style:
 *
 *     routes all | include eth0|eth1 | exclude proto kernel | count
 *
 * A stage starts at a '|' that is outside quotes and follows a blank (or
 * starts the line), so a regular expression keeps its own alternation
 * (eth0|eth1).  include RE / exclude RE keep or drop the lines matching
 * the POSIX extended regular expression RE (the rest of the stage; quote
 * it to keep blanks or a " | " in it); count prints how many lines are
 * left and must come last.  Names may be abbreviated (inc, ex, c).  Colour
 * escapes are ignored when matching.  Text output only: JSON has jq.
 * Pure: parsing and filtering, no I/O beyond the FILE given. */
#ifndef NP_PIPEFILTER_H
#define NP_PIPEFILTER_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define NP_PIPE_MAX_STAGES 8

enum np_pipe_kind { NP_PIPE_INCLUDE, NP_PIPE_EXCLUDE, NP_PIPE_COUNT };

struct np_pipe {
	struct {
		enum np_pipe_kind kind;
		regex_t re;
	} st[NP_PIPE_MAX_STAGES];
	int n;
};

/* Offset of the '|' that starts the first stage, or -1 for none. */
long np_pipe_find(const char *line);

/* Parse the text after that '|' (e.g. "include eth0 | count").  0, or
 * -NP_EUSAGE with why; p needs np_pipe_free only after success. */
int np_pipe_parse(const char *spec, struct np_pipe *p, char *why, size_t len);
void np_pipe_free(struct np_pipe *p);

/* Filter n bytes of text through the stages, writing the result to out. */
void np_pipe_apply(const struct np_pipe *p, const char *text, size_t n, FILE *out);

#endif
