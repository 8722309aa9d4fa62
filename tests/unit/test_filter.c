// SPDX-License-Identifier: GPL-2.0-only
/* The probe filter grammar: accepted forms, rejected forms, and no crash
 * on arbitrary input. */
#include <arpa/inet.h>
#include <stdlib.h>

#include "check.h"
#include "filter.h"
#include "np.h"

static int parse(const char *s, struct np_filter_spec *f)
{
	char why[256];
	return np_filter_parse(s, f, why, sizeof(why));
}

int main(void)
{
	struct np_filter_spec f;
	char why[256], buf[512];

	CHECK(parse("", &f) == 0 && f.f.flags == 0 && f.netns == NP_NETNS_DEFAULT);
	CHECK(parse(NULL, &f) == 0 && f.f.flags == 0);
	CHECK(parse("proto udp", &f) == 0 && f.f.flags == NP_F_PROTO && f.f.l4 == 17);
	CHECK(parse("proto tcp and port 80", &f) == 0 && f.f.l4 == 6 && f.f.port == 80 &&
	      f.f.flags == (NP_F_PROTO | NP_F_PORT));
	CHECK(parse("proto icmp", &f) == 0 && f.f.l4 == 1);
	CHECK(parse("netns current", &f) == 0 && f.netns == NP_NETNS_CURRENT);
	CHECK(parse("netns all", &f) == 0 && f.netns == NP_NETNS_ALL);
	CHECK(parse("netns np-a and dev veth0", &f) == 0 && f.netns == NP_NETNS_NAMED);
	CHECK(f.netns_spec.kind == NP_NS_NAME);
	CHECK_STR(f.netns_spec.value, "np-a");
	CHECK_STR(f.dev, "veth0");
	CHECK(f.f.flags == NP_F_DEV);
	CHECK(parse("src 10.0.0.1 and dst 10.0.0.2 and sport 1 and dport 65535", &f) == 0);
	CHECK(f.f.src.family == 4 && f.f.dst.family == 4 && f.f.sport == 1 && f.f.dport == 65535);
	{
		struct in_addr a;
		inet_pton(AF_INET, "10.0.0.2", &a);
		CHECK(!memcmp(f.f.dst.a, &a, 4));
	}
	CHECK(parse("host fe80::1", &f) == 0 && f.f.host.family == 6 && f.f.host.a[0] == 0xfe &&
	      f.f.host.a[15] == 1);
	/* "and" is optional between terms. */
	CHECK(parse("proto udp port 53", &f) == 0 && f.f.port == 53);

	/* Rejected. */
	CHECK(parse("proto sctp", &f) == -NP_EUSAGE);
	CHECK(parse("port 0", &f) == -NP_EUSAGE);
	CHECK(parse("port 65536", &f) == -NP_EUSAGE);
	CHECK(parse("port", &f) == -NP_EUSAGE);
	CHECK(parse("and proto udp", &f) == -NP_EUSAGE);
	CHECK(parse("proto udp and", &f) == -NP_EUSAGE);
	CHECK(parse("proto udp and and port 1", &f) == -NP_EUSAGE);
	CHECK(parse("port 1 and port 2", &f) == -NP_EUSAGE);
	CHECK(parse("host 10.0.0.300", &f) == -NP_EUSAGE);
	CHECK(parse("dev a/b", &f) == -NP_EUSAGE);
	CHECK(parse("netns ../x", &f) == -NP_EUSAGE);
	/* Every namespace spec form is a filter term; describe keeps it. */
	CHECK(parse("netns pid:42 and proto udp", &f) == 0 && f.netns == NP_NETNS_NAMED);
	CHECK(f.netns_spec.kind == NP_NS_PID && f.netns_spec.num == 42);
	np_filter_describe(&f, buf, sizeof(buf));
	CHECK_STR(buf, "netns pid:42 and proto udp");
	CHECK(parse("netns /proc/7/ns/net", &f) == 0 && f.netns_spec.kind == NP_NS_PATH);
	CHECK(parse("netns docker:web", &f) == 0 && f.netns_spec.kind == NP_NS_DOCKER);
	CHECK(parse("netns 1234", &f) == 0 && f.netns_spec.kind == NP_NS_NUMBER);
	CHECK(parse("netns pid:0", &f) == -NP_EUSAGE);
	CHECK(parse("netns pid:x", &f) == -NP_EUSAGE);
	CHECK(np_filter_parse("netns pid:x", &f, why, sizeof(why)) && strstr(why, "pid:PID"));
	CHECK(parse("bogus 1", &f) == -NP_EUSAGE);
	CHECK(np_filter_parse("bogus 1", &f, why, sizeof(why)) && strstr(why, "bogus"));

	/* Describe round-trips the terms. */
	CHECK(parse("proto udp and dst 10.1.2.3 and dport 9", &f) == 0);
	np_filter_describe(&f, buf, sizeof(buf));
	CHECK(strstr(buf, "proto udp") && strstr(buf, "dst 10.1.2.3") && strstr(buf, "dport 9"));
	CHECK(parse(buf, &f) == 0 && f.f.dport == 9);

	/* Arbitrary bytes and word soups: must return, never crash. */
	srand(1);
	static const char *words[] = {"netns", "dev",	"proto", "host", "src", "dst",
				      "port",  "sport", "dport", "and",	 "udp", "1",
				      "::1",   "x",	"",	 "all"};
	int ok = 0;
	for (int i = 0; i < 20000; i++) {
		char in[200];
		size_t o = 0;
		int n = rand() % 8;
		for (int w = 0; w < n && o < sizeof(in) - 40; w++)
			o += (size_t)snprintf(in + o, sizeof(in) - o, "%s ",
					      words[rand() % NP_ARRAY_SIZE(words)]);
		if (rand() % 4 == 0 && o < sizeof(in) - 2)
			in[o++] = (char)(rand() % 255 + 1);
		in[o] = '\0';
		int r = np_filter_parse(in, &f, why, sizeof(why));
		ok += r == 0 || r == -NP_EUSAGE;
	}
	CHECK(ok == 20000);
	return check_done();
}
