/* SPDX-License-Identifier: GPL-2.0-only */
/* The nftables ruleset as evidence: a snapshot of every family's chains
 * and rules with their counters (libnftnl over nfnetlink, read-only), the
 * difference between two snapshots, and the rule that most likely dropped
 * a flow's packets.
 *
 * Kernel side (nft_ruleset.c): np_nft_snapshot() dumps chains and rules of
 * the namespace netpath is in; np_nft_texts() asks libnftables for the rule
 * text as `nft -a list` prints it.  Everything else (nft_diff.c,
 * nft_pick.c, nft_text.c) is pure and unit-tested on hand-built snapshots.
 *
 * A rule is identified by (family, table, handle): the kernel numbers rule
 * handles per table, and `nft replace rule` keeps the handle. */
#ifndef NP_NFT_H
#define NP_NFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Hooks, family-independent (a path is a set of them). */
enum np_nft_hook {
	NP_NFT_H_INGRESS = 1 << 0,
	NP_NFT_H_PREROUTING = 1 << 1,
	NP_NFT_H_INPUT = 1 << 2,
	NP_NFT_H_FORWARD = 1 << 3,
	NP_NFT_H_OUTPUT = 1 << 4,
	NP_NFT_H_POSTROUTING = 1 << 5,
	NP_NFT_H_EGRESS = 1 << 6,
};
#define NP_NFT_H_ALL 0x7fu

/* The hooks a packet meets on each path, in path order.  netdev ingress
 * and egress are on the path too (they run before IP and after it). */
#define NP_NFT_PATH_RX (NP_NFT_H_INGRESS | NP_NFT_H_PREROUTING | NP_NFT_H_INPUT)
#define NP_NFT_PATH_FORWARD                                                                        \
	(NP_NFT_H_INGRESS | NP_NFT_H_PREROUTING | NP_NFT_H_FORWARD | NP_NFT_H_POSTROUTING |        \
	 NP_NFT_H_EGRESS)
#define NP_NFT_PATH_TX (NP_NFT_H_OUTPUT | NP_NFT_H_POSTROUTING | NP_NFT_H_EGRESS)

enum np_nft_verdict {
	NP_NFT_V_NONE, /* no verdict statement: the packet goes on */
	NP_NFT_V_ACCEPT,
	NP_NFT_V_DROP,
	NP_NFT_V_REJECT,
	NP_NFT_V_QUEUE,
	NP_NFT_V_JUMP,
	NP_NFT_V_GOTO,
	NP_NFT_V_RETURN,
	NP_NFT_V_CONTINUE,
	NP_NFT_V_OTHER, /* stolen, a verdict map, an xtables target ... */
};

struct np_nft_chain {
	uint8_t family; /* NFPROTO_* */
	char *table;
	char *name;
	uint64_t handle;
	bool base;	  /* attached to a hook */
	unsigned hook;	  /* enum np_nft_hook bit of a base chain */
	int32_t prio;	  /* base chain priority (regular: of the chain reaching it) */
	bool policy_drop; /* base chain policy */
	bool has_counter; /* chain counters (iptables-nft: the policy counter) */
	uint64_t packets; /* packets that met the policy */
	uint64_t bytes;
	uint32_t use;	/* references (jumps, gotos, maps) */
	unsigned reach; /* hooks that reach it: computed by np_nft_reach() */
	char *dev;	/* netdev base chain device, or NULL */
};

struct np_nft_rule {
	size_t chain; /* index into the snapshot's chains */
	uint64_t handle;
	enum np_nft_verdict verdict;
	char *target; /* jump/goto chain, or NULL */
	bool has_counter;
	uint64_t packets;
	uint64_t bytes;
	char *comment; /* rule userdata comment or iptables' -m comment, or NULL */
	char *text;    /* as nft prints it, without "# handle N"; NULL when unknown */
};

struct np_nft_snap {
	struct np_nft_chain *chains;
	size_t nchains;
	struct np_nft_rule *rules; /* in chain order, then position in the chain */
	size_t nrules;
	size_t *byid; /* rule indexes sorted by (family, table, handle) */
	uint32_t genid;
	double t; /* monotonic seconds when it was taken */
};

/* ---- names (nft_names.c) ---- */
const char *np_nft_family_name(uint8_t family); /* ip ip6 inet arp bridge netdev */
int np_nft_family_from_name(const char *name);	/* NFPROTO_* or -1 */
/* The hook bit of a kernel hook number in a family, 0 if unknown. */
unsigned np_nft_hook_bit(uint8_t family, uint32_t hooknum);
const char *np_nft_hook_name(unsigned bit); /* prerouting ... ; "" for 0 */
/* The first hook of mask in path order (ingress ... egress), 0 if none. */
unsigned np_nft_hook_first(unsigned mask);
const char *np_nft_verdict_name(enum np_nft_verdict v);
/* Hooks of a path by name: rx, forward, tx, any.  0 if unknown. */
unsigned np_nft_path_hooks(const char *path);

/* ---- snapshots (nft_diff.c: pure) ---- */
void np_nft_snap_free(struct np_nft_snap *s);
/* Sort index and hook reachability: call after filling chains and rules.
 * 0 or -ENOMEM. */
int np_nft_snap_finish(struct np_nft_snap *s);
/* Index of a rule by identity, or -1. */
long np_nft_find_rule(const struct np_nft_snap *s, uint8_t family, const char *table,
		      uint64_t handle);
/* A drop or reject rule, or a base chain whose policy drops. */
bool np_nft_rule_drops(const struct np_nft_rule *r);

/* One counter that moved between two snapshots: a rule, or a base
 * chain's policy counter.  idx points into the later snapshot. */
struct np_nft_move {
	bool policy;
	size_t idx;
	uint64_t packets;
	uint64_t bytes;
};

/* Rules and policies whose packet counters moved from a to b, most packets
 * first.  A counter that went backwards (reset, rule replaced) is left out.
 * 0 with *out (free()) and *n, or -ENOMEM. */
int np_nft_diff(const struct np_nft_snap *a, const struct np_nft_snap *b, struct np_nft_move **out,
		size_t *n);

/* ---- the culprit (nft_pick.c: pure) ---- */

struct np_nft_ref {
	bool policy;
	size_t idx;
};

struct np_nft_culprit {
	bool found;
	struct np_nft_ref ref;
	uint64_t packets;	 /* moved in the window (0 for a candidate) */
	bool exact;		 /* counter evidence, not a candidate */
	bool count_match;	 /* moved by exactly the drops the probe saw */
	size_t ncand;		 /* candidates when not exact */
	struct np_nft_ref *cand; /* in path order; free() */
};

/* The rule or policy that dropped `drops` packets (< 0: unknown: the one
 * that moved most) in the hooks of a path.  Counter evidence first: the
 * drop/reject rule or drop policy whose counter moved by the drop count
 * (exactly first, then the closest that explains at least half of it);
 * without it, the drop/reject rules and drop policies of those hooks that
 * have no counter are the candidates and the first in path order is named.
 * drops == 0 names nothing (the flow lost nothing to netfilter).
 * 0, or -ENOMEM. */
int np_nft_pick(const struct np_nft_snap *s, const struct np_nft_move *m, size_t nm, unsigned hooks,
		int64_t drops, struct np_nft_culprit *c);
void np_nft_culprit_free(struct np_nft_culprit *c);
/* Which hook of the path the rule/policy sits in ("" if unknown). */
const char *np_nft_ref_hook(const struct np_nft_snap *s, const struct np_nft_ref *r,
			    unsigned hooks);
const struct np_nft_chain *np_nft_ref_chain(const struct np_nft_snap *s,
					    const struct np_nft_ref *r);

/* ---- text (nft_text.c: pure) ---- */

/* Every rule line of an `nft -a list` listing: family, table, chain, handle
 * and the rule text (no "# handle", no indentation, single spaces outside
 * quotes).  Tolerates anything: a line it cannot place is skipped. */
typedef void (*np_nft_line_cb)(void *arg, const char *family, const char *table, const char *chain,
			       uint64_t handle, const char *text);
void np_nft_listing_parse(const char *buf, size_t len, np_nft_line_cb cb, void *arg);
/* Attach texts of a listing to the snapshot's rules.  Returns how many. */
size_t np_nft_listing_attach(struct np_nft_snap *s, const char *buf, size_t len);
/* The command that adds a counter to a rule or policy without one, as a
 * shell command line: nft 'replace rule inet filter input handle 7 udp
 * dport 5353 counter drop'.  Needs the rule text; "" when it cannot be
 * built.  Advice only: netpath never runs it. */
void np_nft_advice(const struct np_nft_snap *s, const struct np_nft_ref *r, char *buf, size_t len);
/* Can nft(8) take this table or chain name on its command line? */
bool np_nft_name_ok(const char *name);
/* "inet filter input handle 7: udp dport 5353 drop"; a policy is named by
 * its chain's handle: "ip filter INPUT handle 1: policy drop". */
void np_nft_ref_label(const struct np_nft_snap *s, const struct np_nft_ref *r, char *buf,
		      size_t len);

/* ---- kernel (nft_ruleset.c) ---- */
struct np_ctx;
/* Snapshot the ruleset of the current namespace.  0, or -errno with why
 * (-EPERM without CAP_NET_ADMIN; -EPROTONOSUPPORT without nf_tables). */
int np_nft_snapshot(struct np_ctx *ctx, struct np_nft_snap *s, char *why, size_t len);
/* Rule texts from libnftables for the chains holding the given rules
 * (NULL, 0: the whole ruleset).  libnftables prints a whole chain to give
 * one rule (~40 us a rule: 400 ms for 10,000); max_rules > 0 skips the
 * text (-E2BIG, with why) when the chains hold more.  0 or -errno. */
int np_nft_texts(struct np_nft_snap *s, const struct np_nft_ref *refs, size_t n, size_t max_rules,
		 char *why, size_t len);
/* iptables-legacy tables of this namespace ("ip: filter,nat; ip6: filter"),
 * "" when none.  Returns how many. */
int np_nft_legacy(char *buf, size_t len);

#endif
