// SPDX-License-Identifier: GPL-2.0-only
/* The shared libbpf setup of every probe (see probe_load.h). */
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "np_features.h"
#include "probe_load.h"

static const char *const mode_names[NP_ATTACH__COUNT] = {"tp_btf", "raw_tp", "tracepoint"};
static const char *const suffixes[NP_ATTACH__COUNT] = {"_btf", "_raw", "_tp"};

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG || !getenv("NETPATH_DEBUG"))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int np_probe_begin(char *why, size_t len)
{
	static bool quiet;
	if (np_probe_caps(why, len))
		return -EPERM;
	if (!quiet) {
		libbpf_set_print(libbpf_print);
		quiet = true;
	}
	return 0;
}

const char *np_probe_forced_attach(void)
{
	const char *e = getenv("NETPATH_PROBE_ATTACH");
	return e && *e ? e : NULL;
}

/* tp_btf needs the kernel's BTF; the classic tracepoint needs tracefs for
 * its id.  raw_tp needs neither. */
static bool mode_possible(int mode, bool tracepoint_ok)
{
	struct stat st;
	const char *force = np_probe_forced_attach();
	if (force && strcmp(force, mode_names[mode]))
		return false;
	if (mode == NP_ATTACH_BTF)
		return !stat("/sys/kernel/btf/vmlinux", &st);
	if (mode == NP_ATTACH_TP)
		return tracepoint_ok && *np_tracefs_path();
	return true;
}

const char *np_probe_attach(const char *what, bool tracepoint_ok,
			    int (*try_mode)(void *arg, int mode), void *arg, int *err, char *why,
			    size_t len)
{
	*err = -ENOENT;
	for (int m = 0; m < NP_ATTACH__COUNT; m++) {
		if (!mode_possible(m, tracepoint_ok))
			continue;
		*err = try_mode(arg, m);
		if (!*err)
			return mode_names[m];
	}
	snprintf(why, len, "cannot attach to %s: %s", what, strerror(-*err));
	return NULL;
}

void np_probe_autoload(struct bpf_object *obj, int mode, bool (*keep)(void *arg, const char *base),
		       void *arg)
{
	struct bpf_program *prog;
	bpf_object__for_each_program(prog, obj)
	{
		const char *n = bpf_program__name(prog);
		size_t l = strlen(n);
		char base[64];
		int of = -1;
		for (int m = 0; m < NP_ATTACH__COUNT; m++) {
			size_t sl = strlen(suffixes[m]);
			if (l > sl && !strcmp(n + l - sl, suffixes[m]))
				of = m;
		}
		if (of < 0)
			continue;
		snprintf(base, sizeof(base), "%.*s", (int)(l - strlen(suffixes[of])), n);
		bpf_program__set_autoload(prog, of == mode && (!keep || keep(arg, base)));
	}
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), sl = strlen(suffix);
	return l >= sl && !strcmp(s + l - sl, suffix);
}

void np_probe_kernel_data(struct bpf_object *obj)
{
	struct bpf_map *m;
	bpf_object__for_each_map(m, obj)
	{
		const char *n = bpf_map__name(m);
		if (!bpf_map__is_internal(m) ||
		    !(ends_with(n, ".rodata") || ends_with(n, ".data.pkt")))
			continue;
		bpf_map__set_map_flags(m, bpf_map__map_flags(m) & ~BPF_F_MMAPABLE);
	}
}
