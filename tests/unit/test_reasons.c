// SPDX-License-Identifier: GPL-2.0-only
/* The drop-reason knowledge: coverage, classification by name and by
 * function, benign marks, and agreement with the running kernel's BTF. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "reasons.h"

static enum np_layer layer_of(const char *name, const char *func)
{
	return np_reason_classify(name, func)->layer;
}

int main(void)
{
	struct np_reason_names rn;

	CHECK(np_reason_count() >= 126);
	for (size_t i = 0; i < np_reason_count(); i++) {
		const struct np_reason_info *r = np_reason_at(i);
		CHECK(r->name && *r->name && r->meaning && *r->meaning && r->next && *r->next);
		CHECK(np_reason_lookup(r->name) == r);
	}
	CHECK(np_reason_lookup("SKB_DROP_REASON_NO_SOCKET") == np_reason_lookup("no_socket"));
	CHECK(np_reason_lookup("NO_SUCH_REASON") == NULL);

	/* By name. */
	CHECK(layer_of("NETFILTER_DROP", "nf_hook_slow") == NP_L_NETFILTER);
	CHECK(layer_of("NO_SOCKET", "__udp4_lib_rcv") == NP_L_TRANSPORT);
	CHECK(layer_of("SOCKET_RCVBUFF", "udp_queue_rcv_one_skb") == NP_L_SOCKET);
	CHECK(layer_of("CPU_BACKLOG", "enqueue_to_backlog") == NP_L_SOFTIRQ);
	CHECK(layer_of("QDISC_DROP", "__dev_queue_xmit") == NP_L_QDISC);
	CHECK(layer_of("TC_INGRESS", "__netif_receive_skb_core") == NP_L_TC);
	CHECK(layer_of("IP_RPFILTER", "ip_rcv_finish_core") == NP_L_ROUTING);
	CHECK(layer_of("NEIGH_FAILED", "neigh_invalidate") == NP_L_NEIGHBOR);

	/* NOT_SPECIFIED and unknown names map by function. */
	CHECK(layer_of("NOT_SPECIFIED", "ip_error") == NP_L_ROUTING);
	CHECK(layer_of("NOT_SPECIFIED", "do_xdp_generic") == NP_L_XDP);
	CHECK(layer_of("NOT_SPECIFIED", "veth_xdp_rcv_skb") == NP_L_XDP);
	CHECK(layer_of("NOT_SPECIFIED", "nft_do_chain") == NP_L_NETFILTER);
	CHECK(layer_of("NOT_SPECIFIED", "tcp_v4_rcv") == NP_L_TRANSPORT);
	CHECK(layer_of("NOT_SPECIFIED", "sch_direct_xmit") == NP_L_QDISC);
	CHECK(layer_of("NOT_SPECIFIED", "neigh_resolve_output") == NP_L_NEIGHBOR);
	/* Multicast not for this host: housekeeping, not loss. */
	CHECK(np_reason_classify("NOT_SPECIFIED", "ip_rcv_finish_core")->benign);
	CHECK(np_reason_classify("NOT_SPECIFIED", "ip6_mc_input")->benign);
	CHECK(!np_reason_classify("IP_RPFILTER", "ip_rcv_finish_core")->benign);
	CHECK(!np_reason_classify("NOT_SPECIFIED", "ip_rcv_core")->benign);
	CHECK(layer_of("SOME_FUTURE_REASON", "udp_queue_rcv_one_skb") == NP_L_SOCKET);
	CHECK(layer_of(NULL, "ip_error") == NP_L_ROUTING);
	CHECK(np_reason_classify("SOME_FUTURE_REASON", "frobnicate") == np_reason_generic());
	CHECK(np_reason_classify(NULL, NULL) == np_reason_generic());
	CHECK(np_reason_classify("NOT_SPECIFIED", "frobnicate") ==
	      np_reason_lookup("NOT_SPECIFIED"));
	CHECK(np_reason_classify("NOT_SPECIFIED", "skb_release_data")->benign);

	/* Benign housekeeping vs loss. */
	CHECK(np_reason_lookup("SOCKET_CLOSE")->benign);
	CHECK(np_reason_lookup("QUEUE_PURGE")->benign);
	CHECK(np_reason_lookup("PACKET_SOCK_ERROR")->benign);
	CHECK(np_reason_lookup("IPV6_NDISC_NS_OTHERHOST")->benign);
	CHECK(np_reason_lookup("UNHANDLED_PROTO")->benign);
	CHECK(np_reason_lookup("TCP_OLD_DATA")->benign);
	CHECK(!np_reason_lookup("NETFILTER_DROP")->benign);
	CHECK(!np_reason_lookup("NO_SOCKET")->benign);
	CHECK(!np_reason_lookup("SOCKET_RCVBUFF")->benign);
	/* A neighbour's queue purged is loss at the neighbour layer. */
	CHECK(!np_reason_classify("QUEUE_PURGE", "neigh_destroy")->benign);
	CHECK(layer_of("QUEUE_PURGE", "neigh_destroy") == NP_L_NEIGHBOR);
	CHECK(strstr(np_reason_tcpdump(np_reason_lookup("TC_INGRESS")), "yes") != NULL);
	CHECK(strstr(np_reason_tcpdump(np_reason_lookup("QDISC_DROP")), "no") != NULL);

	/* Every reason the running kernel knows has an entry (skipped
	 * without BTF: CI containers may lack /sys/kernel/btf/vmlinux). */
	if (np_reason_names_load(&rn) == 0) {
		int missing = 0;
		for (int i = 0; i < rn.n; i++)
			if (!np_reason_lookup(rn.v[i].name)) {
				fprintf(stderr, "no table entry for %s\n", rn.v[i].name);
				missing++;
			}
		CHECK(missing == 0);
		CHECK(rn.n >= 100);
		CHECK(np_reason_name(&rn, 0xffffffffu) == NULL);
		np_reason_names_free(&rn);
	} else {
		printf("no vmlinux BTF: kernel coverage not checked\n");
	}
	return check_done();
}
