// SPDX-License-Identifier: GPL-2.0-only
/* The running kernel's BTF, once per process (see kernel_btf.h). */
#include <bpf/btf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btf_thp.h"
#include "kernel_btf.h"
#include "procfile.h"
#include "xalloc.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

static struct btf *kernel, *names;
static char *names_path; /* the NETPATH_BTF file names was read from */
/* The prefetch thread, while it may still be running. */
static pthread_t loader;
static bool loading;
static int load_errno;

/* Read-only mmap when the file allows it (a regular file; the sysfs BTF
 * since Linux 6.16): the bytes are copied once, by btf__new, instead of
 * read 4 KiB at a time into a buffer and then copied. */
static struct btf *parse_file(const char *path)
{
	struct btf *btf = NULL;
	struct stat st;
	char *buf;
	size_t len;
	void *map;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && st.st_size > 0) {
		map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			close(fd);
			np_thp_begin(); /* libbpf's copy on huge pages */
			btf = btf__new(map, st.st_size);
			np_thp_end();
			err = btf ? 0 : errno;
			munmap(map, st.st_size);
			errno = err;
			return btf;
		}
	}
	close(fd);
	err = np_read_file(path, &buf, &len);
	if (err) {
		errno = -err;
		return NULL;
	}
	np_thp_begin();
	btf = btf__new(buf, len);
	np_thp_end();
	err = btf ? 0 : errno;
	free(buf);
	errno = err;
	return btf;
}

static void *load_thread(void *arg)
{
	(void)arg;
	kernel = parse_file(VMLINUX);
	load_errno = kernel ? 0 : errno;
	return NULL;
}

void np_kernel_btf_prefetch(void)
{
	if (kernel || loading)
		return;
	loading = !pthread_create(&loader, NULL, load_thread, NULL);
}

struct btf *np_kernel_btf(void)
{
	if (loading) {
		pthread_join(loader, NULL);
		loading = false;
		if (!kernel)
			errno = load_errno;
		return kernel;
	}
	if (!kernel)
		kernel = parse_file(VMLINUX);
	return kernel;
}

struct btf *np_names_btf(void)
{
	const char *alt = getenv("NETPATH_BTF");
	if (!alt || !*alt)
		return np_kernel_btf();
	if (names && !strcmp(names_path, alt))
		return names;
	btf__free(names); /* NETPATH_BTF changed (tests set it per case) */
	free(names_path);
	names_path = np_xstrdup(alt);
	names = parse_file(alt);
	return names;
}

const void *np_names_btf_raw(size_t *len)
{
	struct btf *btf = np_names_btf();
	__u32 size = 0;
	const void *raw = btf ? btf__raw_data(btf, &size) : NULL;
	*len = raw ? size : 0;
	return raw;
}

void np_kernel_btf_release(void)
{
	struct btf *k, *n;
	np_kernel_btf(); /* a prefetch still running is waited for */
	k = kernel;
	n = names;
	/* Cleared first: under the wrap below, btf__free skips the shared one. */
	kernel = names = NULL;
	btf__free(k);
	btf__free(n);
	free(names_path);
	names_path = NULL;
}

#ifdef NP_WRAP_LIBBPF_BTF
/* libbpf 1.1 parses the kernel's BTF for every object it loads and frees it
 * after; it has no way to be handed one.  With libbpf linked statically the
 * build passes -Wl,--wrap for these two, so its calls land here: the load
 * returns the shared copy and the free leaves it alone. */
struct btf *__real_btf__load_vmlinux_btf(void);
void __real_btf__free(struct btf *btf);

struct btf *__wrap_btf__load_vmlinux_btf(void)
{
	return np_kernel_btf();
}

void __wrap_btf__free(struct btf *btf)
{
	if (btf && btf == kernel)
		return;
	__real_btf__free(btf);
}
#endif
