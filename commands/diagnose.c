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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "factget.h"
#include "pb_run.h"
#include "xalloc.h"

static const struct np_arg diagnose_args[] = {
    {NULL, NP_A_REST, "KEY=VALUE...",
     "dst=ADDR src=ADDR port=N dev=DEV proto=tcp|udp window=S active=yes"},
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

/* Does anything use PORT over PROTO?  -1 when it cannot be told. */
static int port_used(struct np_ctx *ctx, const char *proto, const char *port)
{
	char key[64], buf[32];
	const char *t;
	snprintf(key, sizeof(key), "sock[%s:%s].count", proto, port);
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

/* Which playbooks answer the question from this vantage. */
static int pick(struct np_ctx *ctx, const struct flow *f, struct plan *p)
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
	static const char *const known[] = {"dst", "port",   "dev",    "proto",
					    "src", "window", "active", "vantage"};
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
static int load_job(struct np_ctx *ctx, const struct plan *q, int argc, char **argv,
		    struct pb_job *j, double *window, char *err, size_t len)
{
	char *av[32];
	int na = 0, rc;
	double w;
	j->pb = pb_load(q->name, err, len);
	if (!j->pb)
		return 0;
	for (int k = 0; k < argc && na < (int)NP_ARRAY_SIZE(av); k++)
		if (takes(j->pb, argv[k]) && !overridden(q, argv[k]))
			av[na++] = argv[k];
	for (int k = 0; k < q->novr && na < (int)NP_ARRAY_SIZE(av); k++)
		if (takes(j->pb, q->ovr[k]))
			av[na++] = (char *)q->ovr[k];
	np_out_quiet_begin(ctx->out);
	rc = pb_job_params(ctx, j, na, av, &w);
	np_out_quiet_end(ctx->out, err, len);
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

static void drop_param(struct pb_run *r, const char *key)
{
	for (int i = 0; i < r->nparams; i++)
		if (!strcmp(r->params_json_keys[i], key)) {
			free(r->params_json_keys[i]);
			free(r->params_vals[i]);
			memmove(&r->params_json_keys[i], &r->params_json_keys[i + 1],
				(size_t)(r->nparams - i - 1) * sizeof(char *));
			memmove(&r->params_vals[i], &r->params_vals[i + 1],
				(size_t)(r->nparams - i - 1) * sizeof(char *));
			r->nparams--;
			return;
		}
}

static int diagnose_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct plan plans[MAX_JOBS];
	struct pb_job jobs[MAX_JOBS];
	char err[PB_ERR_LEN], *skipped[MAX_JOBS];
	struct flow f;
	struct pb_run *r = NULL;
	double window = -1;
	int n, nj = 0, nskipped = 0, rc = 0;

	for (int i = 0; i < a->nrest; i++)
		if (!known_key(a->rest[i])) {
			np_error(ctx->out,
				 "diagnose dst=ADDR src=ADDR port=N dev=DEV proto=tcp|udp window=S",
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
	decide(ctx, &f, given);
	n = pick(ctx, &f, plans);
	memset(jobs, 0, sizeof(jobs));
	for (int i = 0; i < n; i++) {
		int got = load_job(ctx, &plans[i], a->nrest, a->rest, &jobs[nj], &window, err,
				   sizeof(err));
		if (got < 0) {
			np_error(ctx->out, "window=3, window=500ms (0 = static checks only)", "%s",
				 err);
			rc = got;
			goto out;
		}
		if (got)
			nj++;
		else if ((skipped[nskipped] = np_xstrdup(err)))
			nskipped++;
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
	/* The walk header shows what the user asked and what was derived;
	 * the vantage has its own line, and a client's rx gets src=dst only to
	 * follow the replies. */
	drop_param(r, "vantage");
	if (!f.src)
		drop_param(r, "src");
	r->vantage = np_xstrdup(vantage_names[f.v]);
	r->vantage_why = np_xstrdup(f.why);
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
	    "conntrack always. One observation window, one walk in path order, one verdict "
	    "ranked like `run`. dev= must exist here (else `unknown`, exit 3).",
    .args = diagnose_args,
    .nargs = NP_ARRAY_SIZE(diagnose_args),
    .run = diagnose_run,
    .complete_rest = pb_complete_params,
    .examples = "diagnose port=8080\ndiagnose dst=10.0.0.1 port=443\n"
		"diagnose src=10.0.1.5 dst=10.0.2.7 port=80",
    .flags = NP_CMD_LIVE, /* countdown, live walk, streamed events: never paged */
};
