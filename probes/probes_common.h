/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by the probe commands. */
#ifndef NP_PROBES_COMMON_H
#define NP_PROBES_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* "udp", "tcp", "icmp", "icmp6", "arp", "ipv4", "0x88b5" ... */
const char *np_proto_text(uint16_t l3, uint8_t l4, char *buf, size_t len);

#endif
