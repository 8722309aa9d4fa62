// SPDX-License-Identifier: GPL-2.0-only
/* Probe filter: parse (pure) and resolve (namespace inode, ifindex). */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "filter.h"
#include "netns.h"
#include "validate.h"
#include "xalloc.h"

static const char *const keywords[] = {"netns", "dev",	 "proto", "host", "src", "dst",
				       "port",	"sport", "dport", "and",  NULL};

const char *const *np_filter_keywords(void)
{
	return keywords;
}

static int set_addr(struct np_filter_addr *fa, const char *tok, char *why, size_t len)
{
	struct np_addr a;
	if (np_parse_addr(tok, &a, why, len))
		return -NP_EUSAGE;
	fa->family = a.family == AF_INET ? 4 : 6;
	memset(fa->a, 0, sizeof(fa->a));
	memcpy(fa->a, a.a, a.family == AF_INET ? 4 : 16);
	return 0;
}

static int term(struct np_filter_spec *s, const char *kw, const char *val, char *why, size_t len)
{
	struct np_filter *f = &s->f;
	unsigned p;

	if (!strcmp(kw, "netns")) {
		if (s->netns != NP_NETNS_DEFAULT)
			goto twice;
		if (!strcmp(val, "current")) {
			s->netns = NP_NETNS_CURRENT;
		} else if (!strcmp(val, "all")) {
			s->netns = NP_NETNS_ALL;
		} else {
			char w[200];
			if (np_netns_spec_parse(val, &s->netns_spec, w, sizeof(w))) {
				snprintf(why, len, "netns: %s", w);
				return -NP_EUSAGE;
			}
			s->netns = NP_NETNS_NAMED;
		}
		return 0;
	}
	if (!strcmp(kw, "dev")) {
		if (f->flags & NP_F_DEV)
			goto twice;
		if (np_validate_iface(val, why, len))
			return -NP_EUSAGE;
		snprintf(s->dev, sizeof(s->dev), "%s", val);
		f->flags |= NP_F_DEV;
		return 0;
	}
	if (!strcmp(kw, "proto")) {
		if (f->flags & NP_F_PROTO)
			goto twice;
		if (!strcmp(val, "tcp"))
			f->l4 = IPPROTO_TCP;
		else if (!strcmp(val, "udp"))
			f->l4 = IPPROTO_UDP;
		else if (!strcmp(val, "icmp"))
			f->l4 = IPPROTO_ICMP;
		else {
			snprintf(why, len, "proto '%.32s': expected tcp, udp or icmp", val);
			return -NP_EUSAGE;
		}
		f->flags |= NP_F_PROTO;
		return 0;
	}
	struct {
		const char *kw;
		unsigned flag;
		struct np_filter_addr *addr;
		__u16 *port;
	} tab[] = {
	    {"host", NP_F_HOST, &f->host, NULL},    {"src", NP_F_SRC, &f->src, NULL},
	    {"dst", NP_F_DST, &f->dst, NULL},	    {"port", NP_F_PORT, NULL, &f->port},
	    {"sport", NP_F_SPORT, NULL, &f->sport}, {"dport", NP_F_DPORT, NULL, &f->dport},
	};
	for (size_t i = 0; i < NP_ARRAY_SIZE(tab); i++) {
		if (strcmp(kw, tab[i].kw))
			continue;
		if (f->flags & tab[i].flag)
			goto twice;
		if (tab[i].addr) {
			if (set_addr(tab[i].addr, val, why, len))
				return -NP_EUSAGE;
		} else {
			if (np_parse_port(val, &p, why, len))
				return -NP_EUSAGE;
			*tab[i].port = (__u16)p;
		}
		f->flags |= tab[i].flag;
		return 0;
	}
	snprintf(why, len,
		 "'%.32s': expected netns, dev, proto, host, src, dst, port, sport or dport", kw);
	return -NP_EUSAGE;
twice:
	snprintf(why, len, "'%.32s' given twice", kw);
	return -NP_EUSAGE;
}

int np_filter_parse_argv(int argc, char *const *argv, struct np_filter_spec *out, char *why,
			 size_t len)
{
	memset(out, 0, sizeof(*out));
	if (len)
		why[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (!argv[i])
			break;
		if (!strcmp(argv[i], "and")) {
			/* "and" only joins two terms. */
			if (i == 0 || i + 1 >= argc || !strcmp(argv[i + 1], "and")) {
				snprintf(why, len, "'and' must join two terms");
				return -NP_EUSAGE;
			}
			continue;
		}
		if (i + 1 >= argc || !argv[i + 1]) {
			snprintf(why, len, "'%.32s' needs a value", argv[i]);
			return -NP_EUSAGE;
		}
		if (term(out, argv[i], argv[i + 1], why, len))
			return -NP_EUSAGE;
		i++;
	}
	return 0;
}

int np_filter_parse(const char *text, struct np_filter_spec *out, char *why, size_t len)
{
	char *copy, *save = NULL, *tok;
	char *argv[64];
	int argc = 0, err;

	if (!text) {
		memset(out, 0, sizeof(*out));
		return 0;
	}
	copy = np_xstrdup(text);
	for (tok = strtok_r(copy, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		if (argc == (int)NP_ARRAY_SIZE(argv)) {
			snprintf(why, len, "filter too long (at most %zu words)",
				 NP_ARRAY_SIZE(argv));
			free(copy);
			return -NP_EUSAGE;
		}
		argv[argc++] = tok;
	}
	err = np_filter_parse_argv(argc, argv, out, why, len);
	free(copy);
	return err;
}

int np_filter_resolve(struct np_ctx *ctx, struct np_filter_spec *s, enum np_filter_netns def)
{
	enum np_filter_netns mode = s->netns == NP_NETNS_DEFAULT ? def : s->netns;
	struct np_netns_target t = {.fd = -1};
	int err = 0;

	s->f.flags &= ~NP_F_NETNS;
	s->f.netns = 0;
	switch (mode) {
	case NP_NETNS_DEFAULT:
	case NP_NETNS_ALL:
		break;
	case NP_NETNS_CURRENT:
		s->f.netns = (__u32)np_netns_inode();
		break;
	case NP_NETNS_NAMED:
		err = np_netns_resolve(ctx, &s->netns_spec, &t);
		if (err)
			return err;
		s->f.netns = (__u32)t.inode;
		break;
	}
	if (s->f.netns)
		s->f.flags |= NP_F_NETNS;
	if (s->f.flags & NP_F_DEV) {
		/* The index is looked up where the interface lives: netpath's
		 * namespace, or the one the filter names. */
		int idx = t.fd >= 0 ? np_netns_ifindex(t.fd, s->dev) : (int)if_nametoindex(s->dev);
		if (idx <= 0) {
			np_error(ctx->out, "`link` lists the interfaces",
				 "dev %s: no such interface%s%s", s->dev,
				 t.fd >= 0 ? " in netns " : "", t.fd >= 0 ? t.label : "");
			err = -ENODEV;
		} else {
			s->f.ifindex = (__u32)idx;
		}
	}
	np_netns_target_close(&t);
	return err;
}

int np_filter_pin(struct np_ctx *ctx, const struct np_filter_spec *s, int *fd, char *why,
		  size_t len)
{
	struct np_netns_target t = {.fd = -1};
	struct stat st;
	int nfd, err;

	*fd = -1;
	if (!(s->f.flags & NP_F_NETNS))
		return 0;
	if (s->netns == NP_NETNS_NAMED) {
		err = np_netns_resolve(ctx, &s->netns_spec, &t);
		if (err) {
			snprintf(why, len, "the filter's namespace: %s", strerror(-err));
			return err;
		}
		nfd = t.fd;
		t.fd = -1;
		np_netns_target_close(&t);
	} else {
		nfd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
		if (nfd < 0) {
			err = -errno;
			snprintf(why, len, "/proc/thread-self/ns/net: %s", strerror(-err));
			return err;
		}
	}
	/* Resolved moments ago: a name that now leads elsewhere (the
	 * namespace was deleted and made again) is refused, not pinned. */
	if (fstat(nfd, &st) || (__u32)st.st_ino != s->f.netns) {
		close(nfd);
		snprintf(why, len, "the filter's namespace changed since it was named; try again");
		return -ESTALE;
	}
	*fd = nfd;
	return 0;
}

static size_t addr_text(const struct np_filter_addr *fa, char *buf, size_t len)
{
	struct np_addr a = {.family = fa->family == 4 ? AF_INET : AF_INET6};
	memcpy(a.a, fa->a, 16);
	np_addr_str(&a, buf, len);
	return strlen(buf);
}

int np_filter_prepare(struct np_ctx *ctx, const char *text, struct np_filter_spec *s, char *why,
		      size_t len)
{
	int err = np_filter_parse(text, s, why, len);
	if (err)
		return err;
	err = np_filter_resolve(ctx, s, NP_NETNS_CURRENT);
	if (err)
		snprintf(why, len, "filter names an unknown namespace or interface");
	return err;
}

void np_filter_describe(const struct np_filter_spec *s, char *buf, size_t len)
{
	const struct np_filter *f = &s->f;
	char a[64];
	size_t o = 0;
#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (o < len)                                                                       \
			o += (size_t)snprintf(buf + o, len - o, "%s", o ? " and " : "");           \
		if (o < len)                                                                       \
			o += (size_t)snprintf(buf + o, len - o, __VA_ARGS__);                      \
	} while (0)
	if (len)
		buf[0] = '\0';
	if (s->netns == NP_NETNS_NAMED) {
		char spec[NP_NETNS_SPEC_MAX];
		np_netns_spec_text(&s->netns_spec, spec, sizeof(spec));
		ADD("netns %s", spec);
	} else if (s->netns == NP_NETNS_ALL || (s->netns == NP_NETNS_DEFAULT && !f->netns))
		ADD("netns all");
	else
		ADD("netns current");
	if (f->flags & NP_F_DEV)
		ADD("dev %s", s->dev);
	if (f->flags & NP_F_PROTO)
		ADD("proto %s", f->l4 == IPPROTO_TCP   ? "tcp"
				: f->l4 == IPPROTO_UDP ? "udp"
						       : "icmp");
	if (f->flags & NP_F_HOST && addr_text(&f->host, a, sizeof(a)))
		ADD("host %s", a);
	if (f->flags & NP_F_SRC && addr_text(&f->src, a, sizeof(a)))
		ADD("src %s", a);
	if (f->flags & NP_F_DST && addr_text(&f->dst, a, sizeof(a)))
		ADD("dst %s", a);
	if (f->flags & NP_F_PORT)
		ADD("port %u", f->port);
	if (f->flags & NP_F_SPORT)
		ADD("sport %u", f->sport);
	if (f->flags & NP_F_DPORT)
		ADD("dport %u", f->dport);
#undef ADD
}
