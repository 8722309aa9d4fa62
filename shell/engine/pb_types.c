// SPDX-License-Identifier: GPL-2.0-only
/* Playbook parameter types and severities: names, validation, the one
 * spelling of a value (facts are keyed by it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pb.h"
#include "validate.h"

static const char *const ptype_names[] = {
    [PB_T_IFACE] = "iface", [PB_T_ADDR] = "addr",	  [PB_T_PORT] = "port",
    [PB_T_PROTO] = "proto", [PB_T_DURATION] = "duration", [PB_T_WORD] = "word",
    [PB_T_BOOL] = "bool",   [PB_T_VANTAGE] = "vantage",
};

const char *pb_ptype_name(enum pb_ptype t)
{
	return (unsigned)t < NP_ARRAY_SIZE(ptype_names) ? ptype_names[t] : "?";
}

int pb_ptype_parse(const char *word)
{
	for (size_t i = 0; i < NP_ARRAY_SIZE(ptype_names); i++)
		if (!strcmp(word, ptype_names[i]))
			return (int)i;
	return -1;
}

const char *pb_sev_name(enum pb_sev s)
{
	return s == PB_SEV_CRIT ? "crit" : s == PB_SEV_WARN ? "warn" : "info";
}

int pb_param_validate(enum pb_ptype t, const char *val, char *why, size_t len)
{
	struct np_addr a;
	unsigned port;
	double secs;

	switch (t) {
	case PB_T_IFACE:
		return np_validate_iface(val, why, len);
	case PB_T_ADDR:
		return np_parse_addr(val, &a, why, len);
	case PB_T_PORT:
		return np_parse_port(val, &port, why, len);
	case PB_T_PROTO:
		if (!strcmp(val, "tcp") || !strcmp(val, "udp") || !strcmp(val, "icmp"))
			return 0;
		snprintf(why, len, "expected tcp, udp or icmp");
		return -NP_EUSAGE;
	case PB_T_DURATION:
		return np_parse_seconds(val, &secs, why, len);
	case PB_T_BOOL:
		if (!strcmp(val, "yes") || !strcmp(val, "no"))
			return 0;
		snprintf(why, len, "expected yes or no");
		return -NP_EUSAGE;
	case PB_T_VANTAGE:
		if (!strcmp(val, "client") || !strcmp(val, "server") || !strcmp(val, "router") ||
		    !strcmp(val, "host"))
			return 0;
		snprintf(why, len, "expected client, server, router or host");
		return -NP_EUSAGE;
	case PB_T_WORD:
		for (const char *c = val; *c; c++)
			if (!isalnum((unsigned char)*c) && !strchr("_.-:", *c)) {
				snprintf(why, len,
					 "expected letters, digits, '_', '.', '-' or ':'");
				return -NP_EUSAGE;
			}
		if (!*val || strlen(val) > 64) {
			snprintf(why, len, "expected 1 to 64 characters");
			return -NP_EUSAGE;
		}
		return 0;
	}
	return -NP_EUSAGE;
}

int pb_param_canon(enum pb_ptype t, const char *val, char *buf, size_t len)
{
	char why[128];
	struct np_addr a;
	unsigned port;
	int err = pb_param_validate(t, val, why, sizeof(why));
	if (err)
		return err;
	if (t == PB_T_PORT && !np_parse_port(val, &port, why, sizeof(why)))
		snprintf(buf, len, "%u", port);
	else if (t == PB_T_ADDR && !np_parse_addr(val, &a, why, sizeof(why)))
		np_addr_str(&a, buf, len);
	else
		snprintf(buf, len, "%s", val);
	return 0;
}
