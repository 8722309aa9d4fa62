/* SPDX-License-Identifier: GPL-2.0-only */
/* One tracepoint handler as a pair of programs: NAME_btf (tp_btf: typed
 * arguments, plain loads) and NAME_raw (raw_tp: the fallback where tp_btf
 * is refused).  User space autoloads one of each pair.  The body sees a
 * constant `btf` to pick its flavour of reads; the other flavour is
 * compiled out.  Include after vmlinux.h and bpf_tracing.h. */
#ifndef NP_PROG_PAIR_BPF_H
#define NP_PROG_PAIR_BPF_H

#define BOTH(tp, name, args, body)                                                                 \
	SEC("tp_btf/" #tp) int BPF_PROG(name##_btf, args)                                          \
	{                                                                                          \
		const bool btf = true;                                                             \
		body                                                                               \
	}                                                                                          \
	SEC("raw_tp/" #tp) int BPF_PROG(name##_raw, args)                                          \
	{                                                                                          \
		const bool btf = false;                                                            \
		body                                                                               \
	}

#define ARGS(...) __VA_ARGS__

#endif
