// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "np.h"
#include "sysctl_read.h"
#include "validate.h"

int np_sysctl_path(const char *key, char *path, size_t len)
{
	char why[128];
	bool slashed = strchr(key, '/') != NULL;
	size_t off;

	if (np_validate_sysctl(key, why, sizeof(why)))
		return -NP_EUSAGE;
	off = (size_t)snprintf(path, len, "/proc/sys/");
	for (const char *p = key; *p; p++) {
		if (off + 1 >= len)
			return -ENAMETOOLONG;
		path[off++] = (!slashed && *p == '.') ? '/' : *p;
	}
	path[off] = '\0';
	return 0;
}

int np_sysctl_read(const char *key, char *buf, size_t len)
{
	char path[512];
	struct stat st;
	ssize_t n;
	int fd, err = np_sysctl_path(key, path, sizeof(path));
	size_t o = 0;

	if (err)
		return err;
	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	buf[n] = '\0';
	/* Normalise "4096\t131072\t6291456\n" to "4096 131072 6291456". */
	for (ssize_t i = 0; i < n; i++) {
		if (isspace((unsigned char)buf[i])) {
			if (o && buf[o - 1] != ' ')
				buf[o++] = ' ';
		} else {
			buf[o++] = buf[i];
		}
	}
	while (o && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
	return 0;
}

struct walk_state {
	int left;
	void (*cb)(const char *, const char *, void *);
	void *arg;
};

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void walk_dir(struct walk_state *w, const char *dir, const char *key, bool slashed)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, name_cmp);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		char path[1024], k[1024], val[4096];
		struct stat st;
		const char *name = ents[i]->d_name;
		bool sl = slashed || strchr(name, '.');
		if (name[0] == '.' || w->left <= 0)
			goto next;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		snprintf(k, sizeof(k), "%s%c%s", key, sl ? '/' : '.', name);
		if (sl && !slashed) /* switch the whole key to '/' form */
			for (char *p = k; *p; p++)
				if (*p == '.' && p < k + strlen(key))
					*p = '/';
		if (lstat(path, &st) < 0)
			goto next;
		if (S_ISDIR(st.st_mode)) {
			walk_dir(w, path, k, sl);
		} else if ((st.st_mode & S_IRUSR) && !np_sysctl_read(k, val, sizeof(val))) {
			w->cb(k, val, w->arg);
			w->left--;
		}
next:
		free(ents[i]);
	}
	free(ents);
}

int np_sysctl_walk(const char *prefix, int max, void (*cb)(const char *key, const char *val, void *arg),
		   void *arg)
{
	char path[512];
	struct walk_state w = {max, cb, arg};
	int err = np_sysctl_path(prefix, path, sizeof(path));
	if (err)
		return err;
	walk_dir(&w, path, prefix, strchr(prefix, '/') != NULL);
	return 0;
}
