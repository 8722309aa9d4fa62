// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns.h"
#include "netns_ifname.h"

void np_ifnames_init(struct np_ifnames *c, uint32_t own, int pin_fd, uint32_t pin_ino)
{
	memset(c, 0, sizeof(*c));
	c->own = own;
	c->pin_fd = pin_fd;
	c->pin_ino = pin_fd >= 0 ? pin_ino : 0;
}

/* An fd of the /run/netns namespace whose inode is ino, or -1.  The
 * inode is checked on the open file: a name re-made since is not it. */
static int open_named(uint32_t ino)
{
	DIR *dir = opendir("/run/netns");
	struct dirent *e;
	int fd = -1;

	if (!dir)
		return -1;
	while (fd < 0 && (e = readdir(dir))) {
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		fd = openat(dirfd(dir), e->d_name, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && (fstat(fd, &st) || st.st_ino != ino)) {
			close(fd);
			fd = -1;
		}
	}
	closedir(dir);
	return fd;
}

/* The socket for namespace ino, kept in c; *temp when c is full and the
 * caller closes it after one question. */
static int sock_for(struct np_ifnames *c, uint32_t ino, bool *temp)
{
	int fd, s;

	*temp = false;
	for (int i = 0; i < c->n; i++)
		if (c->ns[i].ino == ino)
			return c->ns[i].sock;
	if (ino == c->pin_ino) {
		s = np_netns_socket(c->pin_fd, AF_UNIX, SOCK_DGRAM, 0);
	} else {
		fd = open_named(ino);
		s = fd < 0 ? -ENOENT : np_netns_socket(fd, AF_UNIX, SOCK_DGRAM, 0);
		if (fd >= 0)
			close(fd);
	}
	if (c->n < NP_IFNAMES_MAX) {
		c->ns[c->n].ino = ino;
		c->ns[c->n].sock = s;
		c->n++;
	} else {
		/* More namespaces than slots: asked each time, not kept. */
		*temp = s >= 0;
	}
	return s;
}

void np_ifnames_name(struct np_ifnames *c, uint32_t ino, uint32_t ifindex, char *buf, size_t len)
{
	char name[IF_NAMESIZE];
	struct ifreq ifr;
	bool temp;
	int s, err = -1;

	if (ino == c->own) {
		if (if_indextoname(ifindex, name)) {
			snprintf(buf, len, "%s", name);
			return;
		}
	} else if (ino && (s = sock_for(c, ino, &temp)) >= 0) {
		/* Device ioctls act in the namespace the socket was made in. */
		memset(&ifr, 0, sizeof(ifr));
		ifr.ifr_ifindex = (int)ifindex;
		err = ioctl(s, SIOCGIFNAME, &ifr);
		if (temp)
			close(s);
		if (!err) {
			snprintf(buf, len, "%.*s", IF_NAMESIZE - 1, ifr.ifr_name);
			return;
		}
	}
	snprintf(buf, len, "if%u", ifindex);
}

void np_ifnames_close(struct np_ifnames *c)
{
	for (int i = 0; i < c->n; i++)
		if (c->ns[i].sock >= 0)
			close(c->ns[i].sock);
	c->n = 0;
}
