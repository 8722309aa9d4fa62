// SPDX-License-Identifier: GPL-2.0-only
/* Finding, trusting and reading playbooks.  A playbook decides what an
 * engineer is told about their network, so a file (or its directory) that
 * another user could have written is refused, like sudo or ssh do. */
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pb.h"
#include "searchpath.h"
#include "validate.h"
#include "xalloc.h"

#define PB_FILE_MAX	   (256 * 1024)
#define PB_FRAGMENT_SUFFIX ".inc"

static int trust_one(const char *path, const struct stat *st, bool dir, char *why, size_t len)
{
	uid_t me = geteuid();
	if (st->st_uid != 0 && st->st_uid != me) {
		snprintf(why, len, "%s %s is owned by uid %u (only root or you may own playbooks)",
			 dir ? "directory" : "file", path, (unsigned)st->st_uid);
		return -EPERM;
	}
	/* A sticky directory (/tmp) cannot have our files replaced by others. */
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(dir && (st->st_mode & S_ISVTX))) {
		snprintf(why, len, "%s %s is writable by %s (chmod go-w %s)",
			 dir ? "directory" : "file", path,
			 st->st_mode & S_IWOTH ? "other users" : "its group", path);
		return -EPERM;
	}
	return 0;
}

int pb_trust_check(const char *path, char *why, size_t len)
{
	struct stat st;
	char dir[4096];

	if (stat(path, &st) < 0) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, len, "%s is not a regular file", path);
		return -EPERM;
	}
	if (trust_one(path, &st, false, why, len))
		return -EPERM;
	snprintf(dir, sizeof(dir), "%s", path);
	char *d = dirname(dir);
	if (stat(d, &st) < 0) {
		snprintf(why, len, "%s: %s", d, strerror(errno));
		return -errno;
	}
	return trust_one(d, &st, true, why, len);
}

char *pb_read_file(const char *path, char *why, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char *buf;
	ssize_t n, off = 0;

	if (fd < 0) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = np_xmalloc(PB_FILE_MAX + 1);
	while ((n = read(fd, buf + off, (size_t)(PB_FILE_MAX + 1 - off))) > 0)
		off += n;
	close(fd);
	if (n < 0 || off > PB_FILE_MAX) {
		snprintf(why, len, "%s: %s", path, n < 0 ? strerror(errno) : "larger than 256 KiB");
		free(buf);
		return NULL;
	}
	buf[off] = '\0';
	if (strlen(buf) != (size_t)off) {
		snprintf(why, len, "%s: contains a NUL byte (not a text file)", path);
		free(buf);
		return NULL;
	}
	return buf;
}

static int find_in_dirs(const char *first_dir, const char *name, const char *suffix, char *path,
			size_t len)
{
	struct stat st;
	if (first_dir) {
		snprintf(path, len, "%s/%s%s", first_dir, name, suffix);
		if (!stat(path, &st))
			return 0;
	}
	for (int i = 0; np_playbook_dir(i); i++) {
		snprintf(path, len, "%s/%s%s", np_playbook_dir(i), name, suffix);
		if (!stat(path, &st))
			return 0;
	}
	return -ENOENT;
}

int pb_find(const char *name, char *path, size_t len)
{
	char why[128];
	if (np_validate_name(name, why, sizeof(why)))
		return -NP_EUSAGE;
	return find_in_dirs(NULL, name, NP_PLAYBOOK_SUFFIX, path, len);
}

/* include NAME: NAME.inc next to the including file, else on the search path. */
static char *resolve_include(void *cookie, const char *from_file, const char *name, char **path,
			     char *why, size_t len)
{
	char dir[4096], p[4096 + 300];
	char *text;
	(void)cookie;
	snprintf(dir, sizeof(dir), "%s", from_file);
	if (find_in_dirs(dirname(dir), name, PB_FRAGMENT_SUFFIX, p, sizeof(p))) {
		snprintf(why, len, "no fragment %s%s next to the playbook or on the search path",
			 name, PB_FRAGMENT_SUFFIX);
		return NULL;
	}
	if (pb_trust_check(p, why, len))
		return NULL;
	text = pb_read_file(p, why, len);
	if (text) {
		*path = np_xstrdup(p);
		if (!*path) {
			free(text);
			snprintf(why, len, "out of memory");
			return NULL;
		}
	}
	return text;
}

struct pb_playbook *pb_load_file(const char *path, char *err, size_t errlen)
{
	char why[512];
	char *text;
	struct pb_playbook *pb;

	if (pb_trust_check(path, why, sizeof(why))) {
		snprintf(err, errlen, "refusing playbook: %s", why);
		return NULL;
	}
	text = pb_read_file(path, why, sizeof(why));
	if (!text) {
		snprintf(err, errlen, "%s", why);
		return NULL;
	}
	pb = pb_parse(path, text, resolve_include, NULL, err, errlen);
	free(text);
	return pb;
}

struct pb_playbook *pb_load(const char *name, char *err, size_t errlen)
{
	char path[4096], why[128];
	struct pb_playbook *pb;
	if (np_validate_name(name, why, sizeof(why))) {
		snprintf(err, errlen, "bad playbook name '%.64s': %s", name, why);
		return NULL;
	}
	if (pb_find(name, path, sizeof(path))) {
		snprintf(err, errlen,
			 "no playbook '%.64s' on the search path (`playbooks` lists them)", name);
		return NULL;
	}
	pb = pb_load_file(path, err, errlen);
	if (pb && strcmp(pb->name, name)) {
		snprintf(err, errlen, "%s: declares playbook '%s', expected '%s' (the file name)",
			 path, pb->name, name);
		pb_free(pb);
		return NULL;
	}
	return pb;
}

struct entry {
	char name[256];
	char path[4096];
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

void pb_each(void (*cb)(const char *name, const char *path, void *arg), void *arg)
{
	struct entry *v = NULL;
	size_t n = 0, slen = strlen(NP_PLAYBOOK_SUFFIX);

	for (int i = 0; np_playbook_dir(i); i++) {
		DIR *d = opendir(np_playbook_dir(i));
		struct dirent *de;
		if (!d)
			continue;
		while ((de = readdir(d))) {
			size_t l = strlen(de->d_name);
			char name[256], why[64];
			bool dup = false;
			if (l <= slen || strcmp(de->d_name + l - slen, NP_PLAYBOOK_SUFFIX))
				continue;
			snprintf(name, sizeof(name), "%.*s", (int)(l - slen), de->d_name);
			if (np_validate_name(name, why, sizeof(why)))
				continue;
			for (size_t k = 0; k < n; k++)
				dup |= !strcmp(v[k].name, name);
			if (dup)
				continue; /* the first directory on the path wins */
			struct entry *nv = np_xreallocarray(v, n + 1, sizeof(*v));
			v = nv;
			snprintf(v[n].name, sizeof(v[n].name), "%s", name);
			snprintf(v[n].path, sizeof(v[n].path), "%s/%s", np_playbook_dir(i),
				 de->d_name);
			n++;
		}
		closedir(d);
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_entry);
	for (size_t k = 0; k < n; k++)
		cb(v[k].name, v[k].path, arg);
	free(v);
}
