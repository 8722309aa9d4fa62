// SPDX-License-Identifier: GPL-2.0-only
/* Huge pages under libbpf's copy of the kernel BTF (see btf_thp.h). */
#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "btf_thp.h"

static __thread bool active;

void np_thp_begin(void)
{
	active = true;
}

void np_thp_end(void)
{
	active = false;
}

#ifndef NP_WRAP_LIBBPF_BTF
int np_thp_live(void)
{
	return 0;
}
#else
#define HUGE_PAGE  (2ul << 20)
#define MIN_SIZE   (256ul << 10) /* the type offsets (0.5 MB) and the copy */
#define MAX_BLOCKS 8		 /* a parse makes two, one at a time */

/* The live blocks: the pointer handed out, its mapping, its size. */
static struct block {
	void *p, *map;
	size_t map_len, size;
} blocks[MAX_BLOCKS];
static int nblocks; /* read unlocked by free's fast path */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *__real_malloc(size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);

int np_thp_live(void)
{
	return __atomic_load_n(&nblocks, __ATOMIC_ACQUIRE);
}

/* A mapping rounded to whole huge pages, aligned to one, advised. */
static void *huge_alloc(size_t size)
{
	size_t len = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE + HUGE_PAGE;
	char *map, *p;

	pthread_mutex_lock(&lock);
	if (nblocks == MAX_BLOCKS) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	p = (char *)(((uintptr_t)map + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
	madvise(p, len - HUGE_PAGE, MADV_HUGEPAGE); /* advice: refused is fine */
	blocks[nblocks] = (struct block){p, map, len, size};
	__atomic_store_n(&nblocks, nblocks + 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
	return p;
}

/* The block p starts, removed from the table into *out; false if none. */
static bool huge_take(void *p, struct block *out)
{
	bool found = false;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nblocks; i++)
		if (blocks[i].p == p) {
			*out = blocks[i];
			blocks[i] = blocks[nblocks - 1];
			__atomic_store_n(&nblocks, nblocks - 1, __ATOMIC_RELEASE);
			found = true;
			break;
		}
	pthread_mutex_unlock(&lock);
	return found;
}

static size_t huge_size(void *p)
{
	size_t size = 0;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nblocks; i++)
		if (blocks[i].p == p)
			size = blocks[i].size;
	pthread_mutex_unlock(&lock);
	return size;
}

void *__wrap_malloc(size_t size)
{
	void *p;
	if (active && size >= MIN_SIZE && (p = huge_alloc(size)))
		return p;
	return __real_malloc(size);
}

void __wrap_free(void *p)
{
	struct block b;
	if (p && np_thp_live() && huge_take(p, &b)) {
		munmap(b.map, b.map_len);
		return;
	}
	__real_free(p);
}

void *__wrap_realloc(void *p, size_t size)
{
	size_t old = p && np_thp_live() ? huge_size(p) : 0;
	void *n;

	if (old) { /* one of ours: grow into a new block, or keep */
		if (size <= old)
			return p;
		n = __wrap_malloc(size);
		if (n) {
			memcpy(n, p, old);
			__wrap_free(p);
		}
		return n;
	}
	if (active && size >= MIN_SIZE && (n = huge_alloc(size))) {
		if (p) {
			size_t have = malloc_usable_size(p);
			memcpy(n, p, have < size ? have : size);
			__real_free(p);
		}
		return n;
	}
	return __real_realloc(p, size);
}
#endif
