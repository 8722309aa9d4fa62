/* SPDX-License-Identifier: GPL-2.0-only */
/* Fact capture files: what a run read, so it can be replayed without the
 * kernel (golden verdict tests, forensics of a production incident).
 *
 * Format, one fact per line, '#' starts a comment line (or a trailing
 * comment after whitespace):
 *
 *     link[eth0].operstate = up                # a word: string
 *     sysctl[net.core.somaxconn] = "4096"      # quoted: string
 *     conntrack.max = 262144                   # integer
 *     conntrack.fill_pct = 99.8                # number with . or e: double
 *     conntrack.stat.drop = 10 -> 5230         # counter before -> after the window
 *     drops[NETFILTER_DROP] = 1204             # probe facts: the window's result
 *
 * Keys use the fact-key grammar (facts.h) in canonical form: brackets may
 * hold '=', '#' or spaces (route[10.0.0.2,from=10.0.0.1,iif=eth0].type).
 * Quoted strings know \\ \" \n \t \r \xHH.  A key appears once.
 *
 * This file is the pure part (parse, look up, write a value): no kernel,
 * no globals, fuzzed by tests/fuzz/fuzz_replay.c.  shell/facts/factsrc.c uses it
 * for NETPATH_FACTS_REPLAY / NETPATH_FACTS_RECORD. */
#ifndef NP_REPLAY_H
#define NP_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "facts.h"

#define NP_REPLAY_STR_MAX 4096 /* longest string value, bytes */

struct np_rvalue {
	enum np_fact_type type;
	int64_t i;
	double d;
	char *s; /* NP_FACT_STR only */
};

struct np_rentry {
	char *key;		 /* canonical fact key */
	bool delta;		 /* KEY = BEFORE -> AFTER */
	struct np_rvalue before; /* == after when not delta */
	struct np_rvalue after;
	int line;
};

struct np_replay {
	struct np_rentry *e; /* sorted by key */
	size_t n;
};

/* Parse text[0..len) (name is for messages).  0 and *out, or -EINVAL with
 * "name:line:col: what" in err. */
int np_replay_parse(const char *name, const char *text, size_t len, struct np_replay **out,
		    char *err, size_t errlen);
void np_replay_free(struct np_replay *r);
const struct np_rentry *np_replay_find(const struct np_replay *r, const char *key);
/* Index of the first entry whose key is >= prefix (entries with the
 * prefix follow it contiguously). */
size_t np_replay_lower_bound(const struct np_replay *r, const char *prefix);

/* A value in file syntax (strings always quoted, doubles always with a '.'
 * or exponent) so that it parses back to the same type and value. */
void np_replay_format_value(char *buf, size_t len, const struct np_rvalue *v);
/* Value of a fact as a replay value (s points into f: do not free). */
void np_rvalue_from_fact(struct np_rvalue *v, const struct np_fact *f);
/* Publish v under key in the store. */
int np_rvalue_publish(struct np_facts *fs, const char *key, const struct np_rvalue *v);

#endif
