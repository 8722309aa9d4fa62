// SPDX-License-Identifier: GPL-2.0-only
/* User half of `probe trace`: load the tracepoint programs, drain the
 * ring buffer. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "core_btf.h"
#include "ksyms.h"
#include "probe.h"
#include "reasons.h"
#include "probe_load.h"
#include "probes_common.h"
#include "trace_api.h" /* struct types before the skeleton */
#include "trace.skel.h"
#include "xalloc.h"

struct np_trace {
	struct trace_bpf *skel;
	struct ring_buffer *rb;
	const char *mode;
	const struct np_filter *filter;
	int netns_pin; /* np_filter_pin: the filter's namespace, held open */
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
	struct np_core_btf cb;
	struct trace_bpf *s;
	int err;
	s = trace_bpf__open_opts(np_core_btf_opts(&cb));
	if (!s)
		return np_core_btf_fail(&cb);
	/* Programs come in pairs NAME_btf / NAME_raw: keep one set, without
	 * the ones this filter can never match. */
	np_probe_autoload(s->obj, mode, prog_can_match, (void *)t->filter);
	np_probe_kernel_data(s->obj);
	s->rodata->np_filt = *t->filter;
	s->rodata->max_per_sec = t->max_per_sec;
	s->rodata->np_kid = *np_kernel_ids();
	err = np_core_btf_load(&cb, s->skeleton);
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
	int err, pin;
	*out = NULL;
	if (np_probe_begin(why, len))
		return -EPERM;
	err = np_filter_pin(ctx, spec, &pin, why, len);
	if (err)
		return err;
	t = np_xcalloc(1, sizeof(*t));
	t->netns_pin = pin;
	t->filter = &spec->f;
	t->max_per_sec = max_per_sec;
	t->cb = cb;
	t->arg = arg;
	t->mode = np_probe_attach("the trace tracepoints", false, try_mode, t, &err, why, len);
	if (!t->mode) {
		np_trace_close(t);
		return err;
	}
	t->rb = ring_buffer__new(bpf_map__fd(t->skel->maps.events), on_event, t, NULL);
	if (!t->rb) {
		err = -errno;
		snprintf(why, len, "ring buffer: %s", strerror(-err));
		np_trace_close(t);
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
	/* After the programs are gone (see np_filter_pin). */
	if (t->netns_pin >= 0)
		close(t->netns_pin);
	free(t);
}

/* ---- `probe trace` ---- */

#define TRACE_MAX_PER_SEC 2000
#define SKB_IDS		  64

struct tstate {
	struct np_ctx *ctx;
	uint64_t t0; /* CLOCK_MONOTONIC ns at attach (bpf_ktime_get_ns base) */
	uint32_t own_netns;
	struct np_ksyms *ksyms;
	struct np_reason_names reasons;
	bool reasons_loaded;
	uint64_t skb_addr[SKB_IDS]; /* small ids for skb addresses, recycled */
	unsigned skb_id[SKB_IDS];
	unsigned next_id;
	uint64_t shown;
};

/* A short, stable id per live skb ("#3"): addresses are unreadable. */
static unsigned skb_ref(struct tstate *s, uint64_t addr, bool ends)
{
	int free_slot = -1;
	for (int i = 0; i < SKB_IDS; i++) {
		if (s->skb_addr[i] == addr) {
			unsigned id = s->skb_id[i];
			if (ends)
				s->skb_addr[i] = 0;
			return id;
		}
		if (!s->skb_addr[i] && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0)
		free_slot = (int)(s->next_id % SKB_IDS);
	s->skb_id[free_slot] = ++s->next_id;
	s->skb_addr[free_slot] = ends ? 0 : addr;
	return s->next_id;
}

static void print_event(void *arg, const struct np_trace_event *e)
{
	struct tstate *s = arg;
	struct np_out *o = s->ctx->out;
	char ns[64], proto[32], src[64], dst[64], dev[20];
	bool ends = e->type == TE_KFREE_SKB || e->type == TE_CONSUME_SKB;
	struct np_wrap w;
	double t = e->ts > s->t0 ? (double)(e->ts - s->t0) / 1e9 : 0;

	s->shown++;
	np_netns_label(e->netns, s->own_netns, ns, sizeof(ns));
	snprintf(dev, sizeof(dev), "%.16s", e->dev[0] ? e->dev : "-");
	/* On a terminal the line breaks between its parts (two blanks apart)
	 * where it would pass the width, continuation lines under the CPU: an
	 * 80-column terminal would otherwise cut an address in two. */
	np_wrap_begin(o, &w);
	np_open_obj(o, NULL);
	np_print_dbl(o, "t", "+%.6f ", t);
	np_print_u64(o, "cpu", "cpu%-2llu ", (unsigned long long)e->cpu);
	np_print_str(o, "netns", "%-10s ", ns);
	np_print_str(o, "dev", "%-8s ", dev);
	np_print_str(o, "event", "%-19s ", np_trace_type_name(e->type));
	if (e->skb)
		np_print_u64(o, "skb", "#%-3llu  ", (unsigned long long)skb_ref(s, e->skb, ends));
	if (e->family) {
		np_endpoint_text(e->family, e->saddr, e->sport, src, sizeof(src));
		np_endpoint_text(e->family, e->daddr, e->dport, dst, sizeof(dst));
		np_print_str(o, "proto", "%s ", np_proto_text(e->l3, e->l4, proto, sizeof(proto)));
		if (e->type >= TE_NEIGH_CREATE && e->type <= TE_NEIGH_DEAD) {
			char a[INET6_ADDRSTRLEN];
			inet_ntop(e->family == 6 ? AF_INET6 : AF_INET, e->daddr, a, sizeof(a));
			np_print_str(o, "neighbor", "%s  ", a);
		} else {
			np_print_str(o, "src", "%s > ", src);
			np_print_str(o, "dst", "%s  ", dst);
		}
	} else if (e->l3) {
		np_print_str(o, "proto", "%s  ", np_proto_text(e->l3, e->l4, proto, sizeof(proto)));
	}
	if (e->len)
		np_print_u64(o, "len", "len %llu  ", (unsigned long long)e->len);
	switch (e->type) {
	case TE_KFREE_SKB: {
		const char *rn = NULL, *fn;
		uint64_t off = 0;
		if (!s->reasons_loaded) {
			np_reason_names_load(&s->reasons);
			s->reasons_loaded = true;
		}
		rn = np_reason_name(&s->reasons, e->reason);
		fn = np_ksyms_find(s->ksyms, e->location, &off);
		np_print_str(o, "reason", "reason %s ", rn ? rn : "?");
		np_print_str(o, "function", "at %s", fn ? fn : "?");
		np_print_str(o, "layer", " [%s]", np_layer_name(np_reason_classify(rn, fn)->layer));
		break;
	}
	case TE_CONSUME_SKB: {
		uint64_t off = 0;
		const char *fn = np_ksyms_find(s->ksyms, e->location, &off);
		np_print_str(o, "function", "at %s", fn ? fn : "?");
		break;
	}
	case TE_DEV_XMIT:
		np_print_i64(o, "rc", "rc %lld", e->ret);
		break;
	case TE_QDISC_DEQUEUE:
		np_print_i64(o, "packets", "packets %lld", e->ret);
		break;
	case TE_FIB_LOOKUP:
		np_print_u64(o, "table", "table %llu ", (unsigned long long)e->reason);
		np_print_i64(o, "err", "err %lld", e->ret);
		break;
	case TE_NEIGH_CREATE:
	case TE_NEIGH_UPDATE:
	case TE_NEIGH_TIMER:
	case TE_NEIGH_DEAD:
		np_print_u64(o, "nud_state", "state 0x%02llx ", (unsigned long long)e->reason);
		np_print_i64(o, "arg", e->type == TE_NEIGH_UPDATE ? "new 0x%02llx" : "err %lld",
			     e->ret);
		break;
	default:
		break;
	}
	np_close_obj(o);
	np_wrap_end(o, &w, "  ", 10);
}

static int trace_run(struct np_ctx *ctx, struct np_probe_opts *o)
{
	struct tstate s = {.ctx = ctx};
	struct np_trace *t;
	struct np_trace_stats st;
	struct timespec ts;
	char why[256], desc[512];
	double end, t0;
	bool cut = false;
	struct np_wrap w;
	int err;

	if (!(o->filter.f.flags & ~NP_F_NETNS) && o->filter.netns == NP_NETNS_DEFAULT) {
		np_error(
		    ctx->out, "e.g. probe trace host 10.0.0.2 and port 80 5",
		    "probe trace needs a FILTER: every packet of the namespace would flood it");
		return -NP_EUSAGE;
	}
	err = np_filter_resolve(ctx, &o->filter, NP_NETNS_CURRENT);
	if (err)
		return err;
	s.own_netns = (uint32_t)np_netns_inode();
	err = np_trace_open(ctx, &o->filter, TRACE_MAX_PER_SEC, print_event, &s, &t, why,
			    sizeof(why));
	if (err)
		return np_probe_skip(ctx, "trace", err, why);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	s.t0 = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	s.ksyms = np_ksyms_load();

	np_filter_describe(&o->filter, desc, sizeof(desc));
	np_print_str(ctx->out, "kind", NULL, "trace");
	np_wrap_begin(ctx->out, &w);
	np_print_str(ctx->out, "filter", "probe trace: %s", desc);
	np_print_str(ctx->out, "attach", ", via %s", np_trace_attach_mode(t));
	np_print_dbl(ctx->out, "seconds", ", %.1f s (Ctrl-C stops)", o->seconds);
	np_wrap_end(ctx->out, &w, " ", 2);
	np_open_arr(ctx->out, "events");
	t0 = np_now();
	end = t0 + o->seconds;
	while (np_now() < end) {
		if (np_interrupted(ctx)) {
			cut = true;
			break;
		}
		np_trace_poll(t, 100);
		fflush(np_out_file(ctx->out));
	}
	np_trace_poll(t, 0); /* what arrived during the last wait */
	np_close_arr(ctx->out);
	np_trace_stats(t, &st);
	np_print_dbl(ctx->out, "window_s", "%.1f s", np_now() - t0);
	np_print_u64(ctx->out, "shown", ": %llu event(s)", (unsigned long long)s.shown);
	np_print_u64(ctx->out, "rate_dropped", ", %llu over the rate limit",
		     (unsigned long long)st.rate_dropped);
	np_print_u64(ctx->out, "ring_dropped", ", %llu lost (ring full)",
		     (unsigned long long)st.ring_dropped);
	np_print_bool(ctx->out, "interrupted", cut ? " (interrupted)\n" : "\n", cut);
	if (st.rate_dropped)
		np_warn(ctx->out,
			"%llu events over %d/s were dropped and counted: narrow the filter",
			(unsigned long long)st.rate_dropped, TRACE_MAX_PER_SEC);
	np_trace_close(t);
	np_ksyms_free(s.ksyms);
	np_reason_names_free(&s.reasons);
	return 0;
}

/* ---- the kind: a timeline, no facts ---- */

const struct np_probe np_probe_trace = {
    .name = "trace",
    .help = "probe trace FILTER [SECONDS]: a per-packet timeline from tracepoints only "
	    "(netif_receive_skb, net_dev_queue, net_dev_start_xmit, net_dev_xmit, qdisc_dequeue, "
	    "fib_table_lookup, neigh_*, kfree_skb, consume_skb): each matching skb is followed "
	    "to its free or consume, at most 2000 events/s (the excess is counted).",
    .run = trace_run,
};
