/* SPDX-License-Identifier: GPL-2.0-only */
/* The context passed to every command: output, facts, the network
 * namespace, lazily opened netlink sockets and the session defaults. */
#ifndef NP_CTX_H
#define NP_CTX_H

#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>

#include "facts.h"
#include "netns_spec.h"
#include "np.h"
#include "output.h"
#include "wait.h"

struct mnl_socket;

/* `set dev|port|dst|src|proto|window VALUE` defaults kept across commands. */
struct np_session {
	char dev[IF_NAMESIZE];
	char dst[INET6_ADDRSTRLEN];
	char src[INET6_ADDRSTRLEN];
	char proto[8];
	unsigned port;	/* 0 = unset */
	double window;	/* < 0 = unset */
	bool pager_off; /* `set pager off`: REPL output never paged */
};

struct np_ctx {
	struct np_out *out;
	struct np_facts *facts;
	struct np_session set;
	/* What the prompt shows: "" for PID 1's namespace, else a name,
	 * pid:PID, docker:NAME, inode:N (shell/netns.h). */
	char netns[NP_NETNS_SPEC_MAX];
	char home_netns[NP_NETNS_SPEC_MAX]; /* the label of the starting namespace */
	int home_netns_fd;	/* to come back with `netns -` */
	enum np_health health;	/* a judging command (run, probe) sets this */
	bool interactive;	/* REPL on a terminal: live progress allowed */
	/* Last verdict, kept for `explain` (owned by the playbook engine). */
	void *last_run;
	void (*last_run_free)(void *);

	/* private: use the accessors below */
	struct mnl_socket *mnl_[32];
};

int np_ctx_init(struct np_ctx *ctx, struct np_out *out);
void np_ctx_fini(struct np_ctx *ctx);

/* A bound libmnl socket for bus (NETLINK_SOCK_DIAG, NETLINK_GENERIC,
 * NETLINK_NETFILTER, NETLINK_ROUTE ...), opened on first use. */
struct mnl_socket *np_mnl(struct np_ctx *ctx, int bus);
/* Close the socket of one bus (e.g. after a failed dump left replies
 * queued on it); the next np_mnl() opens a fresh one.  Facts are kept. */
void np_mnl_close(struct np_ctx *ctx, int bus);
/* Close sockets (they belong to a namespace) and forget cached facts. */
void np_ctx_reset(struct np_ctx *ctx);

/* Enter the namespace a spec names (shell/netns_spec.h: NAME, pid:PID,
 * /path, docker:NAME ...; "-" or "" returns to the starting namespace).
 * -NP_EUSAGE for a malformed spec, -errno when it cannot be reached (both
 * reported).  Remounts /sys for the namespace like `ip netns exec`. */
int np_netns_enter(struct np_ctx *ctx, const char *spec);
/* A short visit to another namespace in the middle of a command (the
 * host side of a container's walk): the process enters nsfd, ctx gets a
 * fresh set of netlink sockets (opened there on first use) and the fact
 * store `facts` (the other namespace's values never mix with these), and
 * np_ctx_return puts everything back.  sysfs is not remounted: facts read
 * from /sys during a visit are the home namespace's.  0 or -errno. */
struct np_ctx_visit {
	int back; /* fd of the namespace to return to */
	struct mnl_socket *mnl[32];
	struct np_facts *facts;
};
int np_ctx_visit(struct np_ctx *ctx, int nsfd, struct np_facts *facts, struct np_ctx_visit *v);
void np_ctx_return(struct np_ctx *ctx, struct np_ctx_visit *v);

/* Returns the inode of the current network namespace (for probe filters). */
unsigned long np_netns_inode(void);

#endif
