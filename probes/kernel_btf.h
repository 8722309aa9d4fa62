/* SPDX-License-Identifier: GPL-2.0-only */
/* The running kernel's BTF, read and parsed once per process.
 *
 * /sys/kernel/btf/vmlinux is 5-6 MB.  Its readers (libbpf, once for every
 * object it loads; the drop and reset reason tables; the feature probe;
 * flow's plan) each used to read and parse their own copy, up to seven
 * times a walk, at 40-50 ms each on a VM where a page fault is dear.  They
 * now share one (see doc/PERFORMANCE.md, "one kernel BTF per process").
 *
 * The returned btf belongs to this module: never btf__free it.  When
 * libbpf is linked statically, the build wraps libbpf's own
 * btf__load_vmlinux_btf()/btf__free() (-Wl,--wrap) so its object loads use
 * the shared copy too; linked shared, libbpf parses its own. */
#ifndef NP_KERNEL_BTF_H
#define NP_KERNEL_BTF_H

#include <stddef.h>

struct btf;

/* The running kernel's BTF, or NULL with errno set. */
struct btf *np_kernel_btf(void);
/* Begin reading it on a thread of its own, so a run's "before" snapshot
 * and planning overlap the read (one core reads, the other snapshots);
 * np_kernel_btf() waits for that thread.  Call from the thread that will
 * use it; harmless when already read. */
void np_kernel_btf_prefetch(void);
/* What the name tables and the flow plan read: the file NETPATH_BTF names
 * when set (tests, kernels whose BTF lives elsewhere), else the kernel's. */
struct btf *np_names_btf(void);
/* np_names_btf()'s bytes, in the kernel's BTF format (NULL, 0 without). */
const void *np_names_btf_raw(size_t *len);
/* Free both (the next call reads again).  For long-lived shells. */
void np_kernel_btf_release(void);

#endif
