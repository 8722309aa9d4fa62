// SPDX-License-Identifier: GPL-2.0-only
/* CO-RE's cut-down kernel BTF (probes/core_btf.c) on a synthetic kernel
 * BTF: the types named like the object's, with their layout (members,
 * arrays, typedefs, embedded structs) and pointers cut to void; nothing
 * else.  The kernel ids of the cast-to types match libbpf's lookup on the
 * running kernel, whatever it holds.  Huge-page allocations
 * (probes/btf_thp.c) are taken and given back where the build wraps
 * malloc. */
#include <bpf/btf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf_thp.h"
#include "check.h"
#include "core_btf.h"
#include "kernel_btf.h"

/* The "kernel": struct list_head { void *next; }, struct sk_buff {
 * struct net_device *dev; u32 len; char cb[48]; struct list_head l; },
 * struct net_device { int ifindex; }, typedef unsigned int u32, and an
 * unrelated struct nobody asks for. */
static struct btf *kernel_like(void)
{
	struct btf *k = btf__new_empty();
	int t_int = btf__add_int(k, "int", 4, BTF_INT_SIGNED);
	int t_uint = btf__add_int(k, "unsigned int", 4, 0);
	int t_char = btf__add_int(k, "char", 1, BTF_INT_SIGNED);
	int t_u32 = btf__add_typedef(k, "u32", t_uint);
	int t_nd = btf__add_struct(k, "net_device", 4);
	int t_pnd, t_cb, t_lh, t_pv;

	btf__add_field(k, "ifindex", t_int, 0, 0);
	t_pnd = btf__add_ptr(k, t_nd);
	t_cb = btf__add_array(k, t_int, t_char, 48);
	t_pv = btf__add_ptr(k, 0);
	t_lh = btf__add_struct(k, "list_head", 8);
	btf__add_field(k, "next", t_pv, 0, 0);
	btf__add_enum(k, "skb_drop_reason", 4);
	btf__add_enum_value(k, "SKB_DROP_REASON_NOT_SPECIFIED", 2);
	btf__add_enum_value(k, "SKB_DROP_REASON_NO_SOCKET", 3);
	btf__add_struct(k, "unrelated", 4);
	btf__add_field(k, "x", t_int, 0, 0);
	btf__add_struct(k, "sk_buff", 72);
	btf__add_field(k, "dev", t_pnd, 0, 0);
	btf__add_field(k, "len", t_u32, 64, 0);
	btf__add_field(k, "cb", t_cb, 96, 0);
	btf__add_field(k, "l", t_lh, 512, 0);
	return k;
}

/* The object's own: sk_buff (a flavour too), u32, and a struct of its own. */
static struct btf *local_like(void)
{
	struct btf *l = btf__new_empty();
	int t_uint = btf__add_int(l, "unsigned int", 4, 0);
	int t_u32 = btf__add_typedef(l, "u32", t_uint);
	btf__add_struct(l, "sk_buff___old", 4);
	btf__add_field(l, "len", t_u32, 0, 0);
	btf__add_enum(l, "skb_drop_reason", 4);
	btf__add_enum_value(l, "SKB_DROP_REASON_NO_SOCKET", 0);
	btf__add_struct(l, "drop_key", 4);
	btf__add_field(l, "reason", t_u32, 0, 0);
	return l;
}

static const struct btf_member *member(const struct btf *b, const struct btf_type *t,
				       const char *name)
{
	const struct btf_member *m = btf_members(t);
	for (unsigned i = 0; i < btf_vlen(t); i++)
		if (!strcmp(btf__name_by_offset(b, m[i].name_off), name))
			return &m[i];
	return NULL;
}

static void cut_keeps_layout_only(void)
{
	struct btf *k = kernel_like(), *l = local_like(), *cut;
	const struct btf_type *skb, *t;
	const struct btf_member *m;
	int id;

	cut = np_core_btf_cut(k, l);
	CHECK(cut != NULL);
	if (!cut)
		goto out;
	id = btf__find_by_name_kind(cut, "sk_buff", BTF_KIND_STRUCT);
	CHECK(id > 0);
	skb = btf__type_by_id(cut, id);
	CHECK(btf_vlen(skb) == 4 && skb->size == 72);
	/* A pointer field: still a pointer, to void. */
	m = member(cut, skb, "dev");
	CHECK(m && btf_is_ptr(btf__type_by_id(cut, m->type)) &&
	      btf__type_by_id(cut, m->type)->type == 0);
	/* Layout followed: the typedef, the array, the embedded struct. */
	m = member(cut, skb, "len");
	CHECK(m && btf_is_typedef(btf__type_by_id(cut, m->type)) &&
	      btf_member_bit_offset(skb, 1) == 64);
	m = member(cut, skb, "cb");
	t = m ? btf__type_by_id(cut, m->type) : NULL;
	CHECK(t && btf_is_array(t) && btf_array(t)->nelems == 48 &&
	      btf_is_int(btf__type_by_id(cut, btf_array(t)->type)));
	m = member(cut, skb, "l");
	t = m ? btf__type_by_id(cut, m->type) : NULL;
	CHECK(t && btf_is_struct(t) && !strcmp(btf__name_by_offset(cut, t->name_off), "list_head"));
	CHECK(btf__find_by_name_kind(cut, "u32", BTF_KIND_TYPEDEF) > 0);
	/* An enum whole, its value names with it (the kernel's values). */
	id = btf__find_by_name_kind(cut, "skb_drop_reason", BTF_KIND_ENUM);
	t = id > 0 ? btf__type_by_id(cut, id) : NULL;
	CHECK(t && btf_vlen(t) == 2 &&
	      !strcmp(btf__name_by_offset(cut, btf_enum(t)[1].name_off),
		      "SKB_DROP_REASON_NO_SOCKET") &&
	      btf_enum(t)[1].val == 3);
	id = btf__find_by_name_kind(cut, "sk_buff", BTF_KIND_STRUCT);
	/* Not named by the object, reached only through a pointer: left out. */
	CHECK(btf__find_by_name_kind(cut, "net_device", BTF_KIND_STRUCT) < 0);
	CHECK(btf__find_by_name_kind(cut, "unrelated", BTF_KIND_STRUCT) < 0);
	CHECK(btf__type_cnt(cut) < btf__type_cnt(k));
	/* What libbpf reads back from the file is the same. */
	{
		__u32 size;
		const void *raw = btf__raw_data(cut, &size);
		struct btf *back = raw ? btf__new(raw, size) : NULL;
		CHECK(back && btf__find_by_name_kind(back, "sk_buff", BTF_KIND_STRUCT) == id);
		btf__free(back);
	}
	btf__free(cut);
out:
	btf__free(k);
	btf__free(l);
}

/* libbpf's own lookup, 0 where absent. */
static __u32 libbpf_id(const struct btf *k, const char *name)
{
	int id = btf__find_by_name_kind(k, name, BTF_KIND_STRUCT);
	return id > 0 ? (__u32)id : 0;
}

static void kernel_ids_match_libbpf(void)
{
	const struct np_kernel_ids *ids;
	struct btf *k;

	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		printf("no /sys/kernel/btf/vmlinux: kernel id cases skipped\n");
		return;
	}
	k = np_kernel_btf();
	ids = np_kernel_ids();
	CHECK(k && ids);
	if (!k)
		return;
	/* Each is 0 exactly where the kernel lacks the struct. */
	CHECK(ids->sk_buff == libbpf_id(k, "sk_buff"));
	CHECK(ids->iphdr == libbpf_id(k, "iphdr"));
	CHECK(ids->ipv6hdr == libbpf_id(k, "ipv6hdr"));
	CHECK(ids->udphdr == libbpf_id(k, "udphdr"));
	CHECK(np_kernel_ids() == ids); /* once per process */
}

static void thp_blocks(void)
{
	int wrapped, before = np_thp_live();
	char *small, *big, *grown;

	np_thp_begin();
	big = malloc(1 << 20);
	wrapped = np_thp_live() > before; /* a static build wraps malloc */
	small = malloc(100);
	CHECK(np_thp_live() == before + wrapped); /* small: the C library's */
	CHECK(big && small);
	if (!big || !small)
		return;
	memset(big, 0x5a, 1 << 20);
	grown = realloc(big, 3 << 20); /* grows into a new block, bytes kept */
	CHECK(grown && grown[0] == 0x5a && grown[(1 << 20) - 1] == 0x5a);
	CHECK(np_thp_live() == before + wrapped);
	small = realloc(small, 512 << 10); /* one of the library's, made big */
	CHECK(small != NULL);
	CHECK(np_thp_live() == before + 2 * wrapped);
	np_thp_end();
	free(grown);
	free(small);
	CHECK(np_thp_live() == before);
	big = malloc(1 << 20); /* after _end: the library's again */
	CHECK(np_thp_live() == before);
	free(big);
	printf("huge-page blocks %s\n", wrapped ? "wrapped (static libbpf)" : "not wrapped");
}

int main(void)
{
	cut_keeps_layout_only();
	kernel_ids_match_libbpf();
	thp_blocks();
	return check_done();
}
