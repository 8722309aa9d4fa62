// SPDX-License-Identifier: GPL-2.0-only
/* RTM_NEWLINK parser (link, link[DEV].* facts): any attribute soup parses
 * or is refused, strings stay terminated, names/modes map to text. */
#include <linux/rtnetlink.h>

#include "fuzz.h"
#include "link_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* u64-aligned like a socket buffer; the header length is made to
	 * match the input as mnl_cb_run guarantees before calling us. */
	static uint64_t buf[16384 / 8];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct np_link_info li;
	char moved[512];
	struct np_link_rates r;

	if (size < sizeof(*nlh) || size > sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	nlh->nlmsg_len = (uint32_t)size;
	if (np_link_parse(nlh, &li) == 0) {
		FUZZ_ASSERT(li.name[0] && strlen(li.name) < sizeof(li.name));
		FUZZ_ASSERT(strlen(li.kind) < sizeof(li.kind));
		FUZZ_ASSERT(np_link_operstate_name(li.operstate)[0]);
		FUZZ_ASSERT(np_link_xdp_name(li.xdp_mode)[0]);
		np_link_rates(&li.st, &li.st, 1.0, &r);
		FUZZ_ASSERT(r.rx_pps == 0 && r.tx_err_ps == 0);
		FUZZ_ASSERT(np_link_moved(&li.st, &li.st, moved, sizeof(moved)) == 0);
	}
	return 0;
}
