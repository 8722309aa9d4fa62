// SPDX-License-Identifier: GPL-2.0-only
/* "Did you mean": edit distance and ranking. */
#include "check.h"
#include "suggest.h"

int main(void)
{
	static const char *const names[] = {"help",   "softnet", "sysctl", "sockets", "route",
					    "routes", "neigh",	 "netns",  "link"};
	const int n = sizeof(names) / sizeof(names[0]);
	int idx[3], k;
	char buf[128];

	CHECK(np_edit_distance("", "") == 0);
	CHECK(np_edit_distance("sockets", "sockets") == 0);
	CHECK(np_edit_distance("sokets", "sockets") == 1); /* one deletion */
	CHECK(np_edit_distance("lnik", "link") == 1);	   /* one swap */
	CHECK(np_edit_distance("rotue", "route") == 1);
	CHECK(np_edit_distance("kitten", "sitting") == 3);
	CHECK(np_edit_distance("", "abc") == 3);
	CHECK(np_edit_distance("sokets", "softnet") == 4);

	/* the closest first: sockets, never "softnet or sockets" */
	k = np_suggest("sokets", names, n, idx, 3);
	CHECK(k == 1 && idx[0] == 3);
	np_suggest_text(names, idx, k, buf, sizeof(buf));
	CHECK_STR(buf, "`sockets`");
	/* ties keep the table order; a far word gets nothing */
	k = np_suggest("rout", names, n, idx, 3);
	CHECK(k == 1 && idx[0] == 4);
	k = np_suggest("routs", names, n, idx, 3);
	CHECK(k == 2 && idx[0] == 4 && idx[1] == 5); /* both one away: table order */
	np_suggest_text(names, idx, k, buf, sizeof(buf));
	CHECK_STR(buf, "`route` or `routes`");
	CHECK(np_suggest("xyzzy", names, n, idx, 3) == 0);
	k = np_suggest("netn", names, n, idx, 3);
	CHECK(k >= 1 && idx[0] == 7);
	return check_done();
}
