// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>

#include "probes_common.h"

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
