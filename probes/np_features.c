// SPDX-License-Identifier: GPL-2.0-only
/* Feature detection for probes.  Everything is established by trying:
 * a two-instruction program loaded (and where cheap, attached) through
 * the bpf syscall, never by reading version numbers. */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/capability.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel_btf.h"
#include "np_features.h"
#include "np.h"
#include "reasons.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

static struct np_feat_result results[NP_FEAT__COUNT];
static bool done[NP_FEAT__COUNT];

static const char *const names[NP_FEAT__COUNT] = {
    [NP_FEAT_CAP_BPF] = "CAP_BPF",
    [NP_FEAT_CAP_PERFMON] = "CAP_PERFMON",
    [NP_FEAT_CAP_NET_ADMIN] = "CAP_NET_ADMIN",
    [NP_FEAT_BTF] = "btf",
    [NP_FEAT_TP_BTF] = "tp_btf",
    [NP_FEAT_RAW_TP] = "raw_tracepoint",
    [NP_FEAT_TRACEPOINT] = "tracepoint",
    [NP_FEAT_FENTRY] = "fentry",
    [NP_FEAT_KPROBE] = "kprobe",
    [NP_FEAT_RINGBUF] = "ringbuf",
    [NP_FEAT_DROP_REASONS] = "drop_reasons",
};

const char *np_feat_name(enum np_feat f)
{
	return (unsigned)f < NP_FEAT__COUNT ? names[f] : "?";
}

static bool has_cap(int cap)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return false;
	return d[cap / 32].effective & (1u << (cap % 32));
}

int np_probe_caps(char *why, size_t len)
{
	bool admin = has_cap(CAP_SYS_ADMIN);
	bool bpf = admin || has_cap(CAP_BPF), perfmon = admin || has_cap(CAP_PERFMON);
	if (bpf && perfmon)
		return 0;
	snprintf(
	    why, len, "missing %s%s%s (run as root or grant them: setcap cap_bpf,cap_perfmon+ep)",
	    bpf ? "" : "CAP_BPF", !bpf && !perfmon ? " and " : "", perfmon ? "" : "CAP_PERFMON");
	return -EPERM;
}

const char *np_tracefs_path(void)
{
	static const char *const paths[] = {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"};
	struct stat st;
	char p[64];
	for (size_t i = 0; i < NP_ARRAY_SIZE(paths); i++) {
		snprintf(p, sizeof(p), "%s/events", paths[i]);
		if (!stat(p, &st))
			return paths[i];
	}
	return "";
}

static const struct bpf_insn ret0[] = {
    {.code = 0xb7, .dst_reg = 0, .imm = 0}, /* r0 = 0 */
    {.code = 0x95},			    /* exit */
};

/* Load a tracing program against a BTF id; attach (tp_btf) if asked. */
static int try_tracing(struct np_feat_result *r, enum bpf_attach_type at, const char *name,
		       __u32 kind, bool attach)
{
	struct btf *btf = np_kernel_btf();
	LIBBPF_OPTS(bpf_prog_load_opts, o);
	int id, fd, lfd;

	if (!btf) {
		snprintf(r->detail, sizeof(r->detail), "no vmlinux BTF");
		return -ENOENT;
	}
	id = btf__find_by_name_kind(btf, name, kind);
	if (id < 0) {
		snprintf(r->detail, sizeof(r->detail), "%s not in BTF", name);
		return -ENOENT;
	}
	o.expected_attach_type = at;
	o.attach_btf_id = (__u32)id;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "np_feat", "GPL", ret0, 2, &o);
	if (fd < 0) {
		snprintf(r->detail, sizeof(r->detail), "load refused: %s", strerror(errno));
		return -errno;
	}
	if (attach) {
		lfd = bpf_raw_tracepoint_open(NULL, fd);
		if (lfd < 0) {
			int err = -errno;
			snprintf(r->detail, sizeof(r->detail), "attach refused: %s",
				 strerror(-err));
			close(fd);
			return err;
		}
		close(lfd);
	}
	close(fd);
	snprintf(r->detail, sizeof(r->detail), "loaded%s against %s", attach ? " and attached" : "",
		 name);
	return 0;
}

/* A capability in the effective set (CAP_BPF and CAP_PERFMON are implied
 * by CAP_SYS_ADMIN). */
static int detect_cap(enum np_feat f, struct np_feat_result *r)
{
	int cap = f == NP_FEAT_CAP_BPF	     ? CAP_BPF
		  : f == NP_FEAT_CAP_PERFMON ? CAP_PERFMON
					     : CAP_NET_ADMIN;
	if (has_cap(cap)) {
		snprintf(r->detail, sizeof(r->detail), "effective");
		return 0;
	}
	if (f != NP_FEAT_CAP_NET_ADMIN && has_cap(CAP_SYS_ADMIN)) {
		snprintf(r->detail, sizeof(r->detail), "implied by CAP_SYS_ADMIN");
		return 0;
	}
	snprintf(r->detail, sizeof(r->detail), "not in the effective set");
	return -EPERM;
}

/* A raw tracepoint program loads and attaches to kfree_skb. */
static int detect_raw_tp(struct np_feat_result *r)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o);
	int fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "np_feat", "GPL", ret0, 2, &o);
	int lfd, err;
	if (fd < 0) {
		snprintf(r->detail, sizeof(r->detail), "load refused: %s", strerror(errno));
		return -errno;
	}
	lfd = bpf_raw_tracepoint_open("kfree_skb", fd);
	err = lfd < 0 ? -errno : 0;
	if (lfd >= 0)
		close(lfd);
	close(fd);
	snprintf(r->detail, sizeof(r->detail), err ? "attach refused: %s" : "%s",
		 err ? strerror(-err) : "attached to kfree_skb");
	return err;
}

static int detect(enum np_feat f, struct np_feat_result *r)
{
	char why[160];
	struct stat st;

	switch (f) {
	case NP_FEAT_CAP_BPF:
	case NP_FEAT_CAP_PERFMON:
	case NP_FEAT_CAP_NET_ADMIN:
		return detect_cap(f, r);
	case NP_FEAT_BTF:
		if (!np_kernel_btf()) {
			snprintf(r->detail, sizeof(r->detail), "/sys/kernel/btf/vmlinux: %s",
				 strerror(errno));
			return -ENOENT;
		}
		snprintf(r->detail, sizeof(r->detail), "vmlinux BTF, %u types",
			 btf__type_cnt(np_kernel_btf()));
		return 0;
	case NP_FEAT_TP_BTF:
		if (np_probe_caps(why, sizeof(why))) {
			snprintf(r->detail, sizeof(r->detail), "%s", why);
			return -EPERM;
		}
		return try_tracing(r, BPF_TRACE_RAW_TP, "btf_trace_kfree_skb", BTF_KIND_TYPEDEF,
				   true);
	case NP_FEAT_FENTRY:
		if (np_probe_caps(why, sizeof(why))) {
			snprintf(r->detail, sizeof(r->detail), "%s", why);
			return -EPERM;
		}
		/* The drop function was renamed in 6.11; any traceable one will do. */
		if (np_kernel_btf() &&
		    btf__find_by_name_kind(np_kernel_btf(), "sk_skb_reason_drop", BTF_KIND_FUNC) > 0)
			return try_tracing(r, BPF_TRACE_FENTRY, "sk_skb_reason_drop", BTF_KIND_FUNC,
					   false);
		return try_tracing(r, BPF_TRACE_FENTRY, "consume_skb", BTF_KIND_FUNC, false);
	case NP_FEAT_RAW_TP:
		if (np_probe_caps(why, sizeof(why))) {
			snprintf(r->detail, sizeof(r->detail), "%s", why);
			return -EPERM;
		}
		return detect_raw_tp(r);
	case NP_FEAT_TRACEPOINT: {
		const char *p = np_tracefs_path();
		char id[128];
		if (!*p) {
			snprintf(r->detail, sizeof(r->detail),
				 "tracefs not mounted: classic tracepoint ids unavailable");
			return -ENOENT;
		}
		snprintf(id, sizeof(id), "%s/events/skb/kfree_skb/id", p);
		if (stat(id, &st)) {
			snprintf(r->detail, sizeof(r->detail), "%s: %s", id, strerror(errno));
			return -errno;
		}
		snprintf(r->detail, sizeof(r->detail), "tracefs at %s", p);
		return 0;
	}
	case NP_FEAT_KPROBE: {
		int err;
		if (stat("/sys/bus/event_source/devices/kprobe/type", &st)) {
			snprintf(r->detail, sizeof(r->detail),
				 "no kprobe PMU (kprobes not built into this kernel)");
			return -ENOENT;
		}
		err = libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_KPROBE, NULL);
		snprintf(r->detail, sizeof(r->detail),
			 err > 0 ? "kprobe PMU and program type present"
				 : "kprobe programs refused");
		return err > 0 ? 0 : -EOPNOTSUPP;
	}
	case NP_FEAT_RINGBUF: {
		int err = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL);
		snprintf(r->detail, sizeof(r->detail), err > 0 ? "map created" : "map refused");
		return err > 0 ? 0 : -EOPNOTSUPP;
	}
	case NP_FEAT_DROP_REASONS: {
		struct np_reason_names rn;
		int err = np_reason_names_load(&rn);
		if (err) {
			snprintf(r->detail, sizeof(r->detail),
				 "no enum skb_drop_reason: layers come from the location function");
			return err;
		}
		snprintf(r->detail, sizeof(r->detail), "%d reasons (enum skb_drop_reason)", rn.n);
		np_reason_names_free(&rn);
		return 0;
	}
	default:
		return -EINVAL;
	}
}

const struct np_feat_result *np_feature(enum np_feat f)
{
	if ((unsigned)f >= NP_FEAT__COUNT)
		return NULL;
	if (!done[f]) {
		int err = detect(f, &results[f]);
		results[f].ok = !err;
		results[f].err = err;
		done[f] = true;
	}
	return &results[f];
}
