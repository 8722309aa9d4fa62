// SPDX-License-Identifier: GPL-2.0-only
/* Bridge fact keys (see bridge_key.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge_key.h"
#include "bridge_parse.h"
#include "validate.h"

const char *const np_br_fields[] = {
    "vlan_filtering",
    "stp",
    "ports",
    "fdb_entries",
    "ifindex",
    "pvid",
    "not_forwarding",
    "not_forwarding_ports",
    "nf_call_iptables",
    "nf_call_ip6tables",
    "nf_call_arptables",
    NULL,
};
const char *const np_br_port_fields[] = {
    "state", "learning", "flood",      "mcast_flood", "bcast_flood",
    "pvid",  "vlans",	 "pvid_peers", "ifindex",     NULL,
};
const char *const np_br_fdb_fields[] = {"port", "vlan", "kind", NULL};
const char *const np_br_nf_fields[] = {"nf_loaded", "nf_call_iptables", "nf_call_ip6tables",
				       "nf_call_arptables", NULL};

static bool in_list(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static bool is_param(const char *s)
{
	return s && s[0] == '$';
}

static int iface_arg(const char *s, const char *what, char *why, size_t len)
{
	char w[128];
	if (is_param(s) || !np_validate_iface(s, w, sizeof(w)))
		return 0;
	snprintf(why, len, "%s '%.32s': %s", what, s, w);
	return -ENOENT;
}

static int field_of(const struct np_factkey *k, int i, const char *const *list, const char *what,
		    const char **out, char *why, size_t len)
{
	const char *f = np_factkey_name(k, i);
	if (k->seg[i].has_arg || !in_list(list, f)) {
		snprintf(why, len, "unknown %s field '%s%s' (%s, %s, ...)", what, f,
			 k->seg[i].has_arg ? "[...]" : "", list[0], list[1]);
		return -ENOENT;
	}
	*out = f;
	return 0;
}

static int parse_vid(const char *s, unsigned *vid, char *why, size_t len)
{
	char *end;
	long v;
	if (is_param(s))
		return 0;
	v = strtol(s, &end, 10);
	if (*end || end == s || v < 1 || v > 4094) {
		snprintf(why, len, "VLAN id '%.16s': expected 1-4094", s);
		return -ENOENT;
	}
	*vid = (unsigned)v;
	return 0;
}

/* bridge[BR].port[PORT]... (segment 1 is port[PORT]). */
static int port_key(const struct np_factkey *k, struct np_br_key *bk, char *why, size_t len)
{
	bk->kind = NP_BRK_PORT;
	bk->port = np_factkey_arg(k, 1);
	bk->need_ports = true;
	if (iface_arg(bk->port, "port", why, len))
		return -ENOENT;
	if (k->nseg == 2)
		return 0;
	if (k->nseg == 3 && k->seg[2].has_arg && !strcmp(np_factkey_name(k, 2), "vlan")) {
		bk->kind = NP_BRK_PORT_VLAN;
		bk->vid_text = np_factkey_arg(k, 2);
		return parse_vid(bk->vid_text, &bk->vid, why, len);
	}
	if (k->nseg == 3 && k->seg[2].has_arg && !strcmp(np_factkey_name(k, 2), "vlan_ok")) {
		bk->kind = NP_BRK_PORT_VLAN_OK;
		bk->out = np_factkey_arg(k, 2);
		return iface_arg(bk->out, "port", why, len);
	}
	if (k->nseg == 3)
		return field_of(k, 2, np_br_port_fields, "bridge port", &bk->field, why, len);
	snprintf(why, len,
		 "expected bridge[BR].port[PORT].FIELD, e.g. bridge[br0].port[veth0].state");
	return -ENOENT;
}

static int fdb_key(const struct np_factkey *k, struct np_br_key *bk, char *why, size_t len)
{
	bk->kind = NP_BRK_FDB;
	bk->mac_text = np_factkey_arg(k, 1);
	bk->need_fdb = true;
	if (!is_param(bk->mac_text) && np_mac_parse(bk->mac_text, bk->mac)) {
		snprintf(why, len, "'%.32s' is not a MAC address (aa:bb:cc:dd:ee:ff)",
			 bk->mac_text);
		return -ENOENT;
	}
	if (k->nseg != 3) {
		snprintf(why, len,
			 "expected bridge[BR].fdb[MAC].FIELD, e.g. "
			 "bridge[br0].fdb[02:42:ac:11:00:02].port");
		return -ENOENT;
	}
	return field_of(k, 2, np_br_fdb_fields, "bridge fdb", &bk->field, why, len);
}

int np_br_key_parse(const struct np_factkey *k, struct np_br_key *bk, char *why, size_t len)
{
	memset(bk, 0, sizeof(*bk));
	if (!k->seg[0].has_arg) {
		if (k->nseg == 1) {
			bk->kind = NP_BRK_FAMILY;
			bk->need_ports = bk->need_fdb = true;
			return 0;
		}
		bk->kind = NP_BRK_NF;
		if (k->nseg != 2) {
			snprintf(why, len, "expected bridge.nf_call_iptables or bridge[BR].FIELD");
			return -ENOENT;
		}
		return field_of(k, 1, np_br_nf_fields, "br_netfilter", &bk->field, why, len);
	}
	bk->br = np_factkey_arg(k, 0);
	if (iface_arg(bk->br, "bridge", why, len))
		return -ENOENT;
	bk->kind = NP_BRK_BRIDGE;
	if (k->nseg == 1) {
		bk->need_ports = bk->need_fdb = true;
		return 0;
	}
	if (k->seg[1].has_arg && !strcmp(np_factkey_name(k, 1), "port"))
		return port_key(k, bk, why, len);
	if (k->seg[1].has_arg && !strcmp(np_factkey_name(k, 1), "fdb"))
		return fdb_key(k, bk, why, len);
	if (k->nseg != 2) {
		snprintf(why, len,
			 "expected bridge[BR].FIELD, bridge[BR].port[PORT].FIELD or "
			 "bridge[BR].fdb[MAC].FIELD");
		return -ENOENT;
	}
	if (field_of(k, 1, np_br_fields, "bridge", &bk->field, why, len))
		return -ENOENT;
	bk->need_ports = !strcmp(bk->field, "ports") || !strncmp(bk->field, "not_forwarding", 14);
	bk->need_fdb = !strcmp(bk->field, "fdb_entries");
	return 0;
}
