// SPDX-License-Identifier: GPL-2.0-only
/* Parameters of a run: KEY=VALUE arguments checked against their types,
 * then session defaults (`set`), `from` sources (a fact, another
 * parameter, the only interface), defaults. */
#include <ctype.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ctx.h"
#include "factget.h"
#include "pb_internal.h"
#include "pb_run.h"
#include "validate.h"
#include "xalloc.h"

void pb_job_clear(struct pb_job *job)
{
	for (int i = 0; i < PB_MAX_PARAMS; i++) {
		free(job->pv[i]);
		job->pv[i] = NULL;
		job->given[i] = false;
		job->list[i] = false;
	}
}

static const char *session_default(const struct np_ctx *ctx, const char *name, char *buf,
				   size_t len)
{
	const struct np_session *s = &ctx->set;
	if (!strcmp(name, "dev") && s->dev[0])
		return s->dev;
	if (!strcmp(name, "dst") && s->dst[0])
		return s->dst;
	if (!strcmp(name, "src") && s->src[0])
		return s->src;
	if (!strcmp(name, "proto") && s->proto[0])
		return s->proto;
	if (!strcmp(name, "port") && s->port) {
		snprintf(buf, len, "%u", s->port);
		return buf;
	}
	return NULL;
}

/* Interfaces of the namespace that are up, loopback aside, comma-joined:
 * the only one (sole) or all of them.  false when none (or not one, for
 * sole). */
static bool up_interfaces(bool sole, char *buf, size_t len)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	int n = 0, fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	size_t o = 0;
	buf[0] = '\0';
	for (i = ifs; i && i->if_index; i++) {
		struct ifreq ifr = {0};
		if (!strcmp(i->if_name, "lo"))
			continue;
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", i->if_name);
		/* sole-interface counts every one; each-interface walks the up
		 * ones (a down interface carries nothing to lose). */
		if (!sole &&
		    (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 || !(ifr.ifr_flags & IFF_UP)))
			continue;
		if (o + strlen(i->if_name) + 2 < len)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", n ? "," : "", i->if_name);
		n++;
	}
	if (ifs)
		if_freenameindex(ifs);
	if (fd >= 0)
		close(fd);
	return sole ? n == 1 : n > 0;
}

/* sole-interface / each-interface: from the kernel, or the capture. */
static bool interfaces(bool sole, char *buf, size_t len)
{
	const char *setting = sole ? "sole_interface" : "interfaces";
	int r = np_factsrc_setting(setting, buf, len);
	if (r >= 0)
		return r == 1;
	if (!up_interfaces(sole, buf, len))
		return false;
	np_factsrc_note_setting(setting, buf);
	return true;
}

/* A `from` source: a fact (read quietly), $param, sole-interface or
 * each-interface (a list: the engine walks the checks that use the
 * parameter once per interface). */
static bool from_source(struct np_ctx *ctx, const struct pb_job *job, const char *src, char *buf,
			size_t len)
{
	char key[NP_FACTKEY_MAX * 2];
	struct np_fact_miss miss;
	const struct np_fact *f;
	if (!strcmp(src, "sole-interface") || !strcmp(src, "each-interface"))
		return interfaces(src[0] == 's', buf, len);
	if (!pb_subst(job, src, key, sizeof(key), NULL, 0))
		return false;
	if (src[0] == '$') {
		size_t l = strlen(key);
		if (l == 0 || l >= len)
			return false;
		memcpy(buf, key, l + 1);
		return true;
	}
	/* A source that is not there is not an error: the next one is tried. */
	if (np_fact_read(ctx, key, &f, &miss))
		return false;
	np_fact_text(f, buf, len);
	return *buf;
}

/* Interfaces named by the user (or `set`) must exist in this namespace:
 * a walk of an interface that is not there would be a row of skips and
 * an `ok`.  Read quietly: one error here, not one per check.  A replay
 * that lacks the link answers "not in the replay file", which is not a
 * missing interface. */
static int check_objects(struct np_ctx *ctx, const struct pb_job *job)
{
	const struct pb_playbook *pb = job->pb;
	for (int i = 0; i < pb->nparams; i++) {
		char key[NP_FACTKEY_MAX];
		struct np_fact_miss miss;
		const struct np_fact *f;
		int err;
		if (pb->params[i].type != PB_T_IFACE || !job->pv[i] || !job->given[i])
			continue;
		snprintf(key, sizeof(key), "link[%s].ifindex", job->pv[i]);
		err = np_fact_read(ctx, key, &f, &miss);
		if (err == -ENOENT || err == -ENODEV) {
			np_error(ctx->out, "`link` lists the interfaces of this namespace",
				 "%s=%s: no such interface in %s%s", pb->params[i].name, job->pv[i],
				 ctx->netns[0] ? "netns " : "this network namespace", ctx->netns);
			return -ENODEV;
		}
	}
	return 0;
}

int pb_job_params(struct np_ctx *ctx, struct pb_job *job, int argc, char **argv, double *window)
{
	const struct pb_playbook *pb = job->pb;
	char why[128], buf[32], canon[256];

	*window = ctx->set.window >= 0 ? ctx->set.window : -1;
	for (int a = 0; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');
		size_t nl = eq ? (size_t)(eq - argv[a]) : 0;
		int i;
		if (!eq || nl == 0) {
			np_error(ctx->out, "parameters are KEY=VALUE, e.g. port=8080 window=2",
				 "run %s: expected KEY=VALUE, got '%.64s'", pb->name, argv[a]);
			return -NP_EUSAGE;
		}
		if (nl == 6 && !strncmp(argv[a], "window", 6)) {
			if (np_parse_seconds(eq + 1, window, why, sizeof(why)) || *window > 3600) {
				np_error(ctx->out,
					 "window=3, window=500ms (0 = static checks only)",
					 "window: %s", *window > 3600 ? "at most 3600 s" : why);
				return -NP_EUSAGE;
			}
			continue;
		}
		if (nl == 6 && !strncmp(argv[a], "active", 6)) {
			if (strcmp(eq + 1, "yes") && strcmp(eq + 1, "no")) {
				np_error(ctx->out,
					 "active=yes sends a few test packets of netpath's own",
					 "active: expected yes or no");
				return -NP_EUSAGE;
			}
			job->active = !strcmp(eq + 1, "yes");
			continue;
		}
		i = pb_param_index(pb, argv[a], nl);
		if (i < 0) {
			char list[512];
			size_t o = 0;
			list[0] = '\0';
			for (int k = 0; k < pb->nparams && o < sizeof(list); k++)
				o += (size_t)snprintf(list + o, sizeof(list) - o, "%s=%s ",
						      pb->params[k].name,
						      pb_ptype_name(pb->params[k].type));
			snprintf(list + (o < sizeof(list) ? o : sizeof(list) - 1),
				 sizeof(list) - (o < sizeof(list) ? o : sizeof(list) - 1),
				 "window=DURATION active=yes|no");
			np_error(ctx->out, list, "playbook %s has no parameter '%.*s'", pb->name,
				 (int)nl, argv[a]);
			return -NP_EUSAGE;
		}
		if (pb_param_validate(pb->params[i].type, eq + 1, why, sizeof(why))) {
			np_error(ctx->out, pb->params[i].help, "%s=%.64s: %s", pb->params[i].name,
				 eq + 1, why);
			return -NP_EUSAGE;
		}
		free(job->pv[i]);
		pb_param_canon(pb->params[i].type, eq + 1, canon, sizeof(canon));
		job->pv[i] = np_xstrdup(canon);
		job->given[i] = true;
	}
	for (int i = 0; i < pb->nparams; i++) {
		const char *d;
		if (job->pv[i])
			continue;
		d = session_default(ctx, pb->params[i].name, buf, sizeof(buf));
		if (d && !pb_param_validate(pb->params[i].type, d, why, sizeof(why))) {
			pb_param_canon(pb->params[i].type, d, canon, sizeof(canon));
			job->pv[i] = np_xstrdup(canon);
			job->given[i] = true; /* the user's `set`, like a KEY=VALUE */
			continue;
		}
		/* Derived: the route's device, the gateway, the sole interface. */
		for (int k = 0; k < pb->params[i].nfrom && !job->pv[i]; k++) {
			char v[256];
			if (!from_source(ctx, job, pb->params[i].from[k], v, sizeof(v)))
				continue;
			if (!strcmp(pb->params[i].from[k], "each-interface")) {
				job->pv[i] = np_xstrdup(v); /* a list: every one is walked */
				job->list[i] = true;
			} else if (!pb_param_canon(pb->params[i].type, v, canon, sizeof(canon))) {
				job->pv[i] = np_xstrdup(canon);
			}
		}
		if (job->pv[i])
			continue;
		if (pb->params[i].def)
			job->pv[i] = np_xstrdup(pb->params[i].def);
		else if (!pb->params[i].optional) {
			np_error(ctx->out, pb->params[i].help, "run %s: missing %s=%s", pb->name,
				 pb->params[i].name, pb_ptype_name(pb->params[i].type));
			return -NP_EUSAGE;
		}
	}
	return check_objects(ctx, job);
}
