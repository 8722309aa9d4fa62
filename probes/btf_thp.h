/* SPDX-License-Identifier: GPL-2.0-only */
/* Huge pages under libbpf's copy of the kernel BTF.
 *
 * btf__new() copies the 5-6 MB it parses into fresh heap memory.  On the
 * bench VM the first touch of a fresh 4 KiB page costs 13-15 us (the
 * hypervisor backs it), so the copy alone took 17-21 ms of the 26-36 ms
 * parse that every walk waits for; a copy into the same memory a second
 * time takes 0.3 ms.  Backed by 2 MiB transparent huge pages (madvise
 * mode, the distribution default) the fresh memory costs three faults.
 *
 * libbpf 1.1 allocates with plain malloc/realloc.  Where it is linked
 * statically the build wraps malloc, realloc and free (-Wl,--wrap, beside
 * the BTF wraps of kernel_btf.c): between np_thp_begin() and np_thp_end()
 * on one thread, an allocation of 256 KiB or more is an anonymous mapping
 * advised MADV_HUGEPAGE, freed by munmap.  Everything else, and every
 * other thread, goes to the C library untouched.  Linked shared, the two
 * calls do nothing. */
#ifndef NP_BTF_THP_H
#define NP_BTF_THP_H

/* Big allocations of the calling thread get huge pages until _end. */
void np_thp_begin(void);
void np_thp_end(void);
/* How many such allocations are live (tests). */
int np_thp_live(void);

#endif
