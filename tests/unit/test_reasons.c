// SPDX-License-Identifier: GPL-2.0-only
/* The drop-reason knowledge: coverage, classification by name and by
 * function, benign marks, and agreement with the running kernel's BTF. */
#include <bpf/btf.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "reasons.h"

static enum np_layer layer_of(const char *name, const char *func)
{
	return np_reason_classify(name, func)->layer;
}

/* A kernel that names a reason no table has: a synthetic BTF enum, read
 * through NETPATH_BTF like the real one, is explained by derivation. */
static void synthetic_btf(void)
{
	char path[] = "/tmp/np-test-btf-XXXXXX";
	struct np_reason_names rn;
	const void *raw;
	__u32 size;
	struct btf *btf = btf__new_empty();
	int fd, id, seen = 0;

	CHECK(btf != NULL);
	if (!btf)
		return;
	id = btf__add_enum(btf, "skb_drop_reason", 4);
	CHECK(id > 0);
	btf__add_enum_value(btf, "SKB_NOT_DROPPED_YET", 0);
	btf__add_enum_value(btf, "SKB_CONSUMED", 1);
	btf__add_enum_value(btf, "SKB_DROP_REASON_NOT_SPECIFIED", 2);
	btf__add_enum_value(btf, "SKB_DROP_REASON_NO_SOCKET", 3);
	btf__add_enum_value(btf, "SKB_DROP_REASON_TCP_QUANTUM_FLUX", 4);
	btf__add_enum_value(btf, "SKB_DROP_REASON_WARP_CORE_BREACH", 5);
	btf__add_enum_value(btf, "SKB_DROP_REASON_MAX", 6);
	raw = btf__raw_data(btf, &size);
	fd = mkstemp(path);
	CHECK(fd >= 0 && raw && write(fd, raw, size) == (ssize_t)size);
	if (fd >= 0)
		close(fd);
	btf__free(btf);
	setenv("NETPATH_BTF", path, 1);
	CHECK(np_reason_names_load(&rn) == 0);
	unsetenv("NETPATH_BTF");
	unlink(path);
	CHECK(rn.n == 4 && rn.max == 6);
	CHECK_STR(np_reason_name(&rn, 4), "TCP_QUANTUM_FLUX");
	for (int i = 0; i < rn.n; i++) {
		const struct np_reason_info *r = np_reason_classify(rn.v[i].name, NULL);
		CHECK(r && r->meaning && *r->meaning && r->next && *r->next);
		if (!strcmp(rn.v[i].name, "TCP_QUANTUM_FLUX")) {
			CHECK(np_reason_is_derived(r) && r->layer == NP_L_TRANSPORT && !r->benign);
			CHECK(strstr(r->meaning, "tcp quantum flux") != NULL);
			seen++;
		}
		if (!strcmp(rn.v[i].name, "WARP_CORE_BREACH")) {
			CHECK(np_reason_is_derived(r) && r->layer == NP_L_NONE && !r->benign);
			/* where it fired decides the layer */
			CHECK(layer_of(rn.v[i].name, "ip6_rcv_core") == NP_L_IP);
			seen++;
		}
		if (!strcmp(rn.v[i].name, "NO_SOCKET"))
			CHECK(!np_reason_is_derived(r));
	}
	CHECK(seen == 2);
	np_reason_names_free(&rn);
}

/* Completeness against the enum lists of named kernels shipped with the
 * tests (tests/unit/reasons/linux-*.txt): a new kernel's reasons fail
 * here only once its list is added. */
static void recorded_lists(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;
	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		char path[512], line[512];
		FILE *f;
		int names = 0, missing = 0;
		if (strncmp(e->d_name, "linux-", 6) || !strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "r");
		CHECK(f != NULL);
		while (f && fgets(line, sizeof(line), f)) {
			line[strcspn(line, " \t\r\n")] = '\0';
			if (!line[0] || line[0] == '#')
				continue;
			names++;
			if (!np_reason_lookup(line)) {
				fprintf(stderr, "%s: no table entry for %s\n", e->d_name, line);
				missing++;
			}
		}
		if (f)
			fclose(f);
		CHECK(missing == 0);
		printf("%s: %d reasons, all in the table\n", e->d_name, names - missing);
		files++;
	}
	if (d)
		closedir(d);
	CHECK(files >= 5);
}

/* Whatever the running kernel is: every reason it names gets an
 * explanation (the table's or a derived one); none is left unexplained.
 * Which ones are derived is printed, not asserted: kernels change. */
static void running_kernel(void)
{
	struct np_reason_names rn;
	int derived = 0;
	if (np_reason_names_load(&rn) != 0) {
		printf("no vmlinux BTF: the running kernel's reasons not listed\n");
		return;
	}
	for (int i = 0; i < rn.n; i++) {
		const struct np_reason_info *r = np_reason_classify(rn.v[i].name, NULL);
		CHECK(r != np_reason_generic() && r->meaning && *r->meaning);
		if (np_reason_is_derived(r)) {
			printf("running kernel: %s is derived (not in the table)\n", rn.v[i].name);
			derived++;
		}
	}
	printf("running kernel: %d reasons, %d derived\n", rn.n, derived);
	CHECK(np_reason_name(&rn, 0xffffffffu) == NULL);
	np_reason_names_free(&rn);
}

int main(int argc, char **argv)
{
	const struct np_reason_info *r;

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
	CHECK(np_reason_classify(NULL, NULL) == np_reason_generic());
	CHECK(np_reason_classify("NOT_SPECIFIED", "frobnicate") ==
	      np_reason_lookup("NOT_SPECIFIED"));
	CHECK(np_reason_classify("NOT_SPECIFIED", "skb_release_data")->benign);

	/* The bridge: its own reasons, its functions, derived names. */
	CHECK(layer_of("BRIDGE_INGRESS_STP_STATE", "br_handle_frame") == NP_L_BRIDGE);
	CHECK(!np_reason_lookup("BRIDGE_INGRESS_STP_STATE")->benign);
	CHECK(layer_of("MAC_IEEE_MAC_CONTROL", "br_handle_frame") == NP_L_BRIDGE);
	CHECK(np_reason_lookup("MAC_IEEE_MAC_CONTROL")->benign);
	CHECK(layer_of("NOT_SPECIFIED", "br_handle_frame") == NP_L_BRIDGE);
	CHECK(layer_of("NOT_SPECIFIED", "br_forward") == NP_L_BRIDGE);
	CHECK(layer_of("NOT_SPECIFIED", "br_flood") == NP_L_BRIDGE);
	CHECK(layer_of("NOT_SPECIFIED", "br_dev_xmit") == NP_L_BRIDGE);
	CHECK(layer_of("NOT_SPECIFIED", "__br_forward") == NP_L_BRIDGE);
	CHECK(layer_of("NOT_SPECIFIED", "br_nf_pre_routing_finish") == NP_L_BRIDGE);
	CHECK(strstr(np_reason_classify("NOT_SPECIFIED", "br_nf_pre_routing")->meaning,
		     "br_netfilter") != NULL);
	/* A rule dropping bridged traffic through br_netfilter is netfilter's. */
	CHECK(layer_of("NETFILTER_DROP", "nf_hook_slow") == NP_L_NETFILTER);
	/* Shared with VXLAN: the place decides. */
	CHECK(layer_of("MAC_INVALID_SOURCE", "br_handle_frame") == NP_L_BRIDGE);
	CHECK(layer_of("MAC_INVALID_SOURCE", "vxlan_rcv") == NP_L_LINK);
	CHECK(layer_of("LOCAL_MAC", "vxlan_rcv") == NP_L_LINK);
	CHECK(layer_of("VXLAN_VNI_NOT_FOUND", "vxlan_rcv") == NP_L_LINK);
	CHECK(layer_of("NO_TX_TARGET", "vxlan_xmit_one") == NP_L_LINK);
	r = np_reason_classify("BRIDGE_NEW_THING", NULL);
	CHECK(np_reason_is_derived(r) && r->layer == NP_L_BRIDGE && strstr(r->next, "bridge"));
	CHECK(layer_of("BR_SOMETHING", NULL) == NP_L_BRIDGE);
	CHECK(strstr(np_reason_tcpdump(np_reason_lookup("BRIDGE_INGRESS_STP_STATE")), "entered") !=
	      NULL);

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

	/* A reason the table lacks is derived, never "unknown". */
	r = np_reason_classify("SOME_FUTURE_REASON", "frobnicate");
	CHECK(np_reason_is_derived(r) && r->layer == NP_L_NONE && !r->benign);
	CHECK(strstr(r->meaning, "Derived") && strstr(r->meaning, "some future reason"));
	CHECK(np_reason_classify("SOME_FUTURE_REASON", "frobnicate") == r); /* cached */
	r = np_reason_classify("TCP_NEW_THING", NULL);
	CHECK(np_reason_is_derived(r) && r->layer == NP_L_TRANSPORT && r->next && *r->next);
	/* The function beats the prefix: the kernel location is ground truth. */
	CHECK(layer_of("TCP_NEW_THING", "nft_do_chain") == NP_L_NETFILTER);
	CHECK(layer_of("QDISC_SOMETHING", NULL) == NP_L_QDISC);
	CHECK(layer_of("SKB_DROP_REASON_NEIGH_SOMETHING", NULL) == NP_L_NEIGHBOR);
	CHECK(!np_reason_is_derived(np_reason_lookup("NO_SOCKET")));

	synthetic_btf();
	if (argc > 1)
		recorded_lists(argv[1]);
	running_kernel();
	np_reason_derived_free();
	return check_done();
}
