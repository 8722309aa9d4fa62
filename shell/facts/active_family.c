// SPDX-License-Identifier: GPL-2.0-only
/* The `active` fact family: what netpath's own test packets met in a
 * playbook window with active=yes.  The engine publishes it
 * (pb_active_finish); it is never fetched, and never replayed (replay
 * refuses active=yes). */
#include <stdio.h>
#include <string.h>

#include "family.h"

static const char *const fields[] = {
    "sent",	"errors",    "error", "connected", "replies",  "size",	   "available", "sport",
    "error_at", "icmp_from", "pmtu",  "mtu_ok",	   "mtu_lost", "icmp_mtu", "no_answer", NULL};

static int active_canon(struct np_factkey *key, char *why, size_t len)
{
	if (key->nseg == 2 && !key->seg[0].has_arg && !key->seg[1].has_arg)
		for (int i = 0; fields[i]; i++)
			if (!strcmp(key->seg[1].name, fields[i]))
				return 0;
	snprintf(why, len,
		 "expected active.{sent,errors,error,error_at,connected,replies,size,sport,"
		 "icmp_from,pmtu,mtu_ok,mtu_lost,icmp_mtu,no_answer}");
	return -ENOENT;
}

static const char *const text_fields[] = {"error", "error_at", "icmp_from", NULL};

const struct np_fact_family np_family_active = {
    .ns = "active",
    .pattern = "active.{sent,errors,error,error_at,connected,replies,icmp_from,pmtu,...}",
    .describe = "netpath's own test packets in a playbook run with active=yes",
    .canon = active_canon,
    .window = true,
    .active = true,
    .values = true,
    .text_fields = text_fields,
};
