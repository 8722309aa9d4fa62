// SPDX-License-Identifier: GPL-2.0-only
/* features: what this kernel and these privileges allow probes to do,
 * detected by trying (probes/np_features.c). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "np_features.h"

static const char *const what[NP_FEAT__COUNT] = {
    [NP_FEAT_CAP_BPF] = "load BPF programs and maps",
    [NP_FEAT_CAP_PERFMON] = "attach to tracepoints, read kernel memory",
    [NP_FEAT_CAP_NET_ADMIN] = "privileged netlink (conntrack, some ethtool)",
    [NP_FEAT_BTF] = "kernel type info: CO-RE, drop-reason names, tp_btf",
    [NP_FEAT_TP_BTF] = "typed BTF tracepoints (first choice for probes)",
    [NP_FEAT_RAW_TP] = "raw tracepoints (fallback, no tracefs needed)",
    [NP_FEAT_TRACEPOINT] = "classic tracepoints (last resort, need tracefs)",
    [NP_FEAT_FENTRY] = "fentry on kernel functions (optional extra)",
    [NP_FEAT_KPROBE] = "kprobes (optional extra)",
    [NP_FEAT_RINGBUF] = "BPF ring buffer (probe trace events)",
    [NP_FEAT_DROP_REASONS] = "enum skb_drop_reason (else layer by function)",
};

static int features_run(struct np_ctx *ctx, const struct np_args *a)
{
	static const struct np_col cols[] = {
	    {"feature", "FEATURE", NP_COL_STR},
	    {"available", "AVAILABLE", NP_COL_BOOL},
	    {"detail", "DETAIL", NP_COL_STR, NP_COL_TRUNC},
	    {"use", "USED FOR", NP_COL_STR, .drop = 2},
	    {"errno", NULL, NP_COL_I64, NP_COL_JSON_ONLY},
	};
	struct np_table *t;
	const char *attach = "none";
	(void)a;

	t = np_table_begin(ctx->out, "features", NULL, cols, NP_ARRAY_SIZE(cols));
	for (int f = 0; f < NP_FEAT__COUNT; f++) {
		const struct np_feat_result *r = np_feature(f);
		np_row_begin(t);
		np_cell_str(t, np_feat_name(f));
		np_cell_bool(t, r->ok);
		np_cell_str(t, r->detail);
		np_cell_str(t, what[f]);
		np_cell_i64(t, r->err);
		np_row_end(t);
	}
	np_table_end(t);
	/* The same order the probes try. */
	if (np_feature(NP_FEAT_TP_BTF)->ok)
		attach = "tp_btf";
	else if (np_feature(NP_FEAT_RAW_TP)->ok)
		attach = "raw_tp";
	else if (np_feature(NP_FEAT_TRACEPOINT)->ok)
		attach = "tracepoint";
	np_print_str(ctx->out, "probe_attach", "\nprobes attach via: %s", attach);
	np_text(ctx->out, "%s\n",
		!strcmp(attach, "none") ? " (probes will report skip)"
					: " (tp_btf, else raw_tp, else classic tracepoint)");
	return 0;
}

const struct np_cmd np_cmd_features = {
    .name = "features",
    .summary = "what this kernel and these privileges allow probes to do",
    .help = "Detects, by actually trying with tiny BPF programs, whether this host offers BTF, "
	    "tp_btf and raw tracepoints, classic tracepoints (tracefs), fentry, kprobes, the BPF "
	    "ring buffer and drop reasons, and whether netpath holds CAP_BPF, CAP_PERFMON and "
	    "CAP_NET_ADMIN. Probes use the same detection and say which fallback they used.",
    .run = features_run,
};
