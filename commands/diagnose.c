// SPDX-License-Identifier: GPL-2.0-only
/* diagnose [dst=ADDR] [src=ADDR] [port=N] [dev=DEV] [proto=P] [window=S]:
 * decide where this host stands in the flow (its vantage), run the
 * playbooks that answer from there in ONE window, one merged verdict.
 *
 *   client  dst is not an address of this namespace: this host sends; port
 *           is the remote port.  tx (with the network layer: what happened
 *           after the packets left), neighbor, mtu, and rx for the replies
 *           (no local-service checks: nothing here has to listen).
 *   server  port is a local service (no dst, or dst is ours): rx, and
 *           tcp-connect/udp by what listens.
 *   router  forwarding is on and neither src nor dst is ours: forward,
 *           mtu (the ICMP going back to the sender), neighbor.
 *   host    nothing given: the receive path of the whole host.
 * softirq and conntrack always: they are shared by every flow. */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "factsrc.h"
#include "factget.h"
#include "netns.h"
#include "netns_peer.h"
#include "pb_run.h"
#include "validate.h"
#include "xalloc.h"

static const struct np_arg diagnose_args[] = {
    {NULL, NP_A_REST, "KEY=VALUE...",
     "dst=ADDR src=ADDR port=N dev=DEV proto=tcp|udp window=S active=yes across=yes|no"},
};

#define MAX_JOBS 10
#define MAX_OVR	 4

enum vantage { V_HOST, V_SERVER, V_CLIENT, V_ROUTER };
static const char *const vantage_names[] = {"host", "server", "client", "router"};

/* What the user asked about (arguments, then `set` defaults). */
struct flow {
	const char *dst, *src, *port, *proto, *dev;
	char portbuf[16];
	enum vantage v;
	char why[256];
};

/* One playbook to run and the parameters diagnose decides for it. */
struct plan {
	const char *name;
	const char *ovr[MAX_OVR]; /* KEY=VALUE that replace the user's */
	char ovrbuf[MAX_OVR][96];
	int novr;
	bool host; /* walked in the namespace across the veth (struct host) */
};

/* The other end of a container's veth: the host namespace the packets go
 * on to, the device they arrive on there, its bridge, and the address
 * they come from. */
struct host {
	int fd; /* -1: no other side */
	char label[NP_NETNS_SPEC_MAX];
	char dev[IF_NAMESIZE + 1], peer[IF_NAMESIZE + 1], master[IF_NAMESIZE + 1];
	char src[64];
};

static const char *key_val(int argc, char **argv, const char *key)
{
	size_t l = strlen(key);
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], key, l) && argv[i][l] == '=')
			return argv[i] + l + 1;
	return NULL;
}

static const char *fact_text(struct np_ctx *ctx, const char *key, char *buf, size_t len)
{
	const struct np_fact *f;
	struct np_fact_miss miss;
	if (np_fact_read(ctx, key, &f, &miss))
		return NULL;
	return np_fact_text(f, buf, len);
}

/* Is ADDR one of this namespace's addresses?  -1 when it cannot be told. */
static int is_local(struct np_ctx *ctx, const char *addr)
{
	char key[128], buf[32];
	const char *t;
	snprintf(key, sizeof(key), "route[%s].type", addr);
	t = fact_text(ctx, key, buf, sizeof(buf));
	return t ? !strcmp(t, "local") : -1;
}

static bool forwarding(struct np_ctx *ctx, const char *addr)
{
	char buf[16];
	const char *t = fact_text(ctx,
				  strchr(addr, ':') ? "sysctl[net.ipv6.conf.all.forwarding]"
						    : "sysctl[net.ipv4.ip_forward]",
				  buf, sizeof(buf));
	return t && !strcmp(t, "1");
}

static void decide(struct np_ctx *ctx, struct flow *f, const char *given)
{
	for (size_t i = 0; given && i < NP_ARRAY_SIZE(vantage_names); i++)
		if (!strcmp(given, vantage_names[i])) {
			f->v = (enum vantage)i;
			snprintf(f->why, sizeof(f->why), "given: vantage=%s", given);
			return;
		}
	if (f->dst && is_local(ctx, f->dst) == 1) {
		f->v = V_SERVER;
		snprintf(f->why, sizeof(f->why), "%s is an address of this namespace%s%s%s", f->dst,
			 f->port ? ": port " : "", f->port ? f->port : "",
			 f->port ? " is a local service" : "");
	} else if (f->dst && f->src && is_local(ctx, f->src) == 0 && forwarding(ctx, f->dst)) {
		f->v = V_ROUTER;
		snprintf(f->why, sizeof(f->why),
			 "forwarding is on and neither %s nor %s is an address of this namespace",
			 f->src, f->dst);
	} else if (f->dst) {
		f->v = V_CLIENT;
		snprintf(f->why, sizeof(f->why),
			 "%s is not an address of this namespace: this host sends%s%s%s", f->dst,
			 f->port ? ", port " : "", f->port ? f->port : "",
			 f->port ? " is the remote port" : "");
	} else if (f->port) {
		f->v = V_SERVER;
		snprintf(f->why, sizeof(f->why), "no dst=: port %s is a local service", f->port);
	} else {
		f->v = V_HOST;
		snprintf(f->why, sizeof(f->why),
			 "no flow given (dst=, port=): the receive path of the whole host");
	}
}

/* A fact read inside the other namespace (a scratch store: its values are
 * read again by the walk). */
static const char *host_fact(struct np_ctx *ctx, const struct host *h, const char *key, char *buf,
			     size_t len)
{
	struct np_facts *scratch = np_facts_new();
	struct np_ctx_visit v;
	const char *t = NULL;
	if (!np_ctx_visit(ctx, h->fd, scratch, &v)) {
		t = fact_text(ctx, key, buf, len);
		np_ctx_return(ctx, &v);
	}
	np_facts_free(scratch);
	return t;
}

/* The route to dst leaves by a veth whose peer lives in another
 * namespace: that is where the walk continues (the host side).  Only from
 * the namespace netpath can enter (it started there, or it is root). */
static bool is_home(const struct np_ctx *ctx, int fd)
{
	struct stat a, b;
	return ctx->home_netns_fd >= 0 && !fstat(fd, &a) && !fstat(ctx->home_netns_fd, &b) &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

static bool find_host(struct np_ctx *ctx, const struct flow *f, bool force, struct host *h)
{
	char key[160], spec[NP_NETNS_SPEC_MAX], buf[64], why[256];
	struct np_netns_spec ns;
	struct np_netns_target t;
	const char *v;
	int nsid, ifindex;

	h->fd = -1;
	snprintf(key, sizeof(key), "route[%s].dev", f->dst);
	if (!(v = fact_text(ctx, key, h->dev, sizeof(h->dev))) || !*v)
		return false;
	snprintf(key, sizeof(key), "link[%s].peer_netns", h->dev);
	if (!(v = fact_text(ctx, key, spec, sizeof(spec))) || !*v || !strncmp(spec, "nsid:", 5))
		return false;
	snprintf(key, sizeof(key), "link[%s].peer_netnsid", h->dev);
	nsid = (v = fact_text(ctx, key, buf, sizeof(buf))) ? atoi(v) : -1;
	snprintf(key, sizeof(key), "link[%s].peer_ifindex", h->dev);
	ifindex = (v = fact_text(ctx, key, buf, sizeof(buf))) ? atoi(v) : 0;
	if (nsid < 0 || ifindex <= 0 ||
	    np_netns_link_name(ctx, nsid, ifindex, h->peer, sizeof(h->peer)) || !h->peer[0])
		return false;
	if (np_netns_spec_parse(spec, &ns, why, sizeof(why)))
		return false;
	np_out_quiet_begin(ctx->out);
	int err = np_netns_resolve(ctx, &ns, &t);
	np_out_quiet_end(ctx->out, NULL, 0);
	if (err)
		return false;
	/* A veth's peer is always on this machine, but test beds (and some
	 * labs) make "hosts" of namespaces joined by veths: cross only into
	 * the namespace netpath was started in — the host of the container it
	 * looks at, where the engineer stands — unless across=yes. */
	if (!force && !is_home(ctx, t.fd)) {
		np_netns_target_close(&t);
		return false;
	}
	h->fd = t.fd; /* kept: the walk enters it (closed in diagnose_run) */
	snprintf(h->label, sizeof(h->label), "%s", t.label[0] ? t.label : spec);
	snprintf(key, sizeof(key), "route[%s].prefsrc", f->dst);
	if (!fact_text(ctx, key, h->src, sizeof(h->src)))
		h->src[0] = '\0';
	snprintf(key, sizeof(key), "link[%s].master", h->peer);
	if (!host_fact(ctx, h, key, h->master, sizeof(h->master)))
		h->master[0] = '\0';
	return true;
}

/* Does anything serve PORT over PROTO (a TCP listener, any UDP socket)?
 * -1 when it cannot be told.  TCP asks for listeners alone: the kernel
 * then skips its walk of every connection (100 ms at 100k). */
static int port_used(struct np_ctx *ctx, const char *proto, const char *port)
{
	char key[64], buf[32];
	const char *t;
	snprintf(key, sizeof(key), "sock[%s:%s].%s", proto, port,
		 strcmp(proto, "tcp") ? "count" : "listen");
	t = fact_text(ctx, key, buf, sizeof(buf));
	return t ? atoi(t) > 0 : -1;
}

static struct plan *add(struct plan *p, int *n, const char *name)
{
	struct plan *q = &p[(*n)++];
	memset(q, 0, sizeof(*q));
	q->name = name;
	return q;
}

static void set_ovr(struct plan *q, const char *key, const char *val)
{
	if (q->novr == MAX_OVR || !val)
		return;
	snprintf(q->ovrbuf[q->novr], sizeof(q->ovrbuf[0]), "%s=%s", key, val);
	q->ovr[q->novr] = q->ovrbuf[q->novr];
	q->novr++;
}

/* The host side of a container's veth: the bridge (when the peer has
 * one), the host forwarding the flow (routing, FORWARD, NAT, conntrack),
 * and the next hop out of the host. */
static int pick_host(const struct flow *f, const struct host *h, struct plan *p, int n)
{
	struct plan *q;
	if (h->master[0]) {
		q = add(p, &n, "bridge");
		q->host = true;
		set_ovr(q, "dev", h->peer);
		set_ovr(q, "br", h->master);
		if (h->src[0])
			set_ovr(q, "src", h->src);
	}
	q = add(p, &n, "forward");
	q->host = true;
	set_ovr(q, "iif", h->master[0] ? h->master : h->peer);
	if (h->src[0])
		set_ovr(q, "src", h->src);
	q = add(p, &n, "neighbor");
	q->host = true;
	(void)f;
	return n;
}

/* Which playbooks answer the question from this vantage. */
static int pick(struct np_ctx *ctx, const struct flow *f, const struct host *h, struct plan *p)
{
	int n = 0;
	struct plan *q;
	switch (f->v) {
	case V_CLIENT:
		add(p, &n, "tx");
		add(p, &n, "neighbor");
		add(p, &n, "mtu");
		/* The replies: the client's own receive path, from dst. */
		q = add(p, &n, "rx");
		set_ovr(q, "vantage", "client");
		set_ovr(q, "src", f->dst);
		if (h && h->fd >= 0)
			n = pick_host(f, h, p, n);
		break;
	case V_ROUTER:
		add(p, &n, "forward");
		add(p, &n, "mtu");
		add(p, &n, "neighbor");
		break;
	case V_SERVER:
		add(p, &n, "rx");
		if (!f->port)
			break;
		if (f->proto) {
			add(p, &n, !strcmp(f->proto, "udp") ? "udp" : "tcp-connect");
		} else {
			/* The protocol somebody listens on; rx alone covers a port
			 * nobody uses. */
			if (port_used(ctx, "tcp", f->port) != 0)
				add(p, &n, "tcp-connect");
			if (port_used(ctx, "udp", f->port) != 0)
				add(p, &n, "udp");
		}
		break;
	case V_HOST:
		add(p, &n, "rx");
		add(p, &n, "forward");
		break;
	}
	add(p, &n, "softirq");
	add(p, &n, "conntrack");
	return n;
}

static bool known_key(const char *arg)
{
	static const char *const known[] = {"dst",    "port",	"dev",	   "proto", "src",
					    "window", "active", "vantage", "across"};
	const char *eq = strchr(arg, '=');
	for (size_t k = 0; eq && k < NP_ARRAY_SIZE(known); k++)
		if ((size_t)(eq - arg) == strlen(known[k]) &&
		    !strncmp(arg, known[k], strlen(known[k])))
			return true;
	return false;
}

static bool takes(const struct pb_playbook *pb, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!strncmp(arg, "window=", 7) || !strncmp(arg, "active=", 7))
		return true;
	for (int i = 0; eq && i < pb->nparams; i++)
		if ((size_t)(eq - arg) == strlen(pb->params[i].name) &&
		    !strncmp(arg, pb->params[i].name, (size_t)(eq - arg)))
			return true;
	return false;
}

static bool overridden(const struct plan *q, const char *arg)
{
	const char *eq = strchr(arg, '=');
	for (int i = 0; eq && i < q->novr; i++)
		if (!strncmp(q->ovr[i], arg, (size_t)(eq - arg) + 1))
			return true;
	return false;
}

/* Load one planned playbook with its parameters.  1 loaded, 0 not
 * relevant here (skipped, why in err), <0 an error that stops diagnose. */
/* The user's flow, as the host side takes it: where it goes, not this
 * namespace's own dev= or src=. */
static bool for_host(const char *arg)
{
	static const char *const keep[] = {"dst=", "port=", "proto=", "window=", "active="};
	for (size_t i = 0; i < NP_ARRAY_SIZE(keep); i++)
		if (!strncmp(arg, keep[i], strlen(keep[i])))
			return true;
	return false;
}

static int load_job(struct np_ctx *ctx, const struct plan *q, const struct host *h, int argc,
		    char **argv, struct pb_job *j, double *window, char *err, size_t len)
{
	char *av[32];
	int na = 0, rc;
	double w;
	struct np_facts *scratch = q->host ? np_facts_new() : NULL;
	struct np_ctx_visit v = {.back = -1};
	j->pb = pb_load(q->name, err, len);
	if (!j->pb) {
		np_facts_free(scratch);
		return 0;
	}
	for (int k = 0; k < argc && na < (int)NP_ARRAY_SIZE(av); k++)
		if (takes(j->pb, argv[k]) && !overridden(q, argv[k]) &&
		    (!q->host || for_host(argv[k])))
			av[na++] = argv[k];
	for (int k = 0; k < q->novr && na < (int)NP_ARRAY_SIZE(av); k++)
		if (takes(j->pb, q->ovr[k]))
			av[na++] = (char *)q->ovr[k];
	/* A host-side job's parameters are checked and derived there (its
	 * interfaces, its routes). */
	if (q->host && np_ctx_visit(ctx, h->fd, scratch, &v) < 0) {
		np_facts_free(scratch);
		pb_free(j->pb);
		j->pb = NULL;
		snprintf(err, len, "%s: cannot enter netns %.200s", q->name, h->label);
		return 0;
	}
	np_out_quiet_begin(ctx->out);
	rc = pb_job_params(ctx, j, na, av, &w);
	np_out_quiet_end(ctx->out, err, len);
	if (q->host) {
		np_ctx_return(ctx, &v);
		np_facts_free(scratch);
		j->netns = h->label;
		j->netns_fd = h->fd;
	}
	if (rc) {
		pb_job_clear(j);
		pb_free(j->pb);
		j->pb = NULL;
		/* A bad window= is the user's typo and stops here; a playbook
		 * needing what was not given is not relevant. */
		return key_val(argc, argv, "window") ? rc : 0;
	}
	if (w >= 0)
		*window = w;
	/* The header shows what the user asked and what was derived; the
	 * vantage has its own line, and what diagnose set for a playbook's
	 * own sake (a client's rx gets src=dst to follow the replies) is not
	 * the user's flow. */
	for (int i = 0; i < j->pb->nparams; i++) {
		char kv[80];
		snprintf(kv, sizeof(kv), "%s=", j->pb->params[i].name);
		j->hidden[i] = !strcmp(j->pb->params[i].name, "vantage") || overridden(q, kv);
	}
	return 1;
}

/* dev= names an interface that must be here: checked once, before any
 * playbook, so a typo is one error and an `unknown` verdict. */
static int check_dev(struct np_ctx *ctx, const char *dev, char *why, size_t len)
{
	char key[64];
	const struct np_fact *f;
	struct np_fact_miss miss;
	int err;
	snprintf(key, sizeof(key), "link[%s].ifindex", dev);
	err = np_fact_read(ctx, key, &f, &miss);
	if (err != -ENOENT && err != -ENODEV)
		return 0;
	snprintf(why, len, "dev=%.32s: no such interface in %s%.200s", dev,
		 ctx->netns[0] ? "netns " : "this network namespace", ctx->netns);
	np_error(ctx->out, "`link` lists the interfaces of this namespace", "%s", why);
	return -ENODEV;
}

static void flow_from_args(struct np_ctx *ctx, int argc, char **argv, struct flow *f)
{
	memset(f, 0, sizeof(*f));
	f->dst = key_val(argc, argv, "dst");
	f->src = key_val(argc, argv, "src");
	f->port = key_val(argc, argv, "port");
	f->proto = key_val(argc, argv, "proto");
	f->dev = key_val(argc, argv, "dev");
	if (!f->dst && ctx->set.dst[0])
		f->dst = ctx->set.dst;
	if (!f->src && ctx->set.src[0])
		f->src = ctx->set.src;
	if (!f->proto && ctx->set.proto[0])
		f->proto = ctx->set.proto;
	if (!f->dev && ctx->set.dev[0])
		f->dev = ctx->set.dev;
	if (!f->port && ctx->set.port) {
		snprintf(f->portbuf, sizeof(f->portbuf), "%u", ctx->set.port);
		f->port = f->portbuf;
	}
}

static void note_skipped(struct pb_run *r, char **skipped, int nskipped)
{
	for (int i = 0; i < nskipped; i++) {
		char buf[PB_ERR_LEN + 32];
		snprintf(buf, sizeof(buf), "playbook not loaded: %s", skipped[i]);
		r->confidence =
		    np_xreallocarray(r->confidence, (size_t)(r->nconf + 1), sizeof(char *));
		r->confidence[r->nconf++] = np_xstrdup(buf);
	}
}

static int diagnose_walk(struct np_ctx *ctx, const struct np_args *a)
{
	struct plan plans[MAX_JOBS];
	struct pb_job jobs[MAX_JOBS];
	char err[PB_ERR_LEN], *skipped[MAX_JOBS];
	struct flow f;
	struct host h = {.fd = -1};
	struct pb_run *r = NULL;
	double window = -1;
	int n, nj = 0, nskipped = 0, rc = 0;

	for (int i = 0; i < a->nrest; i++)
		if (!known_key(a->rest[i])) {
			np_error(ctx->out,
				 "diagnose dst=ADDR src=ADDR port=N dev=DEV proto=tcp|udp window=S "
				 "across=yes|no",
				 "diagnose: unexpected '%.64s'", a->rest[i]);
			return -NP_EUSAGE;
		}
	flow_from_args(ctx, a->nrest, a->rest, &f);
	if (f.dev && check_dev(ctx, f.dev, err, sizeof(err))) {
		char why[PB_ERR_LEN + 16];
		snprintf(why, sizeof(why), "could not look: %s", err);
		r = pb_run_unknown("diagnose", why);
		goto report;
	}
	const char *given = key_val(a->nrest, a->rest, "vantage");
	if (given && strcmp(given, "client") && strcmp(given, "server") &&
	    strcmp(given, "router") && strcmp(given, "host")) {
		np_error(ctx->out,
			 "vantage=client|server|router|host (default: decided from dst/src)",
			 "diagnose: vantage=%.32s is not a vantage", given);
		return -NP_EUSAGE;
	}
	/* The window's preparation overlaps the planning below (a bad
	 * window= is reported by the playbooks' parameters). */
	const char *w = key_val(a->nrest, a->rest, "window");
	double secs = -1;
	if (!w || (!np_parse_seconds(w, &secs, err, sizeof(err)) && secs != 0))
		np_window_sources_prepare();
	decide(ctx, &f, given);
	const char *across = key_val(a->nrest, a->rest, "across");
	if (f.v == V_CLIENT && !(across && !strcmp(across, "no")))
		find_host(ctx, &f, across && !strcmp(across, "yes"), &h);
	n = pick(ctx, &f, &h, plans);
	memset(jobs, 0, sizeof(jobs));
	for (int i = 0; i < n; i++) {
		int got = load_job(ctx, &plans[i], &h, a->nrest, a->rest, &jobs[nj], &window, err,
				   sizeof(err));
		if (got < 0) {
			np_error(ctx->out, "window=3, window=500ms (0 = static checks only)", "%s",
				 err);
			rc = got;
			goto out;
		}
		if (got)
			nj++;
		else
			skipped[nskipped++] = np_xstrdup(err);
	}
	if (nj == 0) {
		np_error(ctx->out, "`playbooks` shows why they do not load",
			 "diagnose: none of the relevant playbooks could be loaded");
		rc = -ENOENT;
		goto out;
	}
	if (window < 0)
		for (int i = 0; i < nj; i++)
			if (jobs[i].pb->window > window)
				window = jobs[i].pb->window;
	rc = pb_run(ctx, jobs, nj, window, false, &r);
	if (rc && rc != -EINTR) {
		pb_run_free(r);
		r = NULL;
		goto out;
	}
	for (int i = 0; i < nj; i++) {
		r->pbs[r->npbs++] = jobs[i].pb;
		jobs[i].pb = NULL;
	}
	note_skipped(r, skipped, nskipped);
	r->vantage = np_xstrdup(vantage_names[f.v]);
	r->vantage_why = np_xstrdup(f.why);
	if (h.fd >= 0) {
		char across[400];
		snprintf(across, sizeof(across),
			 "%s is a veth: the walk continues in netns %.200s on %s%s%s", h.dev,
			 h.label, h.peer, h.master[0] ? ", bridge " : "", h.master);
		r->across = np_xstrdup(across);
	}
report:
	pb_report(ctx, r, false);
	pb_run_finish(ctx, r);
	if (rc == -EINTR)
		rc = 0;
out:
	for (int i = 0; i < nj; i++) {
		pb_free(jobs[i].pb);
		pb_job_clear(&jobs[i]);
	}
	for (int i = 0; i < nskipped; i++)
		free(skipped[i]);
	if (h.fd >= 0)
		close(h.fd);
	return rc;
}

/* Planning reads (is the port used, is dst local) open the run's first
 * snapshot: its playbooks read those objects again only after a window. */
static int diagnose_run(struct np_ctx *ctx, const struct np_args *a)
{
	int rc;
	np_factsrc_snapshot_begin();
	rc = diagnose_walk(ctx, a);
	np_factsrc_snapshot_end();
	return rc;
}

const struct np_cmd np_cmd_diagnose = {
    .name = "diagnose",
    .summary = "find where this host stands in the flow, run every relevant playbook, one "
	       "verdict",
    .help = "Decides the vantage first, and says which and why in the walk header: client "
	    "when dst= is not an address of this namespace (this host sends; port= is the "
	    "remote port): tx with the network layer (refused, unanswered, ICMP errors coming "
	    "back), neighbor, mtu, and rx for the replies without local-service checks; server "
	    "when port= is a local service (no dst=, or dst= is ours): rx and tcp-connect/udp "
	    "by what listens; router when forwarding is on and neither src= nor dst= is ours: "
	    "forward, mtu, neighbor; host when nothing is given: rx and forward. softirq and "
	    "conntrack always. From a container (a client whose route leaves by a veth whose "
	    "peer is in the namespace netpath started in: `netpath -n docker:web` on the "
	    "host), the walk goes on across the veth: the host's bridge, routing, FORWARD/NAT "
	    "and next hop, its layers marked @, and the verdict names the host namespace and "
	    "device where the packets die (across=no keeps to the container; across=yes "
	    "crosses into any peer namespace netpath can enter). One observation window, one "
	    "walk in path order, one verdict ranked like `run`. dev= must exist here (else "
	    "`unknown`, exit 3).",
    .args = diagnose_args,
    .nargs = NP_ARRAY_SIZE(diagnose_args),
    .run = diagnose_run,
    .complete_rest = pb_complete_params,
    .examples = "diagnose port=8080\ndiagnose dst=10.0.0.1 port=443\n"
		"diagnose src=10.0.1.5 dst=10.0.2.7 port=80",
    .flags = NP_CMD_LIVE, /* countdown, live walk, streamed events: never paged */
};
