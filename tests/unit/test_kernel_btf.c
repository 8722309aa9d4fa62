// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's BTF read once per process (probes/kernel_btf.c): every
 * caller gets the same parsed copy, a prefetch thread is waited for, a
 * libbpf free of the shared copy (static builds wrap libbpf's load and
 * free) leaves it usable, and NETPATH_BTF is honoured per file.  Nothing
 * here depends on which types this kernel has, only that it has BTF. */
#include <bpf/btf.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "kernel_btf.h"

/* A BTF file with one enum, written where NETPATH_BTF can name it. */
static int write_enum_btf(char *path, const char *enum_name)
{
	struct btf *btf = btf__new_empty();
	const void *raw;
	__u32 size;
	int fd, ok;

	if (!btf)
		return -1;
	btf__add_enum(btf, enum_name, 4);
	btf__add_enum_value(btf, "ONE", 1);
	raw = btf__raw_data(btf, &size);
	fd = mkstemp(path);
	ok = fd >= 0 && raw && write(fd, raw, size) == (ssize_t)size;
	if (fd >= 0)
		close(fd);
	btf__free(btf);
	return ok ? 0 : -1;
}

static void names_follow_env(void)
{
	char a[] = "/tmp/np-test-kbtf-XXXXXX", b[] = "/tmp/np-test-kbtf-XXXXXX";
	size_t len = 0;

	CHECK(write_enum_btf(a, "np_first") == 0);
	CHECK(write_enum_btf(b, "np_second") == 0);
	setenv("NETPATH_BTF", a, 1);
	CHECK(np_names_btf() &&
	      btf__find_by_name_kind(np_names_btf(), "np_first", BTF_KIND_ENUM) > 0);
	CHECK(np_names_btf_raw(&len) != NULL && len > 0);
	/* Another file: read anew, not the first one's copy. */
	setenv("NETPATH_BTF", b, 1);
	CHECK(np_names_btf() &&
	      btf__find_by_name_kind(np_names_btf(), "np_second", BTF_KIND_ENUM) > 0);
	CHECK(btf__find_by_name_kind(np_names_btf(), "np_first", BTF_KIND_ENUM) < 0);
	setenv("NETPATH_BTF", "/nonexistent/np-btf", 1);
	CHECK(np_names_btf() == NULL && np_names_btf_raw(&len) == NULL && len == 0);
	unsetenv("NETPATH_BTF");
	unlink(a);
	unlink(b);
}

int main(void)
{
	struct btf *k, *l;
	unsigned n;

	names_follow_env();
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		printf("no /sys/kernel/btf/vmlinux: kernel BTF cases skipped\n");
		np_kernel_btf_release();
		return check_done();
	}
	np_kernel_btf_prefetch();
	np_kernel_btf_prefetch(); /* a second one while the first runs: nothing */
	k = np_kernel_btf();
	CHECK(k != NULL);
	if (!k)
		return check_done();
	n = btf__type_cnt(k);
	CHECK(n > 1);
	CHECK(np_kernel_btf() == k);
	CHECK(np_names_btf() == k); /* without NETPATH_BTF: the kernel's */
	/* libbpf's own load: the shared copy when wrapped (static libbpf),
	 * its own otherwise.  Either way its free must leave ours usable
	 * (under ASan a wrong free is a use-after-free below). */
	l = btf__load_vmlinux_btf();
	CHECK(l != NULL);
#ifdef NP_WRAP_LIBBPF_BTF
	CHECK(l == k);
#endif
	printf("libbpf's load %s\n", l == k ? "shares the copy" : "parses its own");
	btf__free(l);
	CHECK(btf__type_cnt(k) == n);
	/* Released and read again: the same kernel, the same type count. */
	np_kernel_btf_release();
	np_kernel_btf_prefetch();
	k = np_kernel_btf();
	CHECK(k != NULL && btf__type_cnt(k) == n);
	np_kernel_btf_release();
	return check_done();
}
