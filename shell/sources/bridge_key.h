/* SPDX-License-Identifier: GPL-2.0-only */
/* The bridge fact keys: what a key names and what must be read to answer
 * it.  Shared by the provider's load-time check (playbooks) and its fetch.
 *
 *   bridge.nf_loaded | .nf_call_iptables | .nf_call_ip6tables | .nf_call_arptables
 *   bridge[BR].FIELD                         (np_br_fields)
 *   bridge[BR].port[PORT].FIELD              (np_br_port_fields)
 *   bridge[BR].port[PORT].vlan[VID]          VID 1..4094
 *   bridge[BR].port[PORT].vlan_ok[OUT]       OUT another port
 *   bridge[BR].fdb[MAC].FIELD                (np_br_fdb_fields)
 *   bridge, bridge[BR], bridge[BR].port[PORT]   everything below (facts)
 *
 * Arguments starting with '$' are playbook parameters, accepted by the
 * check and substituted before any fetch. */
#ifndef NP_BRIDGE_KEY_H
#define NP_BRIDGE_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts.h"

enum np_brk {
	NP_BRK_FAMILY,	     /* bridge: every bridge and br_netfilter */
	NP_BRK_NF,	     /* bridge.nf_* */
	NP_BRK_BRIDGE,	     /* bridge[BR][.FIELD] */
	NP_BRK_PORT,	     /* bridge[BR].port[PORT][.FIELD] */
	NP_BRK_PORT_VLAN,    /* bridge[BR].port[PORT].vlan[VID] */
	NP_BRK_PORT_VLAN_OK, /* bridge[BR].port[PORT].vlan_ok[OUT] */
	NP_BRK_FDB,	     /* bridge[BR].fdb[MAC].FIELD */
};

struct np_br_key {
	enum np_brk kind;
	const char *br, *port, *out, *mac_text, *vid_text, *field; /* into the key; NULL absent */
	unsigned vid;
	uint8_t mac[6];
	bool need_ports; /* the AF_BRIDGE port dump */
	bool need_fdb;	 /* the FDB dump */
};

extern const char *const np_br_fields[];
extern const char *const np_br_port_fields[];
extern const char *const np_br_fdb_fields[];
extern const char *const np_br_nf_fields[];

/* 0, or -ENOENT with why ("expected ...", "unknown bridge field ...").
 * Parameters ($x) are accepted where a value goes; vid/mac are then 0. */
int np_br_key_parse(const struct np_factkey *k, struct np_br_key *bk, char *why, size_t len);

#endif
