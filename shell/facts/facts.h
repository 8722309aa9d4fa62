/* SPDX-License-Identifier: GPL-2.0-only */
/* The fact store: one namespace of values that commands publish and the
 * REPL (`get`, `facts`), -c and playbooks read.
 *
 * Key grammar (doc/DESIGN.md, "Facts"):
 *     key     := segment ( '.' segment )*
 *     segment := name ( '[' arg ']' )?
 *     name    := [A-Za-z0-9_-]+
 *     arg     := any bytes except ']' and NUL (interface names may hold dots)
 * e.g. link[eth0].rx_missed_errors, snmp.TcpExt.ListenOverflows,
 *      sysctl[net.core.somaxconn], drops.layer[socket], softnet[cpu1].dropped
 *
 * The first segment's name selects the family that can answer the key
 * (family.h); reading one is factget.h. */
#ifndef NP_FACTS_H
#define NP_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "np.h"

#define NP_FACTKEY_MAX 256  /* whole key, bytes */
#define NP_FACTKEY_SEGS 6
#define NP_FACTKEY_NAME 64
#define NP_FACTKEY_ARG 128

struct np_factseg {
	char name[NP_FACTKEY_NAME];
	char arg[NP_FACTKEY_ARG];
	bool has_arg;
};

struct np_factkey {
	int nseg;
	struct np_factseg seg[NP_FACTKEY_SEGS];
};

/* Parse a key.  Returns 0, or -NP_EUSAGE with a message in err naming the
 * column (1-based) and what was expected. */
int np_factkey_parse(const char *s, struct np_factkey *k, char *err, size_t errlen);
/* Canonical text of a key (what the store is indexed by). */
void np_factkey_format(const struct np_factkey *k, char *buf, size_t len);
/* Convenience: segment i's name/arg or "" when absent. */
const char *np_factkey_name(const struct np_factkey *k, int i);
const char *np_factkey_arg(const struct np_factkey *k, int i);

/* ---- values ---- */

enum np_fact_type { NP_FACT_INT, NP_FACT_DBL, NP_FACT_STR };

struct np_fact {
	char *key;
	enum np_fact_type type;
	int64_t i;
	double d;
	char *s;
	uint64_t gen; /* when it was last set (np_facts_gen) */
};

struct np_facts;

struct np_facts *np_facts_new(void);
/* A process-wide sequence, advanced by every set in any store: a fact
 * whose gen is above a value taken earlier was set since then. */
uint64_t np_facts_gen(void);
void np_facts_free(struct np_facts *fs);
void np_facts_clear(struct np_facts *fs);
/* Drop every fact whose key starts with prefix (a provider re-reading a
 * table it owns, or a netns switch). */
void np_facts_clear_prefix(struct np_facts *fs, const char *prefix);

int np_fact_set_int(struct np_facts *fs, const char *key, int64_t v);
int np_fact_set_dbl(struct np_facts *fs, const char *key, double v);
int np_fact_set_str(struct np_facts *fs, const char *key, const char *v);
/* printf-style key builders for providers: np_fact_setf_int(fs, v, "link[%s].mtu", dev) */
int np_fact_setf_int(struct np_facts *fs, int64_t v, const char *kfmt, ...) NP_PRINTF(3, 4);
int np_fact_setf_str(struct np_facts *fs, const char *v, const char *kfmt, ...) NP_PRINTF(3, 4);
int np_fact_setf_dbl(struct np_facts *fs, double v, const char *kfmt, ...) NP_PRINTF(3, 4);

const struct np_fact *np_fact_lookup(const struct np_facts *fs, const char *key);
/* Calls cb for each fact whose key starts with prefix ("" = all), in key order. */
void np_facts_each(const struct np_facts *fs, const char *prefix,
		   void (*cb)(const struct np_fact *f, void *arg), void *arg);
size_t np_facts_count(const struct np_facts *fs);

/* Numeric view of a fact (strings that parse as integers count); false if not numeric. */
bool np_fact_number(const struct np_fact *f, double *out);
/* Value as text into buf. */
const char *np_fact_text(const struct np_fact *f, char *buf, size_t len);
/* A fact's value under key in JSON (text: fmt with its text, NULL none):
 * ints and doubles as numbers, strings through np_print_value (a sysctl's
 * "4096" is 4096, "" is null). */
struct np_out;
void np_fact_print(struct np_out *o, const char *key, const char *fmt, const struct np_fact *f);

/* Adds one completion candidate. */
typedef void (*np_complete_fn)(void *cookie, const char *candidate);

#endif
