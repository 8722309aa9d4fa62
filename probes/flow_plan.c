// SPDX-License-Identifier: GPL-2.0-only
/* Planning the parts of `probe flow` (see flow_plan.h). */
#include <linux/btf.h>
#include <linux/types.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "filter_types.h"
#include "flow_plan.h"

const struct np_flow_part np_flow_parts[NP_FLOW_PARTS] = {
    {"state", "sock:inet_sock_set_state"}, {"syn_retrans", "tcp:tcp_retransmit_skb"},
    {"rst", "tcp:tcp_receive_reset"},	   {"errors", "sock:inet_sk_error_report"},
    {"icmp_rx", "net:netif_receive_skb"},  {"icmp_drop", "skb:kfree_skb"},
    {"icmp_sent", "icmp:icmp_send"},	   {"icmp6_sent", "net:net_dev_queue"},
};

bool np_btf_has_name(const void *raw, size_t len, const char *name)
{
	const struct btf_header *h = raw;
	const char *strs, *p, *end;
	size_t n = strlen(name);

	if (len < sizeof(*h) || h->magic != BTF_MAGIC || h->hdr_len > len ||
	    (size_t)h->hdr_len + h->str_off + h->str_len > len || !n)
		return false;
	strs = (const char *)raw + h->hdr_len + h->str_off;
	end = strs + h->str_len;
	/* Every string is NUL-terminated and the section starts with "": a
	 * name is a match preceded by a NUL and followed by one. */
	for (p = strs; p && p + n < end; p = memchr(p + 1, name[0], (size_t)(end - p - 1)))
		if (p > strs && p[-1] == '\0' && !memcmp(p, name, n) && p[n] == '\0')
			return true;
	return false;
}

/* A tracepoint exists when the kernel's BTF has its btf_trace_ typedef. */
static bool tp_exists(const void *btf, size_t len, const char *tp)
{
	char name[96];
	const char *colon = strchr(tp, ':');
	if (!btf)
		return true; /* nothing to ask: let the load decide */
	snprintf(name, sizeof(name), "btf_trace_%s", colon ? colon + 1 : tp);
	return np_btf_has_name(btf, len, name);
}

bool np_flow_plan_make(const void *btf, size_t len, bool have_tp_btf, const char *force,
		       struct np_flow_plan *p)
{
	int first = NP_USE_BTF;
	memset(p, 0, sizeof(*p));
	if (force && strcmp(force, "tp_btf") && strcmp(force, "raw_tp"))
		return false; /* no classic-tracepoint variant */
	if ((force && !strcmp(force, "raw_tp")) || !have_tp_btf)
		first = NP_USE_RAW;
	p->may_raw = !force && first == NP_USE_BTF;
	for (int i = 0; i < NP_FLOW_PARTS; i++) {
		p->use[i] = first;
		if (!tp_exists(btf, len, np_flow_parts[i].tp))
			np_flow_plan_off(p, i, "not in this kernel");
	}
	return true;
}

void np_flow_plan_filter(struct np_flow_plan *p, const struct np_filter *f)
{
	bool v4 = ((f->flags & NP_F_SRC) && f->src.family == 4) ||
		  ((f->flags & NP_F_DST) && f->dst.family == 4) ||
		  ((f->flags & NP_F_HOST) && f->host.family == 4);
	if (v4 && p->use[NP_FLOW_PART_ICMP4_SENT] >= 0 && p->use[NP_FLOW_PART_ICMP6_SENT] >= 0)
		p->use[NP_FLOW_PART_ICMP6_SENT] = NP_USE_UNNEEDED;
}

void np_flow_plan_off(struct np_flow_plan *p, int part, const char *fmt, ...)
{
	va_list ap;
	p->use[part] = NP_USE_OFF;
	va_start(ap, fmt);
	vsnprintf(p->why[part], sizeof(p->why[part]), fmt, ap);
	va_end(ap);
}

void np_flow_plan_describe(const struct np_flow_plan *p, char *skip, size_t slen, char *mode,
			   size_t mlen)
{
	bool btf = false, raw = false;
	size_t o = 0;
	if (slen)
		skip[0] = '\0';
	for (int i = 0; i < NP_FLOW_PARTS; i++) {
		btf |= p->use[i] == NP_USE_BTF;
		raw |= p->use[i] == NP_USE_RAW;
		if (p->use[i] == NP_USE_OFF && o < slen)
			o +=
			    (size_t)snprintf(skip + o, slen - o, "%s%s (%s: %s)", o ? ", " : "",
					     np_flow_parts[i].name, np_flow_parts[i].tp, p->why[i]);
	}
	snprintf(mode, mlen, "%s",
		 btf && raw ? "tp_btf+raw_tp"
		 : btf	    ? "tp_btf"
		 : raw	    ? "raw_tp"
			    : "none");
}
