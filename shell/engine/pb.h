/* SPDX-License-Identifier: GPL-2.0-only */
/* Playbooks: the parsed form of a .playbook file (see doc/PLAYBOOKS.md),
 * the loader (search path, trust checks, include) and the engine that
 * evaluates one or more playbooks over ONE shared observation window.
 *
 * A playbook is declarative: facts, comparisons, messages.  Nothing in it
 * can run a program or write to the kernel. */
#ifndef NP_PB_H
#define NP_PB_H

#include <stdbool.h>
#include <stddef.h>

#include "np.h"

struct np_ctx;

#define PB_MAX_PARAMS	     16
#define PB_MAX_LAYERS	     NP_L__COUNT
#define PB_MAX_INCLUDE_DEPTH 8
#define PB_ERR_LEN	     512
#define PB_ACTIVE_BY_PROTO   100
#define PB_MAX_NEXT	     4

enum pb_ptype {
	PB_T_IFACE,
	PB_T_ADDR,
	PB_T_PORT,
	PB_T_PROTO,
	PB_T_DURATION,
	PB_T_WORD,
	PB_T_BOOL,
	PB_T_VANTAGE, /* client, server, router, host: where this host stands */
};

enum pb_sev { PB_SEV_INFO, PB_SEV_WARN, PB_SEV_CRIT };

/* Where something was written, for error messages and `explain`. */
struct pb_loc {
	const char *file; /* interned by the playbook (pb->files) */
	int line, col;
};

enum pb_vkind {
	PB_V_NUM,   /* 3, 0.5, 2s */
	PB_V_STR,   /* up, "no carrier", a bare word that is not a fact */
	PB_V_PARAM, /* $port used as a value */
	PB_V_FACT,  /* link[$dev].mtu: value now */
	PB_V_DELTA, /* delta FACT: change over the window */
	PB_V_RATE,  /* rate FACT: change per second over the window */
};

struct pb_val {
	enum pb_vkind kind;
	double num;
	double scale;	     /* value * scale (numbers only); 0 = not scaled */
	struct pb_val *plus; /* value + plus (numbers only), or NULL */
	char *text;	     /* string, parameter name, or fact key template */
	struct pb_loc loc;
};

enum pb_ekind { PB_E_AND, PB_E_OR, PB_E_NOT, PB_E_CMP, PB_E_IN, PB_E_TRUTH };
enum pb_op { PB_OP_EQ, PB_OP_NE, PB_OP_LT, PB_OP_LE, PB_OP_GT, PB_OP_GE };

struct pb_expr {
	enum pb_ekind kind;
	enum pb_op op;
	struct pb_expr *l, *r; /* AND/OR/NOT */
	struct pb_val a, b;    /* CMP: a op b; TRUTH: a; IN: a in list */
	struct pb_val *list;
	int nlist;
	struct pb_loc loc;
};

struct pb_check {
	struct pb_expr *cond; /* what must hold on a healthy host */
	struct pb_expr *when; /* static: the check applies only where it holds, or NULL */
	enum pb_sev sev;
	char *msg;     /* finding title; $param substituted */
	char *hint;    /* advice in words; $param substituted */
	char *next[PB_MAX_NEXT]; /* commands to run next, as printed: pasteable */
	int nnext;
	char *reason;  /* kernel drop reason this check stands for, or NULL */
	bool blocking; /* a fault in state that explains loss elsewhere */
	int tcpdump;   /* 0 from the layer table, 1 seen, -1 unseen */
	struct pb_loc loc;
};

struct pb_layer {
	enum np_layer layer;
	char *title;
	struct pb_expr *when; /* static condition, or NULL */
	struct pb_check *checks;
	int nchecks;
	char **notes;
	int nnotes;
	struct pb_loc loc;
};

struct pb_param {
	char *name;
	enum pb_ptype type;
	bool optional;
	char *def; /* default value text, or NULL */
	char *help;
	/* `from` sources tried in order when no value is given: fact key
	 * templates, $param, or "sole-interface" (the only non-loopback
	 * interface of the namespace). */
	char *from[4];
	int nfrom;
};

enum pb_dir { PB_DIR_RX, PB_DIR_TX };

struct pb_playbook {
	char *name;
	char *summary;
	char *path; /* file it was loaded from */
	enum pb_dir dir;
	double window; /* default observation window, seconds */
	int active;    /* what active=yes sends: -1 none, else enum pb_active_kind,
			* PB_ACTIVE_BY_PROTO: by the proto/port parameters */
	struct pb_param params[PB_MAX_PARAMS];
	int nparams;
	struct pb_layer layers[PB_MAX_LAYERS]; /* in path order (first mention) */
	int nlayers;
	char **notes;
	int nnotes;
	char **files; /* interned file names (main file + includes) */
	int nfiles;
};

/* ---- expressions (pb_expr.c) ---- */

const char *pb_op_name(enum pb_op op);
/* The operator written as text ("<="), or -1. */
int pb_op_parse(const char *text);
/* Whether a comparison result (<0, 0, >0) satisfies op. */
bool pb_op_holds(enum pb_op op, int cmp);
/* <, <=, >, >=: numbers only. */
bool pb_op_ordering(enum pb_op op);

/* The one walk over an expression's values (every side, list item and
 * term of a sum): fn returns true to stop, and then so does the walk. */
typedef bool (*pb_val_fn)(const struct pb_val *v, void *arg);
bool pb_expr_any_val(const struct pb_expr *e, pb_val_fn fn, void *arg);
/* Reads delta/rate (needs a window)? */
bool pb_expr_dynamic(const struct pb_expr *e);
/* Does the check read $name (in its condition or `when`; not its text)? */
bool pb_check_reads_param(const struct pb_check *c, const char *name);

/* ---- parser ---- */

/* Resolves `include NAME` to file text.  Returns malloc'ed text and sets
 * *path (malloc'ed), or NULL with a reason in why. */
typedef char *(*pb_include_fn)(void *cookie, const char *from_file, const char *name, char **path,
			       char *why, size_t len);

/* Parse text (named file for messages).  NULL on error with
 * "file:line:col: message" in err.  Fact keys are checked against the
 * registered providers (unknown families and fields are errors). */
struct pb_playbook *pb_parse(const char *file, const char *text, pb_include_fn inc, void *cookie,
			     char *err, size_t errlen);
void pb_free(struct pb_playbook *pb);

const char *pb_ptype_name(enum pb_ptype t);
/* The type a word names, or -1. */
int pb_ptype_parse(const char *word);
const char *pb_sev_name(enum pb_sev s);
/* Validate a parameter value for its type; 0 or -NP_EUSAGE with why. */
int pb_param_validate(enum pb_ptype t, const char *val, char *why, size_t len);
/* The one spelling of a valid value (port 08080 -> 8080, fd00:0::1 ->
 * fd00::1): facts are keyed by it.  0 or -NP_EUSAGE. */
int pb_param_canon(enum pb_ptype t, const char *val, char *buf, size_t len);

/* ---- loader ---- */

/* Trust check of a file about to be read: refuse files or directories
 * writable by group/other or owned by another non-root user.  0, or
 * -EPERM with the reason in why. */
int pb_trust_check(const char *path, char *why, size_t len);
/* Find NAME on the search path; path receives the file.  0 or -ENOENT. */
int pb_find(const char *name, char *path, size_t len);
/* Load (find, trust-check, read, parse) one playbook.  NULL with err. */
struct pb_playbook *pb_load(const char *name, char *err, size_t errlen);
/* Load from an explicit path (tests, fuzzing). */
struct pb_playbook *pb_load_file(const char *path, char *err, size_t errlen);

/* Every playbook name on the search path (first one wins), sorted.
 * cb gets the name and the path of the file that would be used. */
void pb_each(void (*cb)(const char *name, const char *path, void *arg), void *arg);

/* Read a whole (trusted) file: malloc'ed text or NULL with why. */
char *pb_read_file(const char *path, char *why, size_t len);

#endif
