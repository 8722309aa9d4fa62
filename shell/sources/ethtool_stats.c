// SPDX-License-Identifier: GPL-2.0-only
/* Driver statistic names and their classification (see ethtool_stats.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ethtool_stats.h"

void np_eth_string(const uint8_t *data, unsigned i, char *out)
{
	memcpy(out, data + (size_t)i * NP_ETH_NAME_LEN, NP_ETH_NAME_LEN);
	out[NP_ETH_NAME_LEN] = '\0';
}

void np_eth_fact_name(const char *name, char *out, size_t len)
{
	size_t o = 0;
	for (; *name && o + 1 < len; name++) {
		unsigned char c = (unsigned char)*name;
		out[o++] = isalnum(c) || c == '_' || c == '-' ? (char)c : '_';
	}
	if (o == 0 && len > 1)
		out[o++] = '_';
	out[o] = '\0';
}

static int has(const char *name, const char *word)
{
	return strcasestr(name, word) != NULL;
}

enum np_eth_kind np_eth_classify(const char *name)
{
	static const char *const drop_words[] = {"drop",    "discard", "miss",	     "no_buf",
						 "fifo",    "overrun", "alloc_fail", "out_of_buffer", NULL};
	int drop = 0;
	for (int i = 0; drop_words[i]; i++)
		drop |= has(name, drop_words[i]);
	if (has(name, "xdp"))
		return has(name, "drop") ? NP_ETH_XDP_DROP : NP_ETH_OTHER;
	return drop ? NP_ETH_DROP : NP_ETH_OTHER;
}

int np_eth_per_queue(const char *name)
{
	const char *q = strcasestr(name, "queue_");
	if (q && isdigit((unsigned char)q[6]))
		return 1;
	/* mlx5/ena style: rx0_..., tx12_... */
	if ((!strncasecmp(name, "rx", 2) || !strncasecmp(name, "tx", 2)) &&
	    isdigit((unsigned char)name[2]))
		return 1;
	/* i40e/ice style: rx-0.packets, tx-3.drops */
	if ((!strncasecmp(name, "rx-", 3) || !strncasecmp(name, "tx-", 3)) &&
	    isdigit((unsigned char)name[3]))
		return 1;
	return 0;
}

void np_eth_queue_generic(const char *name, char *out, size_t len)
{
	const char *q = strcasestr(name, "queue_");
	if (q && isdigit((unsigned char)q[6])) {
		/* rx_queue_0_drops -> rx_drops */
		const char *rest = q + 6;
		while (isdigit((unsigned char)*rest))
			rest++;
		if (*rest == '_' && q > name && q[-1] == '_')
			rest++;
		snprintf(out, len, "%.*s%s", (int)(q - name), name, rest);
		return;
	}
	if (np_eth_per_queue(name)) {
		/* rx0_drops -> rx_drops, rx-3.drops -> rx.drops */
		const char *rest = name + 2;
		if (*rest == '-')
			rest++;
		while (isdigit((unsigned char)*rest))
			rest++;
		snprintf(out, len, "%.2s%s", name, rest);
		return;
	}
	snprintf(out, len, "%s", name);
}

void np_eth_sum(const uint8_t *names, const uint64_t *vals, unsigned n, struct np_eth_sums *s)
{
	char name[NP_ETH_NAME_LEN + 1], gen[NP_ETH_NAME_LEN + 1], other[NP_ETH_NAME_LEN + 1];

	s->drops = s->xdp_drops = 0;
	for (unsigned i = 0; i < n; i++) {
		enum np_eth_kind k;
		int dup = 0;
		np_eth_string(names, i, name);
		k = np_eth_classify(name);
		if (k == NP_ETH_OTHER)
			continue;
		if (np_eth_per_queue(name)) {
			/* Skip a per-queue copy when the driver also exports the
			 * total (virtio: rx_drops and rx0_drops). */
			np_eth_queue_generic(name, gen, sizeof(gen));
			for (unsigned j = 0; j < n && !dup; j++) {
				np_eth_string(names, j, other);
				dup = !np_eth_per_queue(other) && !strcasecmp(other, gen);
			}
		}
		if (dup)
			continue;
		if (k == NP_ETH_XDP_DROP)
			s->xdp_drops += vals[i];
		else
			s->drops += vals[i];
	}
}
