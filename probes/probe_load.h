/* SPDX-License-Identifier: GPL-2.0-only */
/* How every probe gets into the kernel, in one place: the capabilities,
 * libbpf's messages, the attach modes in order (tp_btf where the kernel
 * has BTF, raw_tp, the classic tracepoint where tracefs is mounted, one
 * of them when NETPATH_PROBE_ATTACH forces it) and the program pairs of
 * prog_pair.bpf.h kept for the mode being tried. */
#ifndef NP_PROBE_LOAD_H
#define NP_PROBE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

struct bpf_object;

enum np_attach { NP_ATTACH_BTF, NP_ATTACH_RAW, NP_ATTACH_TP, NP_ATTACH__COUNT };

/* Before anything is opened: 0, or -EPERM with why naming the missing
 * capability.  Quiets libbpf unless NETPATH_DEBUG is set (a refused
 * tp_btf load before the raw_tp fallback is not the user's problem). */
int np_probe_begin(char *why, size_t len);
/* try_mode(arg, mode) for each attach mode allowed (NP_ATTACH_TP only
 * when tracepoint_ok: the probe has classic-tracepoint programs): it
 * opens the skeleton, keeps the mode's programs (np_probe_autoload),
 * loads and attaches.  The mode that worked ("tp_btf", "raw_tp",
 * "tracepoint"), or NULL with *err and "cannot attach to WHAT: ..." in
 * why. */
const char *np_probe_attach(const char *what, bool tracepoint_ok,
			    int (*try_mode)(void *arg, int mode), void *arg, int *err, char *why,
			    size_t len);
/* Autoload, in a skeleton's object, exactly the programs of mode: those
 * named NAME_btf (tp_btf), NAME_raw (raw_tp) or NAME_tp (tracepoint);
 * keep(arg, NAME) may leave out a program the filter makes useless (NULL:
 * keep all).  Programs without such a suffix are left as they are. */
void np_probe_autoload(struct bpf_object *obj, int mode, bool (*keep)(void *arg, const char *base),
		       void *arg);
/* Before load: the global data the programs read per packet and user
 * space never reads back, .rodata and .data.pkt (NP_PKT_DATA in
 * filter.bpf.h), made without BPF_F_MMAPABLE.  The kernel then allocates
 * such a small array with kmalloc, in its direct map (huge pages),
 * instead of 4 KiB vmalloc pages: the first load from a vmalloc page in a
 * program run was the most sampled instruction of the drop and trace
 * programs under a flood on the bench VM (a TLB miss for every program
 * run).  Their skeleton pointers are NULL after load. */
void np_probe_kernel_data(struct bpf_object *obj);
/* NETPATH_PROBE_ATTACH=tp_btf|raw_tp|tracepoint, or NULL when unset. */
const char *np_probe_forced_attach(void);

#endif
