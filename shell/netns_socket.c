// SPDX-License-Identifier: GPL-2.0-only
/* Sockets inside another network namespace, made by a helper thread:
 * setns(CLONE_NEWNET) changes only the calling thread, and the thread
 * ends right after socket(), so netpath's own thread is never in the
 * wrong namespace, whatever fails. */
#include <errno.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns.h"

struct sock_req {
	int nsfd, domain, type, protocol;
	int fd; /* result: fd or -errno */
};

static void *sock_thread(void *arg)
{
	struct sock_req *r = arg;
	if (setns(r->nsfd, CLONE_NEWNET) < 0) {
		r->fd = -errno;
		return NULL;
	}
	r->fd = socket(r->domain, r->type | SOCK_CLOEXEC, r->protocol);
	if (r->fd < 0)
		r->fd = -errno;
	return NULL;
}

int np_netns_socket(int nsfd, int domain, int type, int protocol)
{
	struct sock_req r = {nsfd, domain, type, protocol, -EIO};
	struct stat a, b;
	pthread_t th;
	int err;

	/* Already there: no setns, which would need CAP_SYS_ADMIN even so. */
	if (!fstat(nsfd, &a) && !stat("/proc/thread-self/ns/net", &b) && a.st_ino == b.st_ino &&
	    a.st_dev == b.st_dev) {
		r.fd = socket(domain, type | SOCK_CLOEXEC, protocol);
		return r.fd < 0 ? -errno : r.fd;
	}
	err = pthread_create(&th, NULL, sock_thread, &r);
	if (err)
		return -err;
	pthread_join(th, NULL);
	return r.fd;
}

int np_netns_ifindex(int nsfd, const char *dev)
{
	struct ifreq ifr;
	/* Device ioctls act in the namespace of the socket they are made on. */
	int fd = np_netns_socket(nsfd, AF_UNIX, SOCK_DGRAM, 0), err;

	if (fd < 0)
		return fd;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, dev, IFNAMSIZ - 1);
	err = ioctl(fd, SIOCGIFINDEX, &ifr) < 0 ? -errno : ifr.ifr_ifindex;
	close(fd);
	return err;
}
