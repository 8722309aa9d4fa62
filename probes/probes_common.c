// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "probes_common.h"
#include "ksyms.h"

const char *np_proto_text(uint16_t l3, uint8_t l4, char *buf, size_t len)
{
	if (l3 == 0x0800 || l3 == 0x86DD) {
		const char *v6 = l3 == 0x86DD ? "6" : "";
		switch (l4) {
		case 6:
			snprintf(buf, len, "tcp%s", v6);
			return buf;
		case 17:
			snprintf(buf, len, "udp%s", v6);
			return buf;
		case 1:
			snprintf(buf, len, "icmp");
			return buf;
		case 58:
			snprintf(buf, len, "icmp6");
			return buf;
		default:
			snprintf(buf, len, "ipv%s/%u", l3 == 0x86DD ? "6" : "4", l4);
			return buf;
		}
	}
	if (l3 == 0x0806)
		snprintf(buf, len, "arp");
	else if (l3 == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "0x%04x", l3);
	return buf;
}

void np_netns_label(uint32_t ino, uint32_t own, char *buf, size_t len)
{
	DIR *dir;
	struct dirent *e;
	if (ino == own) {
		snprintf(buf, len, "current");
		return;
	}
	if (!ino) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%u", ino);
	dir = opendir("/run/netns");
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		char p[300];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/run/netns/%s", e->d_name);
		if (!stat(p, &st) && st.st_ino == ino) {
			snprintf(buf, len, "%.63s", e->d_name);
			break;
		}
	}
	closedir(dir);
}

const char *np_tcp_state_name(unsigned state)
{
	static const char *const names[] = {
	    "-",	 "ESTABLISHED", "SYN_SENT",	"SYN_RECV",	  "FIN_WAIT1",
	    "FIN_WAIT2", "TIME_WAIT",	"CLOSE",	"CLOSE_WAIT",	  "LAST_ACK",
	    "LISTEN",	 "CLOSING",	"NEW_SYN_RECV", "BOUND_INACTIVE",
	};
	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}

void np_endpoint_text(int family, const uint8_t *addr, unsigned port, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];
	if (!inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	if (family == 6)
		snprintf(buf, len, "[%s]:%u", a, port);
	else
		snprintf(buf, len, "%s:%u", a, port);
}

void np_stack_text(const struct np_ksyms *k, const uint64_t *ips, int n, int max, char *buf,
		   size_t len)
{
	size_t o = 0;
	int shown = 0;
	if (len)
		buf[0] = '\0';
	if (n > max)
		n = max;
	for (int i = 0; i < n && o < len; i++) {
		uint64_t off;
		const char *name = k ? np_ksyms_find(k, ips[i], &off) : NULL;
		/* The probe's own frames say nothing about the kernel path. */
		if (!shown && name &&
		    (!strncmp(name, "bpf_", 4) || !strncmp(name, "__bpf_", 6) ||
		     !strncmp(name, "__traceiter_", 12)))
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s", shown++ ? " <- " : "",
				      name ? name : "?");
	}
}
