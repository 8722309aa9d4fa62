// SPDX-License-Identifier: GPL-2.0-only
/* Scenario fixture: an XDP program that drops every packet (XDP_DROP),
 * so veth's rx_queue_0_xdp_drops moves and `taps` lists it.  No headers:
 * compiled with `clang -O2 -target bpf -c`. */
#define SEC(name) __attribute__((section(name), used))

SEC("xdp") int xdp_drop(void *ctx)
{
	(void)ctx;
	return 1; /* XDP_DROP */
}

char _license[] SEC("license") = "GPL";
