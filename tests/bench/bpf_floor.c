// SPDX-License-Identifier: GPL-2.0-only
/* The floor of the BPF run-time statistics for the probe benchmark: an
 * empty tp_btf program (r0 = 0; exit) on skb:kfree_skb.  Its ns/run is
 * what the statistics themselves and a program's entry cost, so the
 * bench subtracts it from every program's run time to get what the
 * program's own work costs per packet.  Prints "attached", then holds
 * the program until SIGINT/SIGTERM or SECONDS.
 * Usage: bpf_floor SECONDS   (root; build: cc bpf_floor.c -lbpf) */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct bpf_insn insns[] = {
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
	    {.code = BPF_JMP | BPF_EXIT},
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_RAW_TP);
	struct btf *vmlinux;
	int id, prog, link, secs;

	if (argc != 2) {
		fprintf(stderr, "usage: bpf_floor SECONDS\n");
		return 64;
	}
	secs = atoi(argv[1]);
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		fprintf(stderr, "bpf_floor: no kernel BTF\n");
		return 1;
	}
	id = btf__find_by_name_kind(vmlinux, "btf_trace_kfree_skb", BTF_KIND_TYPEDEF);
	btf__free(vmlinux);
	if (id < 0) {
		fprintf(stderr, "bpf_floor: no btf_trace_kfree_skb in the kernel's BTF\n");
		return 1;
	}
	opts.attach_btf_id = (__u32)id;
	prog = bpf_prog_load(BPF_PROG_TYPE_TRACING, "np_bench_floor", "GPL", insns, 2, &opts);
	if (prog < 0) {
		fprintf(stderr, "bpf_floor: load: %s\n", strerror(errno));
		return 1;
	}
	link = bpf_raw_tracepoint_open(NULL, prog);
	if (link < 0) {
		fprintf(stderr, "bpf_floor: attach: %s\n", strerror(errno));
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	printf("attached\n");
	fflush(stdout);
	for (int i = 0; i < secs * 10 && !stop; i++)
		usleep(100000);
	close(link);
	close(prog);
	return 0;
}
