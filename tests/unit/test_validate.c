// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>

#include <sys/socket.h>

#include "check.h"
#include "sysctl_read.h"
#include "validate.h"

int main(void)
{
	char why[128], buf[128], path[512];
	struct np_addr a;
	unsigned port;
	double s;
	uint64_t u;

	CHECK(np_validate_iface("eth0.100", why, sizeof(why)) == 0);
	CHECK(np_validate_iface("0123456789abcdef", why, sizeof(why)) == -NP_EUSAGE);
	CHECK(strstr(why, "at most 15"));
	CHECK(np_validate_iface("a/b", why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_validate_iface("..", why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_validate_iface("", why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_validate_iface("a b", why, sizeof(why)) == -NP_EUSAGE);

	CHECK(np_validate_netns("blue", why, sizeof(why)) == 0);
	CHECK(np_validate_netns("../etc", why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_validate_netns("..", why, sizeof(why)) == -NP_EUSAGE);

	CHECK(np_validate_name("rx", why, sizeof(why)) == 0);
	CHECK(np_validate_name("../rx", why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_validate_name(".hidden", why, sizeof(why)) == -NP_EUSAGE);

	CHECK(np_parse_addr("10.0.0.1", &a, why, sizeof(why)) == 0 && a.family == AF_INET);
	CHECK_STR(np_addr_str(&a, buf, sizeof(buf)), "10.0.0.1");
	CHECK(np_parse_addr("fd00::1", &a, why, sizeof(why)) == 0 && a.family == AF_INET6);
	CHECK(np_parse_addr("10.0.0.256", &a, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_parse_addr("eth0", &a, why, sizeof(why)) == -NP_EUSAGE);

	CHECK(np_parse_port("80", &port, why, sizeof(why)) == 0 && port == 80);
	CHECK(np_parse_port("0", &port, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_parse_port("65536", &port, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(strstr(why, "1-65535"));
	CHECK(np_parse_port("-1", &port, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_parse_port("99999999999999999999999", &port, why, sizeof(why)) == -NP_EUSAGE);

	CHECK(np_parse_seconds("3", &s, why, sizeof(why)) == 0 && s == 3);
	CHECK(np_parse_seconds("500ms", &s, why, sizeof(why)) == 0 && s == 0.5);
	CHECK(np_parse_seconds("2.5s", &s, why, sizeof(why)) == 0 && s == 2.5);
	CHECK(np_parse_seconds("1m", &s, why, sizeof(why)) == 0 && s == 60);
	CHECK(np_parse_seconds("3h", &s, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_parse_seconds("nan", &s, why, sizeof(why)) == -NP_EUSAGE);
	CHECK(np_parse_seconds("1e9", &s, why, sizeof(why)) == -NP_EUSAGE);
	/* 0 (no window) or at least 0.1 s; the message says what is accepted */
	CHECK(np_parse_seconds("0", &s, why, sizeof(why)) == 0 && s == 0);
	CHECK(np_parse_seconds("0.1", &s, why, sizeof(why)) == 0 && s == 0.1);
	CHECK(np_parse_seconds("100ms", &s, why, sizeof(why)) == 0 && s == 0.1);
	CHECK(np_parse_seconds("0.0001", &s, why, sizeof(why)) == -NP_EUSAGE);
	CHECK_STR(why, "'0.0001' is under the 0.1 s minimum: use 0 (no window) or 0.1 s and more");
	CHECK(np_parse_seconds("99999", &s, why, sizeof(why)) == -NP_EUSAGE);
	CHECK_STR(why, "'99999' is out of range: durations are 0, or 0.1 to 86400 s");
	CHECK(np_parse_seconds("86400", &s, why, sizeof(why)) == 0);

	/* prefixes (routes PREFIX) */
	{
		struct np_prefix p;
		unsigned char a4[4] = {10, 1, 2, 0}, b4[4] = {11, 0, 0, 0}, z[16] = {0};
		unsigned char a6[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
		CHECK(np_parse_prefix("10.0.0.0/8", &p, why, sizeof(why)) == 0 && p.len == 8);
		CHECK(np_prefix_contains(&p, AF_INET, a4, 24));
		CHECK(!np_prefix_contains(&p, AF_INET, b4, 24));
		CHECK(!np_prefix_contains(&p, AF_INET, a4, 7)); /* wider than the prefix */
		CHECK(!np_prefix_contains(&p, AF_INET6, a6, 128));
		CHECK(np_parse_prefix("10.1.2.0", &p, why, sizeof(why)) == 0 && p.len == 32);
		CHECK(!np_prefix_contains(&p, AF_INET, a4, 24));
		CHECK(np_prefix_contains(&p, AF_INET, a4, 32));
		CHECK(np_parse_prefix("0.0.0.0/0", &p, why, sizeof(why)) == 0 && p.len == 0);
		CHECK(np_prefix_contains(&p, AF_INET, z, 0)); /* the default route */
		CHECK(np_parse_prefix("fd00::/12", &p, why, sizeof(why)) == 0 && p.len == 12);
		CHECK(np_prefix_contains(&p, AF_INET6, a6, 64));
		a6[1] = 0x10; /* fd10:: is outside fd00::/12 */
		CHECK(!np_prefix_contains(&p, AF_INET6, a6, 64));
		CHECK(np_parse_prefix("10.0.0.0/33", &p, why, sizeof(why)) == -NP_EUSAGE);
		CHECK(np_parse_prefix("10.0.0.0/", &p, why, sizeof(why)) == -NP_EUSAGE);
		CHECK(np_parse_prefix("10.0.0.0/0x8", &p, why, sizeof(why)) == -NP_EUSAGE);
		CHECK(np_parse_prefix("10.0.0.300/8", &p, why, sizeof(why)) == -NP_EUSAGE);
		CHECK(np_parse_prefix("::/129", &p, why, sizeof(why)) == -NP_EUSAGE);
	}

	CHECK(np_parse_uint("0x10", 100, &u, why, sizeof(why)) == 0 && u == 16);
	CHECK(np_parse_uint("101", 100, &u, why, sizeof(why)) == -NP_EUSAGE);

	CHECK(np_sysctl_path("net.core.somaxconn", path, sizeof(path)) == 0);
	CHECK_STR(path, "/proc/sys/net/core/somaxconn");
	CHECK(np_sysctl_path("net/ipv4/conf/eth0.1/rp_filter", path, sizeof(path)) == 0);
	CHECK_STR(path, "/proc/sys/net/ipv4/conf/eth0.1/rp_filter");
	CHECK(np_sysctl_path("net/../../etc/passwd", path, sizeof(path)) == -NP_EUSAGE);
	CHECK(np_sysctl_path("/etc/passwd", path, sizeof(path)) == -NP_EUSAGE);
	/* /proc/sys/net/core/somaxconn exists on every Linux */
	CHECK(np_sysctl_read("net.core.somaxconn", buf, sizeof(buf)) == 0 && buf[0] >= '0');
	CHECK(np_sysctl_read("net.core", buf, sizeof(buf)) == -EISDIR);
	CHECK(np_sysctl_read("net.core.no_such_key", buf, sizeof(buf)) == -ENOENT);
	return check_done();
}
