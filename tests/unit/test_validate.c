// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>

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
