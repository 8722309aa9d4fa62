// SPDX-License-Identifier: GPL-2.0
/* Scenario fault: a cls_bpf direct-action program that shoots every packet
 * to DROP_PORT (tc ingress or egress).  Loaded by the scenarios with
 * `tc filter add dev DEV ingress bpf da obj tc_drop_port.bpf.o sec tc`. */
#include "drop_port.h"

#define TC_ACT_OK   0
#define TC_ACT_SHOT 2

SEC("tc")
int tc_drop_port(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	return frame_to_drop_port(data, end) ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
