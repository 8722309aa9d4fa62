// SPDX-License-Identifier: GPL-2.0
/* Scenario fault: an XDP program that drops every packet to DROP_PORT.
 * Loaded in generic mode on a veth with
 * `ip link set dev DEV xdpgeneric obj xdp_drop_port.bpf.o sec xdp`. */
#include "drop_port.h"

SEC("xdp")
int xdp_drop_port(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;

	return frame_to_drop_port(data, end) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
