// SPDX-License-Identifier: GPL-2.0-only
/* User half of `probe trace`: load the tracepoint programs, drain the
 * ring buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe_load.h"
#include "trace_api.h" /* struct types before the skeleton */
#include "trace.skel.h"

struct np_trace {
	struct trace_bpf *skel;
	struct ring_buffer *rb;
	const char *mode;
	const struct np_filter *filter;
	unsigned max_per_sec;
	np_trace_cb cb;
	void *arg;
};

static const char *const type_names[TE__COUNT] = {
    [TE_NETIF_RECEIVE] = "netif_receive_skb",
    [TE_NET_DEV_QUEUE] = "net_dev_queue",
    [TE_START_XMIT] = "net_dev_start_xmit",
    [TE_DEV_XMIT] = "net_dev_xmit",
    [TE_QDISC_DEQUEUE] = "qdisc_dequeue",
    [TE_FIB_LOOKUP] = "fib_table_lookup",
    [TE_NEIGH_CREATE] = "neigh_create",
    [TE_NEIGH_UPDATE] = "neigh_update",
    [TE_NEIGH_TIMER] = "neigh_timer_handler",
    [TE_NEIGH_DEAD] = "neigh_event_send_dead",
    [TE_KFREE_SKB] = "kfree_skb",
    [TE_CONSUME_SKB] = "consume_skb",
};

const char *np_trace_type_name(unsigned type)
{
	return type < TE__COUNT ? type_names[type] : "?";
}

static bool addr6(const struct np_filter *f, unsigned flag, const struct np_filter_addr *a)
{
	return (f->flags & flag) && a->family == 6;
}

/* Whether a program can emit anything under this filter (base name
 * without _btf/_raw).  The ones that cannot are not loaded: every
 * attached program costs each packet of the host a call.  Mirrors the
 * kernel side's conditions exactly, so no event is lost. */
static bool prog_can_match(void *arg, const char *base)
{
	const struct np_filter *f = arg;
	/* on_fib: IPv4 flows only, an IPv6 address condition never matches. */
	if (!strcmp(base, "fib"))
		return !addr6(f, NP_F_HOST, &f->host) && !addr6(f, NP_F_SRC, &f->src) &&
		       !addr6(f, NP_F_DST, &f->dst);
	/* on_neigh: protocol, port and source conditions say nothing about a
	 * neighbour; without a host/dst address no neighbour event passes. */
	if (!strcmp(base, "ncreate") || !strcmp(base, "nupdate") || !strcmp(base, "ntimer") ||
	    !strcmp(base, "ndead"))
		return !(f->flags &
			 (NP_F_PROTO | NP_F_PORT | NP_F_SPORT | NP_F_DPORT | NP_F_SRC)) ||
		       (f->flags & (NP_F_HOST | NP_F_DST));
	/* skb programs: any packet may match or be followed. */
	return true;
}

static int try_mode(void *arg, int mode)
{
	struct np_trace *t = arg;
	struct trace_bpf *s = trace_bpf__open();
	int err;
	if (!s)
		return -errno;
	/* Programs come in pairs NAME_btf / NAME_raw: keep one set, without
	 * the ones this filter can never match. */
	np_probe_autoload(s->obj, mode, prog_can_match, (void *)t->filter);
	s->rodata->np_filt = *t->filter;
	s->rodata->max_per_sec = t->max_per_sec;
	err = trace_bpf__load(s);
	if (!err)
		err = trace_bpf__attach(s);
	if (err) {
		trace_bpf__destroy(s);
		return err;
	}
	t->skel = s;
	return 0;
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct np_trace *t = ctx;
	if (size >= sizeof(struct np_trace_event))
		t->cb(t->arg, data);
	return 0;
}

int np_trace_open(struct np_ctx *ctx, const struct np_filter_spec *spec, unsigned max_per_sec,
		  np_trace_cb cb, void *arg, struct np_trace **out, char *why, size_t len)
{
	struct np_trace *t;
	int err;
	(void)ctx;
	*out = NULL;
	if (np_probe_begin(why, len))
		return -EPERM;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->filter = &spec->f;
	t->max_per_sec = max_per_sec;
	t->cb = cb;
	t->arg = arg;
	t->mode = np_probe_attach("the trace tracepoints", false, try_mode, t, &err, why, len);
	if (!t->mode) {
		free(t);
		return err;
	}
	t->rb = ring_buffer__new(bpf_map__fd(t->skel->maps.events), on_event, t, NULL);
	if (!t->rb) {
		err = -errno;
		snprintf(why, len, "ring buffer: %s", strerror(-err));
		trace_bpf__destroy(t->skel);
		free(t);
		return err;
	}
	*out = t;
	return 0;
}

int np_trace_poll(struct np_trace *t, int timeout_ms)
{
	int n = ring_buffer__poll(t->rb, timeout_ms);
	return n == -EINTR ? 0 : n;
}

void np_trace_stats(const struct np_trace *t, struct np_trace_stats *out)
{
	*out = t->skel->bss->stats;
}

const char *np_trace_attach_mode(const struct np_trace *t)
{
	return t->mode;
}

void np_trace_close(struct np_trace *t)
{
	if (!t)
		return;
	ring_buffer__free(t->rb);
	trace_bpf__destroy(t->skel);
	free(t);
}
