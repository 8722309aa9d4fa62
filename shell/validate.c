// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

#define WHY(...)                                                                                   \
	do {                                                                                       \
		snprintf(why, len, __VA_ARGS__);                                                   \
		return -NP_EUSAGE;                                                                 \
	} while (0)

int np_validate_name(const char *s, char *why, size_t len)
{
	size_t n = strlen(s);
	if (n == 0)
		WHY("empty name");
	if (n > 200)
		WHY("name longer than 200 characters");
	if (s[0] == '.' || s[0] == '-')
		WHY("name may not start with '%c'", s[0]);
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
			WHY("only letters, digits, '_', '-' and '.' are allowed");
	return 0;
}

int np_validate_netns(const char *s, char *why, size_t len)
{
	size_t n = strlen(s);
	if (n == 0)
		WHY("empty namespace name");
	if (n > 255)
		WHY("namespace name longer than 255 characters");
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		WHY("not a namespace name");
	if (strchr(s, '/'))
		WHY("a namespace name cannot contain '/'");
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == 0x7f)
			WHY("control characters and spaces are not allowed");
	return 0;
}

int np_validate_iface(const char *s, char *why, size_t len)
{
	size_t n = strlen(s);
	if (n == 0)
		WHY("empty interface name");
	if (n >= IF_NAMESIZE)
		WHY("interface names are at most %d characters", IF_NAMESIZE - 1);
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		WHY("not an interface name");
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) || (unsigned char)*p < 0x20)
			WHY("'/', ':', spaces and control characters are not allowed");
	return 0;
}

int np_parse_addr(const char *s, struct np_addr *out, char *why, size_t len)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, s, out->a) == 1) {
		out->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out->a) == 1) {
		out->family = AF_INET6;
		return 0;
	}
	WHY("'%.64s' is not an IPv4 or IPv6 address", s);
}

int np_parse_prefix(const char *s, struct np_prefix *out, char *why, size_t len)
{
	char a[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned max;
	uint64_t l;

	if (n >= sizeof(a))
		WHY("'%.64s' is not a prefix (ADDR/LEN)", s);
	memcpy(a, s, n);
	a[n] = '\0';
	if (np_parse_addr(a, &out->addr, why, len))
		WHY("'%.64s' is not a prefix (ADDR/LEN, e.g. 10.0.0.0/8)", s);
	max = out->addr.family == AF_INET ? 32 : 128;
	out->len = max;
	if (slash) {
		const char *d = slash + 1;
		size_t nd = strspn(d, "0123456789");
		if (nd == 0 || nd > 3 || d[nd] || (l = strtoull(d, NULL, 10)) > max)
			WHY("'%.64s': the length after / is 0 to %u", s, max);
		out->len = (unsigned)l;
	}
	return 0;
}

bool np_prefix_contains(const struct np_prefix *p, int family, const unsigned char *addr,
			unsigned plen)
{
	unsigned bytes = p->len / 8, bits = p->len % 8;
	if (family != p->addr.family || plen < p->len)
		return false;
	if (memcmp(p->addr.a, addr, bytes))
		return false;
	return !bits || ((p->addr.a[bytes] ^ addr[bytes]) & (0xff << (8 - bits))) == 0;
}

const char *np_addr_str(const struct np_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, a->a, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

int np_parse_uint(const char *s, uint64_t max, uint64_t *out, char *why, size_t len)
{
	char *end;
	unsigned long long v;
	if (!*s || !isdigit((unsigned char)*s))
		WHY("'%.32s' is not a number", s);
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		WHY("'%.32s' is not a number", s);
	if (v > max)
		WHY("%llu is out of range (at most %llu)", v, (unsigned long long)max);
	*out = v;
	return 0;
}

int np_parse_port(const char *s, unsigned *out, char *why, size_t len)
{
	uint64_t v;
	char *end;
	if (!*s || !isdigit((unsigned char)*s))
		WHY("'%.32s' is not a port number", s);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		WHY("'%.32s' is not a port number", s);
	if (v < 1 || v > 65535)
		WHY("port %.32s is out of range (1-65535)", s);
	*out = (unsigned)v;
	return 0;
}

int np_parse_seconds(const char *s, double *out, char *why, size_t len)
{
	char *end;
	double v;
	if (!*s || !(isdigit((unsigned char)*s) || *s == '.'))
		WHY("'%.32s' is not a duration (0, or 0.1 to 86400 s: 3, 2.5s, 500ms, 1m)", s);
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s)
		WHY("'%.32s' is not a duration (0, or 0.1 to 86400 s: 3, 2.5s, 500ms, 1m)", s);
	if (!strcmp(end, "ms"))
		v /= 1000;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		v *= 60;
	else if (*end && strcmp(end, "s"))
		WHY("'%.32s': unknown unit (use s, ms or m)", s);
	if (!isfinite(v) || v < 0 || v > NP_DURATION_MAX)
		WHY("'%.32s' is out of range: durations are 0, or 0.1 to 86400 s", s);
	/* Nothing is measured in less than a tenth of a second; 0 is the
	 * deliberate "no window" (static checks only, one snapshot). */
	if (v > 0 && v < NP_DURATION_MIN)
		WHY("'%.32s' is under the 0.1 s minimum: use 0 (no window) or 0.1 s and more", s);
	*out = v;
	return 0;
}

int np_validate_sysctl(const char *s, char *why, size_t len)
{
	size_t n = strlen(s);
	if (n == 0)
		WHY("empty sysctl name");
	if (n > 200)
		WHY("sysctl name too long");
	if (strstr(s, ".."))
		WHY("'..' is not allowed in a sysctl name");
	if (s[0] == '/' || s[0] == '.')
		WHY("a sysctl name starts with a letter (e.g. net.core.somaxconn)");
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_.-/", *p))
			WHY("unexpected character '%c' in sysctl name", isprint((unsigned char)*p) ? *p : '?');
	return 0;
}
