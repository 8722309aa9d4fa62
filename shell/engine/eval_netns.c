// SPDX-License-Identifier: GPL-2.0-only
/* A run that reads more than one network namespace: diagnose from inside
 * a container walks the container's own path and then the host side of
 * its veth (the bridge, the host's routing, FORWARD/NAT, the egress).
 * Each namespace keeps its own fact store (the same key has two values);
 * a read in another namespace enters it for that read and comes back
 * (np_ctx_visit), and window sources watch each namespace with a filter
 * of its own. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval.h"
#include "netns.h"

int ev_netns_plan(struct eval *ev)
{
	ev->ns[0].label = NULL;
	ev->ns[0].fd = -1;
	ev->nns = 1;
	for (int j = 0; j < ev->njobs; j++) {
		struct pb_job *job = &ev->jobs[j];
		int i = 1;
		job->nsi = 0;
		if (!job->netns)
			continue;
		while (i < ev->nns && strcmp(ev->ns[i].label, job->netns))
			i++;
		if (i == ev->nns) {
			if (ev->nns == EV_MAX_NS)
				continue;
			ev->ns[i].label = job->netns;
			ev->ns[i].fd = dup(job->netns_fd);
			if (ev->ns[i].fd < 0) {
				int err = -errno;
				np_error(ev->ctx->out, NULL, "netns %s: %s", job->netns,
					 strerror(errno));
				return err;
			}
			ev->ns[i].facts = np_facts_new();
			ev->nns++;
		}
		job->nsi = (short)i;
	}
	return 0;
}

void ev_netns_free(struct eval *ev)
{
	for (int i = 1; i < ev->nns; i++) {
		if (ev->ns[i].fd >= 0)
			close(ev->ns[i].fd);
		np_facts_free(ev->ns[i].facts);
	}
	ev->nns = 0;
}

struct np_facts *ev_store(const struct eval *ev, int nsi)
{
	return nsi > 0 && nsi < ev->nns ? ev->ns[nsi].facts : ev->ctx->facts;
}

int ev_visit(struct eval *ev, int nsi, struct np_ctx_visit *v)
{
	v->back = -1;
	if (nsi <= 0 || nsi >= ev->nns)
		return 0;
	return np_ctx_visit(ev->ctx, ev->ns[nsi].fd, ev->ns[nsi].facts, v);
}

void ev_unvisit(struct eval *ev, int nsi, struct np_ctx_visit *v)
{
	if (nsi > 0)
		np_ctx_return(ev->ctx, v);
}
