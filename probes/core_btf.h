/* SPDX-License-Identifier: GPL-2.0-only */
/* CO-RE against a cut-down copy of the kernel's BTF.
 *
 * libbpf 1.1 relocates an object by searching the whole kernel BTF
 * (125,869 types here) once for every struct, union, enum or typedef the
 * object's relocations name, comparing names type by type: 7 searches and
 * ~60 % of the drop probe's load on the bench VM.  libbpf accepts another
 * target BTF for CO-RE alone (btf_custom_path; attach targets and kfuncs
 * still resolve against the kernel's).  np_core_btf gives it one holding
 * only the kernel types named like the object's own, found in one pass,
 * and what their layout needs: members, arrays, typedefs and modifiers
 * followed, pointers cut to `void *` (CO-RE compares a pointer field as a
 * pointer, never its target).
 *
 * The file is a memfd named by /proc/self/fd/N: the path goes to libbpf at
 * open, the contents are written once the object's own BTF is known, and
 * libbpf reads it at load.  Used only while the kernel has no module BTF
 * (/sys/kernel/btf holds vmlinux alone): with the override libbpf skips
 * module BTFs, so a type only a module defines would not be found.
 *
 * Type-id relocations (bpf_core_type_id_kernel) would give ids in the copy:
 * the probes take kernel ids from np_kernel_ids() instead. */
#ifndef NP_CORE_BTF_H
#define NP_CORE_BTF_H

#include <stdbool.h>

#include <bpf/libbpf.h>

#include "filter_types.h"

struct btf;

struct np_core_btf {
	struct bpf_object_open_opts opts;
	int fd;	       /* the memfd, -1 when not used */
	char path[32]; /* /proc/self/fd/N */
};

/* The options for X_bpf__open_opts: btf_custom_path set when the cut-down
 * copy can be used (kernel BTF read, no module BTF, a memfd).  Use as
 *   s = x_bpf__open_opts(np_core_btf_opts(&cb));
 *   if (!s) return np_core_btf_fail(&cb);
 *   ... rodata ...
 *   err = np_core_btf_load(&cb, s->skeleton); */
const struct bpf_object_open_opts *np_core_btf_opts(struct np_core_btf *c);
/* After a failed open: closes c, returns -errno of the open. */
int np_core_btf_fail(struct np_core_btf *c);
/* After open, before load: writes the copy for obj's types.  Where it
 * cannot be made, the whole kernel BTF is written instead (slower, same
 * result).  0 or -errno (then the load will fail to read the file). */
int np_core_btf_fill(struct np_core_btf *c, const struct bpf_object *obj);
/* After load (whatever its result). */
void np_core_btf_close(struct np_core_btf *c);
/* The three around a skeleton's load: fill, bpf_object__load_skeleton,
 * close.  0 or libbpf's -errno. */
int np_core_btf_load(struct np_core_btf *c, struct bpf_object_skeleton *skel);

/* The cut-down BTF for the named types of `local`, in the kernel's BTF
 * format: *len bytes the caller frees, or NULL with errno set.  Written
 * straight (the kernel's strings are unique, so they are copied once per
 * offset), not through libbpf's btf__add_type: its string deduplication
 * was half the cost of the cut. */
void *np_core_btf_cut_raw(const struct btf *kernel, const struct btf *local, size_t *len);
/* The same parsed (tests): a btf the caller frees, or NULL. */
struct btf *np_core_btf_cut(const struct btf *kernel, const struct btf *local);

/* The kernel's BTF ids of the types the probes cast to, looked up once per
 * process; 0 for a type the kernel lacks (or without kernel BTF). */
const struct np_kernel_ids *np_kernel_ids(void);

#endif
