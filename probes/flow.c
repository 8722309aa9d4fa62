// SPDX-License-Identifier: GPL-2.0-only
/* User half of `probe flow`: decide which parts this kernel can run (each
 * tracepoint checked in BTF, tp_btf first and raw_tp per part when the
 * typed program is refused), load and attach them, read the maps. */
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core_btf.h"
#include "flow.h"
#include "flow_api.h"
#include "flow_plan.h"
#include "flow.skel.h"
#include "ipproto.h"
#include "kernel_btf.h"
#include "probe_load.h"
#include "probes_common.h"
#include "reasons.h"
#include "rtfmt.h"
#include "xalloc.h"

struct np_flow {
	struct flow_bpf *skel;
	const struct np_filter *filter;
	int netns_pin; /* np_filter_pin: the filter's namespace, held open */
	struct np_flow_local local;
	struct np_flow_plan plan;
	char mode[24];
	char skip_parts[512];
	struct np_flow_row *rows;
	size_t nrows;
	struct np_flow_totals tot;
	struct np_reason_names dn; /* enum skb_drop_reason, read once */
	bool dn_loaded;
};

static struct bpf_program *prog_of(struct flow_bpf *s, size_t part, int use)
{
	char name[48];
	snprintf(name, sizeof(name), "%s_%s", np_flow_parts[part].name,
		 use == NP_USE_BTF ? "btf" : "raw");
	return bpf_object__find_program_by_name(s->obj, name);
}

/* Open and load with use[] deciding each part's program.  0 or -errno. */
static int load(struct np_flow *f, const int *use, struct flow_bpf **out)
{
	struct np_core_btf cb;
	struct flow_bpf *s;
	int err;
	*out = NULL;
	s = flow_bpf__open_opts(np_core_btf_opts(&cb));
	if (!s)
		return np_core_btf_fail(&cb);
	for (int i = 0; i < NP_FLOW_PARTS; i++) {
		bpf_program__set_autoload(prog_of(s, i, NP_USE_BTF), use[i] == NP_USE_BTF);
		bpf_program__set_autoload(prog_of(s, i, NP_USE_RAW), use[i] == NP_USE_RAW);
	}
	np_probe_kernel_data(s->obj);
	s->rodata->np_filt = *f->filter;
	s->rodata->flow_cfg.local = f->local;
	s->rodata->flow_cfg.v4_tx_at_queue = use[NP_FLOW_PART_ICMP4_SENT] < 0;
	s->rodata->np_kid = *np_kernel_ids();
	err = np_core_btf_load(&cb, s->skeleton);
	if (err) {
		flow_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

/* The whole set was refused: find the parts that load alone (tp_btf, then
 * raw_tp unless forced) and turn the others off. */
static void isolate(struct np_flow *f)
{
	struct np_flow_plan *pl = &f->plan;
	for (int i = 0; i < NP_FLOW_PARTS; i++) {
		int one[NP_FLOW_PARTS], err;
		struct flow_bpf *s;
		if (pl->use[i] < 0)
			continue;
		for (int j = 0; j < NP_FLOW_PARTS; j++)
			one[j] = j == i ? pl->use[i] : NP_USE_OFF;
		err = load(f, one, &s);
		if (err && pl->may_raw && pl->use[i] == NP_USE_BTF) {
			one[i] = NP_USE_RAW;
			err = load(f, one, &s);
			if (!err)
				pl->use[i] = NP_USE_RAW;
		}
		flow_bpf__destroy(s);
		if (err)
			np_flow_plan_off(pl, i, "refused by the kernel: %s", strerror(-err));
	}
}

/* Attach every loaded program on its own: one refusal skips one part.
 * The links go into the skeleton, which destroys them with it. */
static int attach(struct np_flow *f)
{
	struct bpf_object_skeleton *sk = f->skel->skeleton;
	int attached = 0, last = -ENOENT;
	for (int i = 0; i < NP_FLOW_PARTS; i++) {
		struct bpf_program *p;
		if (f->plan.use[i] < 0)
			continue;
		p = prog_of(f->skel, i, f->plan.use[i]);
		for (int k = 0; k < sk->prog_cnt; k++) {
			struct bpf_link *l;
			if (*sk->progs[k].prog != p)
				continue;
			l = bpf_program__attach(p);
			if (!l) {
				last = -errno;
				np_flow_plan_off(&f->plan, i, "attach failed: %s", strerror(errno));
				break;
			}
			*sk->progs[k].link = l;
			attached++;
		}
	}
	return attached ? 0 : last;
}

/* The namespace's own addresses, so an ICMP error counts as received only
 * when it quotes a packet this host sent.  Only for the namespace netpath
 * is in; elsewhere (netns all or another) or with too many addresses the
 * check is off (n = 0). */
static void local_addrs(struct np_flow *f)
{
	struct ifaddrs *ifa, *i;
	f->local.n = 0;
	if (!(f->filter->flags & NP_F_NETNS) || f->filter->netns != (uint32_t)np_netns_inode() ||
	    getifaddrs(&ifa))
		return;
	for (i = ifa; i; i = i->ifa_next) {
		int fam = i->ifa_addr ? i->ifa_addr->sa_family : 0;
		uint32_t n = f->local.n;
		if (fam != AF_INET && fam != AF_INET6)
			continue;
		if (n == NP_FLOW_LOCAL_MAX) {
			f->local.n = 0;
			break;
		}
		memset(&f->local.addr[n], 0, sizeof(f->local.addr[n]));
		f->local.addr[n].family = fam == AF_INET ? 4 : 6;
		if (fam == AF_INET)
			memcpy(f->local.addr[n].a, &((struct sockaddr_in *)i->ifa_addr)->sin_addr,
			       4);
		else
			memcpy(f->local.addr[n].a, &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr,
			       16);
		f->local.n = n + 1;
	}
	freeifaddrs(ifa);
}

/* The kernel's tracepoints, from its BTF (NETPATH_BTF=FILE reads another
 * BTF file, as for the drop reasons: tests, kernels whose BTF lives
 * elsewhere).  false: NETPATH_PROBE_ATTACH names a method we lack. */
static bool plan(struct np_flow *f)
{
	struct stat st;
	size_t len;
	const void *btf = np_names_btf_raw(&len);
	bool ok = np_flow_plan_make(btf, len, !stat("/sys/kernel/btf/vmlinux", &st),
				    np_probe_forced_attach(), &f->plan);
	np_flow_plan_filter(&f->plan, f->filter);
	return ok;
}

int np_flow_open(struct np_ctx *ctx, const struct np_filter_spec *spec, struct np_flow **out,
		 char *why, size_t len)
{
	struct np_flow *f;
	int err, pin;
	*out = NULL;
	if (np_probe_begin(why, len))
		return -EPERM;
	err = np_filter_pin(ctx, spec, &pin, why, len);
	if (err)
		return err;
	f = np_xcalloc(1, sizeof(*f));
	f->netns_pin = pin;
	f->filter = &spec->f;
	local_addrs(f);
	if (!plan(f)) {
		snprintf(why, len,
			 "probe flow has no classic-tracepoint variant (NETPATH_PROBE_ATTACH)");
		np_flow_close(f);
		return -ENOENT;
	}
	err = load(f, f->plan.use, &f->skel);
	if (err) {
		isolate(f);
		err = load(f, f->plan.use, &f->skel);
	}
	if (!err)
		err = attach(f);
	np_flow_plan_describe(&f->plan, f->skip_parts, sizeof(f->skip_parts), f->mode,
			      sizeof(f->mode));
	if (err) {
		snprintf(why, len, "cannot attach any flow tracepoint: %s%s%.200s", strerror(-err),
			 f->skip_parts[0] ? ": " : "", f->skip_parts);
		np_flow_close(f);
		return err;
	}
	*out = f;
	return 0;
}

const char *np_flow_attach_mode(const struct np_flow *f)
{
	return f->mode;
}

const char *np_flow_skip_parts(const struct np_flow *f)
{
	return f->skip_parts;
}

void np_flow_close(struct np_flow *f)
{
	if (!f)
		return;
	flow_bpf__destroy(f->skel);
	/* After the programs are gone (see np_filter_pin). */
	if (f->netns_pin >= 0)
		close(f->netns_pin);
	np_reason_names_free(&f->dn);
	free(f->rows);
	free(f);
}

/* ---- reading the maps ---- */

static const char *drop_name(struct np_flow *f, uint32_t reason, char *buf, size_t len)
{
	const char *nm;
	if (!f->dn_loaded) {
		if (np_reason_names_load(&f->dn) < 0)
			np_reason_names_free(&f->dn);
		f->dn_loaded = true;
	}
	nm = np_reason_name(&f->dn, reason);
	if (nm)
		return nm;
	snprintf(buf, len, "REASON_%u", reason);
	return buf;
}

static void addr_text(int family, const uint8_t *a, char *buf, size_t len)
{
	if (!family || !inet_ntop(family == 6 ? AF_INET6 : AF_INET, a, buf, (socklen_t)len))
		snprintf(buf, len, "%s", "");
}

static void add_counts(struct np_flow_counts *t, const struct np_flow_counts *c)
{
	t->connects += c->connects;
	t->established += c->established;
	t->failed += c->failed;
	t->syn_retrans += c->syn_retrans;
	t->rst += c->rst;
	t->errors += c->errors;
	t->icmp_rx += c->icmp_rx;
	t->icmp_drop += c->icmp_drop;
	t->icmp_tx += c->icmp_tx;
	t->icmp_tx_drop += c->icmp_tx_drop;
	for (int k = 0; k < NP_ICMP_KINDS; k++) {
		t->rx_kind[k] += c->rx_kind[k];
		t->tx_kind[k] += c->tx_kind[k];
	}
}

static void fill_row(struct np_flow *f, const struct flow_key *k, const struct flow_val *v,
		     uint32_t own, struct np_flow_row *r)
{
	char pb[24], eb[16];
	memset(r, 0, sizeof(*r));
	r->c = (struct np_flow_counts){v->connects,    v->established, v->failed,
				       v->syn_retrans, v->rst,	       v->errors,
				       v->icmp_rx,     v->icmp_drop,   v->icmp_tx,
				       v->icmp_tx_drop};
	memcpy(r->c.rx_kind, v->rx_kind, sizeof(r->c.rx_kind));
	memcpy(r->c.tx_kind, v->tx_kind, sizeof(r->c.tx_kind));
	np_endpoint_text(k->family, k->raddr, k->rport, r->peer, sizeof(r->peer));
	snprintf(r->proto, sizeof(r->proto), "%s", np_proto_name(k->l4, pb, sizeof(pb)));
	np_netns_label(k->netns, own, r->netns, sizeof(r->netns));
	if (v->errors)
		snprintf(r->error, sizeof(r->error), "%s",
			 np_errno_name((int)v->last_errno, eb, sizeof(eb)));
	addr_text(v->from_family, v->icmp_from, r->icmp_from, sizeof(r->icmp_from));
	r->mtu = v->mtu;
	if (v->icmp_drop || v->icmp_tx_drop)
		snprintf(r->drop_reason, sizeof(r->drop_reason), "%s",
			 drop_name(f, v->drop_reason, pb, sizeof(pb)));
	addr_text(v->to_family, v->sent_to, r->sent_to, sizeof(r->sent_to));
}

static uint64_t activity(const struct np_flow_row *r)
{
	return r->c.connects + r->c.syn_retrans + r->c.rst + r->c.errors + r->c.icmp_rx +
	       r->c.icmp_drop + r->c.icmp_tx + r->c.icmp_tx_drop;
}

static int row_cmp(const void *a, const void *b)
{
	uint64_t x = activity(a), y = activity(b);
	return x < y   ? 1
	       : x > y ? -1
		       : strcmp(((const struct np_flow_row *)a)->peer,
				((const struct np_flow_row *)b)->peer);
}

static int read_peers(struct np_flow *f)
{
	int fd = bpf_map__fd(f->skel->maps.peers);
	struct flow_key key, next, *prev = NULL;
	uint32_t own = (uint32_t)np_netns_inode();
	size_t cap = 0;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct flow_val v;
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &v))
			continue;
		if (f->nrows == cap) {
			size_t nc = cap ? cap * 2 : 16;
			void *p = np_xreallocarray(f->rows, nc, sizeof(*f->rows));
			f->rows = p;
			cap = nc;
		}
		fill_row(f, &key, &v, own, &f->rows[f->nrows]);
		add_counts(&f->tot.c, &f->rows[f->nrows].c);
		f->nrows++;
	}
	if (f->nrows > 1)
		qsort(f->rows, f->nrows, sizeof(*f->rows), row_cmp);
	return 0;
}

/* The most frequent address of each kind of "who". */
static void read_who(struct np_flow *f)
{
	int fd = bpf_map__fd(f->skel->maps.who);
	struct who_key key, next, *prev = NULL;
	uint64_t best[3] = {0};
	char *dst[3] = {f->tot.rst_from, f->tot.icmp_from, f->tot.sent_to};

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		uint64_t c;
		key = next;
		prev = &key;
		if (key.what > NP_WHO_SENT_TO || bpf_map_lookup_elem(fd, &key, &c) ||
		    c <= best[key.what])
			continue;
		best[key.what] = c;
		addr_text(key.family, key.addr, dst[key.what], sizeof(f->tot.rst_from));
	}
}

static void read_errors(struct np_flow *f)
{
	int fd = bpf_map__fd(f->skel->maps.errs);
	uint64_t best = 0;
	char eb[16];
	for (uint32_t e = 1; e < NP_FLOW_ERRNOS; e++) {
		uint64_t c;
		if (bpf_map_lookup_elem(fd, &e, &c) || !c)
			continue;
		f->tot.err_count[e] = c;
		if (c > best) {
			best = c;
			snprintf(f->tot.error, sizeof(f->tot.error), "%s",
				 np_errno_name((int)e, eb, sizeof(eb)));
		}
	}
}

static void read_drop_reasons(struct np_flow *f)
{
	int fd = bpf_map__fd(f->skel->maps.dreasons);
	uint32_t key, next, *prev = NULL;
	uint64_t best = 0;
	char nb[24];
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		uint64_t c;
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &c) || c <= best)
			continue;
		best = c;
		snprintf(f->tot.drop_reason, sizeof(f->tot.drop_reason), "%s",
			 drop_name(f, key, nb, sizeof(nb)));
	}
}

int np_flow_read(struct np_flow *f, const struct np_flow_row **rows, size_t *n,
		 const struct np_flow_totals **tot)
{
	const struct flow_bpf__bss *bss = f->skel->bss;
	int err;

	free(f->rows);
	f->rows = NULL;
	f->nrows = 0;
	memset(&f->tot, 0, sizeof(f->tot));
	err = read_peers(f);
	read_who(f);
	read_errors(f);
	read_drop_reasons(f);
	f->tot.mtu = bss->last_mtu;
	f->tot.lost = bss->lost_keys;
	np_flow_schedule_text(bss->sched_ms,
			      bss->sched_n < NP_FLOW_SCHED_MAX ? bss->sched_n : NP_FLOW_SCHED_MAX,
			      f->tot.schedule, sizeof(f->tot.schedule));
	*rows = f->rows;
	*n = f->nrows;
	*tot = &f->tot;
	return err;
}

void np_flow_schedule_text(const uint32_t *ms, unsigned n, char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%.1f", i ? " " : "", ms[i] / 1000.0);
}
