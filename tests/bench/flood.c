// SPDX-License-Identifier: GPL-2.0-only
/* Bounded UDP flood for the probe benchmarks: COUNT datagrams to ADDR:PORT
 * with sendmmsg, prints "SENT SECONDS WALL_PPS CPU_PPS".  CPU_PPS divides
 * by the CPU time this process used: on a veth pair the receiver's whole
 * path (netfilter, the drop, any probe) runs in the sender's softirq
 * context, so it measures the per-packet cost even on a busy shared host
 * where wall-clock rates swing.  Stops after COUNT or 30 s. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sockaddr_in dst = {.sin_family = AF_INET};
	struct mmsghdr msgs[BATCH];
	struct iovec iov;
	char payload[32] = "np-bench";
	long count, sent = 0;
	double t0, t;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: flood ADDR PORT COUNT\n");
		return 64;
	}
	if (inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1)
		return 64;
	dst.sin_port = htons((unsigned short)atoi(argv[2]));
	count = atol(argv[3]);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return 1;
	iov.iov_base = payload;
	iov.iov_len = sizeof(payload);
	memset(msgs, 0, sizeof(msgs));
	for (int i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_name = &dst;
		msgs[i].msg_hdr.msg_namelen = sizeof(dst);
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	t0 = now();
	while (sent < count && now() - t0 < 30) {
		int n = (int)(count - sent < BATCH ? count - sent : BATCH);
		int r = sendmmsg(fd, msgs, (unsigned)n, 0);
		if (r > 0)
			sent += r;
	}
	t = now() - t0;
	{
		struct rusage ru;
		double cpu;
		getrusage(RUSAGE_SELF, &ru);
		cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
		      ru.ru_stime.tv_usec / 1e6;
		printf("%ld %.6f %.0f %.0f\n", sent, t, sent / t, cpu > 0 ? sent / cpu : 0);
	}
	return sent == count ? 0 : 1;
}
