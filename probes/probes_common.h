/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by the probe commands. */
#ifndef NP_PROBES_COMMON_H
#define NP_PROBES_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* "udp", "tcp", "icmp", "icmp6", "arp", "ipv4", "0x88b5" ... */
const char *np_proto_text(uint16_t l3, uint8_t l4, char *buf, size_t len);

/* "current", the /run/netns name with that inode, "-" for 0, or the number. */
void np_netns_label(uint32_t ino, uint32_t own, char *buf, size_t len);
/* TCP_ESTABLISHED ... as "ESTABLISHED"; "-" for 0. */
const char *np_tcp_state_name(unsigned state);
/* "10.0.0.1:80" or "[fe80::1]:80" from the raw bytes. */
void np_endpoint_text(int family, const uint8_t *addr, unsigned port, char *buf, size_t len);
struct np_ksyms;
/* Symbolise up to max stack frames into "f1 <- f2 <- ..." with a loaded
 * symbol table (np_ksyms_load: one read of /proc/kallsyms for all rows, not
 * one per stack; NULL prints "?" frames). */
void np_stack_text(const struct np_ksyms *k, const uint64_t *ips, int n, int max, char *buf,
		   size_t len);

#endif
