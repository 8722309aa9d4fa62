// SPDX-License-Identifier: GPL-2.0-only
/* Names of nftables families, hooks and verdicts as nft(8) prints them,
 * and the hooks of each path. */
#include <netinet/in.h> /* before the linux/ headers: glibc's definitions win */
#include <string.h>

#include <linux/netfilter.h>

#include "nft.h"

static const struct {
	uint8_t nfproto;
	const char *name;
} families[] = {
    {NFPROTO_IPV4, "ip"}, {NFPROTO_IPV6, "ip6"},      {NFPROTO_INET, "inet"},
    {NFPROTO_ARP, "arp"}, {NFPROTO_BRIDGE, "bridge"}, {NFPROTO_NETDEV, "netdev"},
};

const char *np_nft_family_name(uint8_t family)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (families[i].nfproto == family)
			return families[i].name;
	return "?";
}

int np_nft_family_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (!strcmp(families[i].name, name))
			return families[i].nfproto;
	return -1;
}

/* Path order: a packet meets them in this order on any path. */
static const struct {
	unsigned bit;
	const char *name;
} hooks[] = {
    {NP_NFT_H_INGRESS, "ingress"}, {NP_NFT_H_PREROUTING, "prerouting"},
    {NP_NFT_H_INPUT, "input"},	   {NP_NFT_H_FORWARD, "forward"},
    {NP_NFT_H_OUTPUT, "output"},   {NP_NFT_H_POSTROUTING, "postrouting"},
    {NP_NFT_H_EGRESS, "egress"},
};

unsigned np_nft_hook_bit(uint8_t family, uint32_t hooknum)
{
	/* ip, ip6, inet and bridge share NF_INET_* numbering (bridge's
	 * NF_BR_* has the same five); inet adds ingress as 5. */
	static const unsigned inet[] = {NP_NFT_H_PREROUTING,  NP_NFT_H_INPUT,
					NP_NFT_H_FORWARD,     NP_NFT_H_OUTPUT,
					NP_NFT_H_POSTROUTING, NP_NFT_H_INGRESS};
	static const unsigned arp[] = {NP_NFT_H_INPUT, NP_NFT_H_OUTPUT, NP_NFT_H_FORWARD};
	static const unsigned netdev[] = {NP_NFT_H_INGRESS, NP_NFT_H_EGRESS};

	switch (family) {
	case NFPROTO_IPV4:
	case NFPROTO_IPV6:
	case NFPROTO_INET:
	case NFPROTO_BRIDGE:
		return hooknum < 6 ? inet[hooknum] : 0;
	case NFPROTO_ARP:
		return hooknum < 3 ? arp[hooknum] : 0;
	case NFPROTO_NETDEV:
		return hooknum < 2 ? netdev[hooknum] : 0;
	default:
		return 0;
	}
}

const char *np_nft_hook_name(unsigned bit)
{
	for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++)
		if (hooks[i].bit == bit)
			return hooks[i].name;
	return "";
}

unsigned np_nft_hook_first(unsigned mask)
{
	for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++)
		if (mask & hooks[i].bit)
			return hooks[i].bit;
	return 0;
}

const char *np_nft_verdict_name(enum np_nft_verdict v)
{
	static const char *const names[] = {
	    [NP_NFT_V_NONE] = "",
	    [NP_NFT_V_ACCEPT] = "accept",
	    [NP_NFT_V_DROP] = "drop",
	    [NP_NFT_V_REJECT] = "reject",
	    [NP_NFT_V_QUEUE] = "queue",
	    [NP_NFT_V_JUMP] = "jump",
	    [NP_NFT_V_GOTO] = "goto",
	    [NP_NFT_V_RETURN] = "return",
	    [NP_NFT_V_CONTINUE] = "continue",
	    [NP_NFT_V_OTHER] = "other",
	};
	return (unsigned)v < sizeof(names) / sizeof(names[0]) ? names[v] : "";
}

unsigned np_nft_path_hooks(const char *path)
{
	if (!strcmp(path, "rx"))
		return NP_NFT_PATH_RX;
	if (!strcmp(path, "forward"))
		return NP_NFT_PATH_FORWARD;
	if (!strcmp(path, "tx"))
		return NP_NFT_PATH_TX;
	if (!strcmp(path, "any"))
		return NP_NFT_H_ALL;
	return 0;
}
