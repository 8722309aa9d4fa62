// SPDX-License-Identifier: GPL-2.0-only
/* Scenario fixture: a cls_bpf direct-action program that drops every
 * packet (TC_ACT_SHOT), for `taps` to list on a clsact hook. */
#define SEC(name) __attribute__((section(name), used))

SEC("classifier") int tc_drop(void *skb)
{
	(void)skb;
	return 2; /* TC_ACT_SHOT */
}

char _license[] SEC("license") = "GPL";
