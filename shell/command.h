/* SPDX-License-Identifier: GPL-2.0-only */
/* Command descriptors and typed arguments.
 *
 * Each commands/X.c exports exactly one `const struct np_cmd np_cmd_X`.
 * Help, the synopsis, tab completion and the man page are all generated
 * from these descriptors.  Arguments are typed (xdp-tools style): the same
 * descriptor parses the token and drives completion. */
#ifndef NP_COMMAND_H
#define NP_COMMAND_H

#include "ctx.h"
#include "facts.h"
#include "validate.h"

enum np_arg_type {
	NP_A_FLAG,     /* keyword alone, no value */
	NP_A_WORD,     /* any token */
	NP_A_UINT,     /* unsigned number */
	NP_A_PORT,     /* 1..65535 */
	NP_A_SECONDS,  /* 3, 2.5, 3s, 500ms */
	NP_A_IFACE,    /* interface name; completes from the namespace's links */
	NP_A_ADDR,     /* IPv4 or IPv6 address */
	NP_A_ENUM,     /* one of choices[] */
	NP_A_FACT,     /* fact key; completes from providers and the store */
	NP_A_PLAYBOOK, /* playbook name; completes from the search path */
	NP_A_NETNS,    /* namespace spec: NAME, pid:PID, /path, docker:NAME (netns_spec.h) */
	NP_A_SYSCTL,   /* net.core.somaxconn; completes from /proc/sys */
	NP_A_COMMAND,  /* a command name */
	NP_A_REST,     /* every remaining token, unparsed (filters, key=value) */
};

#define NP_ARG_REQUIRED 0x1

struct np_arg {
	const char *kw;	  /* keyword ("from", "--interval") or NULL: positional */
	enum np_arg_type type;
	const char *meta; /* placeholder in the synopsis: "DEV", "SECONDS" */
	const char *help; /* one line */
	const char *const *choices; /* NP_A_ENUM: NULL-terminated */
	unsigned flags;
};

struct np_argval {
	bool set;
	const char *str;  /* the token as typed */
	uint64_t u;	  /* NP_A_UINT, NP_A_PORT */
	double secs;	  /* NP_A_SECONDS */
	int choice;	  /* NP_A_ENUM: index into choices */
	struct np_addr addr; /* NP_A_ADDR */
};

#define NP_MAX_ARGS 24

struct np_cmd;

struct np_args {
	const struct np_cmd *cmd;
	struct np_argval v[NP_MAX_ARGS]; /* indexed like cmd->args */
	int nrest;			 /* NP_A_REST tokens */
	char **rest;
};

struct np_cmd {
	const char *name;
	const char *summary; /* one line, for `help` */
	const char *help;    /* paragraphs for `help CMD` and the man page */
	const struct np_arg *args;
	int nargs;
	int (*run)(struct np_ctx *ctx, const struct np_args *a);
	/* Optional completion for NP_A_REST arguments (filters, key=value) and
	 * for a free-form NP_A_WORD positional. */
	void (*complete_rest)(struct np_ctx *ctx, int argc, char **argv, const char *word,
			      np_complete_fn add, void *cookie);
	/* The fact families this command shows (`help`, the man page), by
	 * name (shell/facts/families.c); NULL-terminated, may be NULL.  The
	 * families themselves know no command. */
	const char *const *facts;
	const char *examples; /* optional, one example per line */
	unsigned flags;	      /* NP_CMD_* */
};

/* .facts = NP_FAMILIES("neigh", "neightbl") */
#define NP_FAMILIES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The command draws on the terminal while it runs (a countdown, a live
 * walk, streamed events, clearing the screen): the REPL never holds its
 * output back for the pager.  A | filter still captures it. */
#define NP_CMD_LIVE 0x1

/* Registry (shell/registry.c): NULL-terminated, in `help` order. */
extern const struct np_cmd *const np_commands[];
/* Exact name only (descriptors, tests). */
const struct np_cmd *np_command_find(const char *name);
/* What the user typed: the exact name or a unique prefix (`sock`).  0;
 * -NP_EUSAGE with why when ambiguous (the choices listed); -ENOENT with
 * why when unknown (the closest names by edit distance suggested). */
int np_command_resolve(const char *word, const struct np_cmd **out, char *why, size_t len);

/* Parse argv (argv[0] is the first argument, not the command name).
 * 0 or -NP_EUSAGE with the error and usage already printed. */
int np_args_parse(struct np_ctx *ctx, const struct np_cmd *cmd, int argc, char **argv,
		  struct np_args *out);
/* Parse one value of a given type (used by args, playbooks and filters). */
int np_arg_parse_value(const struct np_arg *arg, const char *tok, struct np_argval *v, char *why,
		       size_t len);
/* One of choices: exact, else a unique prefix.  0 or -NP_EUSAGE with why
 * (ambiguous: the candidates; unknown: every choice). */
int np_enum_resolve(const char *const *choices, const char *tok, int *choice, char *why,
		    size_t len);
/* The keyword argument tok names, exactly or as a unique prefix when tok
 * cannot be the value of positional next_pos instead.  Index, -1 for none,
 * -2 when the prefix is ambiguous. */
int np_arg_keyword(const struct np_cmd *cmd, const char *tok, int next_pos);
/* Index of the first positional at or after from not in used[], or nargs. */
int np_arg_next_positional(const struct np_cmd *cmd, const bool *used, int from);
/* The placeholder of an argument in synopses: its meta, else by type. */
const char *np_arg_meta(const struct np_arg *a);
/* Synopsis generated from the descriptor: "link [DEV] [--interval SECONDS]". */
void np_cmd_synopsis(const struct np_cmd *cmd, char *buf, size_t len);

/* Where the word after argv[0..argc) (the arguments, not the command)
 * goes, replayed with the parser's rules. */
struct np_slot {
	bool used[NP_MAX_ARGS];	 /* arguments already given */
	int value_of;		 /* the argument whose value the word is, or -1 */
	int rest_arg, rest_from; /* an NP_A_REST argument collecting words from
				  * argv[rest_from] on, or -1 */
};
void np_complete_slot(const struct np_cmd *cmd, int argc, char **argv, struct np_slot *s);

/* Completion: candidates for `word` given the tokens before it. */
void np_complete_command_args(struct np_ctx *ctx, const struct np_cmd *cmd, int argc, char **argv,
			      const char *word, np_complete_fn add, void *cookie);
/* The value after a probe-filter keyword, by its type: dev -> interfaces,
 * netns -> namespaces (and current, all), proto -> tcp/udp/icmp, host/
 * src/dst -> the session's addresses, port -> its port.  false when kw
 * takes no value. */
bool np_complete_filter_value(struct np_ctx *ctx, const char *kw, const char *word,
			      np_complete_fn add, void *cookie);
/* Candidates of one type (interfaces, playbooks, facts, ...). */
void np_complete_type(struct np_ctx *ctx, const struct np_arg *arg, const char *word,
		      np_complete_fn add, void *cookie);

/* Dispatch one tokenized command: np_out_begin/end around it; returns
 * the handler's result.  Unknown commands give -NP_EUSAGE. */
int np_dispatch(struct np_ctx *ctx, int argc, char **argv);
/* Tokenize and dispatch a line; empty lines and comments return 0. */
int np_dispatch_line(struct np_ctx *ctx, const char *line);

/* Exit status for one command's result (see DESIGN.md). */
int np_exit_status(const struct np_ctx *ctx, int rc);
/* Worst of two exit statuses: usage > crit > unknown > warn > ok. */
int np_exit_worst(int a, int b);

#endif
