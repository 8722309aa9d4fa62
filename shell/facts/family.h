/* SPDX-License-Identifier: GPL-2.0-only */
/* Fact families: everything under one first segment of a key (link,
 * snmp, drops ...).  A family declares, once and as data:
 *
 *   - its key grammar (canon: check a key and rewrite it in its one
 *     spelling, sock[tcp:08080] -> sock[tcp:8080]);
 *   - how it is read (fetch: only what answers the key), or that it is
 *     published by a probe or the engine and never fetched;
 *   - the traits the playbook engine acts on (needs a window, needs
 *     active mode, counts or values, who else moves its counters, what an
 *     absent field of a window fact reads as, and for a probe the details
 *     of a layer's loss the verdict names).
 *
 * The table of every family is shell/facts/families.c; nothing reaches a
 * family through a command. */
#ifndef NP_FAMILY_H
#define NP_FAMILY_H

#include <net/if.h>

#include "facts.h"

struct np_ctx;

/* A probe that runs inside a shared observation window (playbooks,
 * diagnose).  start() loads and attaches (on failure it publishes
 * NS.available = 0 and NS.skip = why); collect() publishes the facts of
 * the window; stop() detaches and frees (called even after an error). */
struct np_window_source {
	const char *name;
	int (*start)(struct np_ctx *ctx, const char *filter, void **state);
	int (*collect)(struct np_ctx *ctx, void *state, double seconds);
	void (*stop)(struct np_ctx *ctx, void *state);
	/* Optional: work collect needs that does not depend on the window
	 * (BTF names), done once the window has begun, while it is waited
	 * for, so a run costs the window and not this too. */
	void (*idle)(struct np_ctx *ctx, void *state);
	/* Optional: work start needs that depends on nothing of the run (the
	 * kernel's BTF), begun in the background before the "before"
	 * snapshot so the two overlap. */
	void (*prepare)(void);
};

/* Who else moves a family's counters: with a flow under diagnosis, a
 * counter every flow moves is context, not the flow's evidence. */
enum np_fact_scope {
	NP_SCOPE_OBJECT, /* one interface, port, address, route: the flow's own */
	NP_SCOPE_NETNS,	 /* every flow of the namespace (snmp.*) */
	NP_SCOPE_HOST,	 /* every flow of the host (softnet.*, neightbl[...]) */
};

/* What a probe saw of the loss at one layer, for the verdict: the
 * kernel's reason and function, the device, the addresses of a sample
 * packet, and whether most of it hit packets this host generated.  Empty
 * strings when not known. */
struct np_layer_detail {
	char reason[64];
	char func[96];
	char dev[IF_NAMESIZE + 8];
	char in[IF_NAMESIZE + 8]; /* where the sample came in ("": generated here) */
	char src[64], dst[64];
	bool local;
};

struct np_fact_family {
	const char *ns;	      /* first segment: "link", "snmp", "drops" ... */
	const char *pattern;  /* for `facts`, help, the man page: "link[DEV].FIELD" */
	const char *describe; /* one line: what these facts are */
	/* The key grammar: 0 when KEY can ever be answered, with KEY
	 * rewritten in place to its canonical spelling; -ENOENT with why
	 * otherwise.  A bracketed argument holding '$' is a playbook
	 * parameter: accepted as written (the engine resolves the key again
	 * once the parameter is substituted).  NULL: every key of the family
	 * is valid as written. */
	int (*canon)(struct np_factkey *key, char *why, size_t len);
	/* Read only what answers KEY (canonical) and publish it; a reader
	 * may publish siblings got by the same syscall.  0, -ENOENT when the
	 * key names nothing here, or -errno.  A family or object without a
	 * field (`facts link[lo]`) asks for everything under it.  NULL: the
	 * family is published by a probe or the engine, never fetched. */
	int (*fetch)(struct np_ctx *ctx, const struct np_factkey *key);
	/* Optional: offer keys starting with prefix (Tab). */
	void (*complete)(struct np_ctx *ctx, const char *prefix, np_complete_fn add, void *cookie);

	/* ---- traits ---- */
	/* The facts exist only after an observation window (probes, active
	 * mode): they are answered from the store, never fetched. */
	bool window;
	/* A family that is read has window facts too: these fields (last
	 * segment names) are published by its probe when a window ends,
	 * never fetched (neigh[ADDR].history).  NULL: none. */
	const char *const *window_fields;
	/* Published by this probe when a window ends (started once per
	 * window, whatever the number of checks reading it). */
	const struct np_window_source *probe;
	/* Published only by a run with active=yes: without it a check on
	 * them is n/a, not blind. */
	bool active;
	/* Window facts that are values (sizes, addresses, names), not
	 * counts over the window: never taken as packets lost. */
	bool values;
	/* Who else moves its counters; with scope_seg, only the keys whose
	 * second segment is scope_seg ("conntrack.stat.*"). */
	enum np_fact_scope scope;
	const char *scope_seg;
	/* Window facts: the fields (last segment names) that are text and
	 * read as "" when the window did not publish them; any other absent
	 * field is a counter that did not move: 0. */
	const char *const *text_fields;
	/* Probe families: the details of the loss at layer l, from what the
	 * window published (the store): true when there are any. */
	bool (*layer_detail)(const struct np_facts *fs, enum np_layer l,
			     struct np_layer_detail *out);
};

/* Family i in listing order (`facts`, help, the man page), NULL past the
 * last (families.c). */
const struct np_fact_family *np_fact_family_at(int i);
/* The family whose first segment is ns (the text up to '.' or '[' of a
 * key will do), or NULL. */
const struct np_fact_family *np_fact_family_find(const char *ns);

/* A key resolved once: its family, its canonical parsed form and text
 * (what the store and the capture files are indexed by). */
struct np_fact_ref {
	const struct np_fact_family *fam;
	struct np_factkey key;
	char text[NP_FACTKEY_MAX * 2];
};

/* Parse TEXT, find its family and run the family's grammar.  0 with ref
 * filled; -NP_EUSAGE with why when TEXT is not a key (ref->fam NULL),
 * -ENOENT when no family has that name (ref->fam NULL) or the family
 * refuses the key (ref->fam set: its pattern is the hint). */
int np_fact_resolve(const char *text, struct np_fact_ref *ref, char *why, size_t len);
/* Exists only after a window (a window family, or one of its family's
 * window fields): answered from the store, never fetched. */
bool np_fact_ref_window(const struct np_fact_ref *ref);
/* Counters every flow of the namespace or the host moves (evidence
 * ranking); np_fact_ref_scope says which of the two. */
bool np_fact_ref_shared(const struct np_fact_ref *ref);
enum np_fact_scope np_fact_ref_scope(const struct np_fact_ref *ref);
/* What an absent window fact reads as: true for text (""), false for a
 * counter (0). */
bool np_fact_ref_text_field(const struct np_fact_ref *ref);

#endif
