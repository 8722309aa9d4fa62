// SPDX-License-Identifier: GPL-2.0-only
#include <bpf/libbpf.h>
#include <stdio.h>
#include <sys/utsname.h>

#include "config.h"
#include "np_features.h"
#include "np_vcs.h"
#include "version.h"

void np_version_print(struct np_out *out)
{
	struct utsname u;
	char libbpf[32];

	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "unknown");
	snprintf(libbpf, sizeof(libbpf), "%u.%u", libbpf_major_version(), libbpf_minor_version());
	np_out_begin(out, "version");
	np_print_str(out, "version", "netpath %s", NP_VERSION);
	np_print_str(out, "git", " (git %s)\n", NP_GIT_COMMIT);
	np_print_str(out, "libbpf", "libbpf %s", libbpf);
	np_print_str(out, "kernel", ", kernel %s\n", u.release);
	np_open_obj(out, "features");
	np_print_bool(out, "btf", "features: BTF %s", np_feature(NP_FEAT_BTF)->ok);
	np_print_bool(out, "tp_btf", ", tp_btf %s", np_feature(NP_FEAT_TP_BTF)->ok);
	np_print_bool(out, "cap_bpf", ", CAP_BPF %s\n", np_feature(NP_FEAT_CAP_BPF)->ok);
	np_close_obj(out);
	np_out_end(out);
}
