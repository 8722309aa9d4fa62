// SPDX-License-Identifier: GPL-2.0-only
/* nsid -> a namespace spec (/run/netns name, pid:PID, inode:N).
 *
 * An nsid is the current namespace's private number for another one, so
 * the only way back to a name is to ask, for each namespace this process
 * can open, which nsid the current namespace gave it (RTM_GETNSID with
 * NETNSA_FD).  Candidates in the order a user would want to type them:
 * the names `ip netns` made, then a process living there (containers),
 * then namespace files mounted anywhere else (docker's /run/docker/netns,
 * CNI).  Each distinct namespace (by inode) is asked once.
 *
 * The lead is reconciling this with the netns branch's spec resolver
 * (shell/netns_spec.*): this file only produces specs, it never enters. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "link_parse.h"
#include "netns_peer.h"
#include "rtnl_util.h"
#include "xalloc.h"

struct scan {
	struct np_nl nl;
	int nsid;
	unsigned long *seen;
	size_t nseen, cap;
};

static int nsid_attr(const struct nlattr *a, void *data)
{
	if (mnl_attr_get_type(a) == NETNSA_NSID && mnl_attr_validate(a, MNL_TYPE_U32) == 0)
		*(int *)data = (int)mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int nsid_msg(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWNSID)
		mnl_attr_parse(nlh, NLMSG_ALIGN(sizeof(struct rtgenmsg)), nsid_attr, data);
	return MNL_CB_OK;
}

/* The nsid the current namespace gave the namespace fd refers to; -1 when
 * it gave none (or the kernel refused). */
static int nsid_of_fd(struct np_nl *nl, int fd)
{
	struct rtgenmsg *g;
	struct nlmsghdr *nlh = np_nl_req(nl, RTM_GETNSID, 0, sizeof(*g), (void **)&g);
	int id = -1;
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)fd);
	if (np_nl_get(nl, nlh, nsid_msg, &id))
		return -1;
	return id;
}

/* Does the namespace file at path carry the nsid we look for?  Each
 * namespace is asked once: *ino gets its inode either way (0 if it could
 * not be opened). */
static bool matches(struct scan *s, const char *path, unsigned long *ino)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), id;
	bool hit;

	*ino = 0;
	if (fd < 0)
		return false;
	if (fstat(fd, &st)) {
		close(fd);
		return false;
	}
	*ino = (unsigned long)st.st_ino;
	for (size_t i = 0; i < s->nseen; i++)
		if (s->seen[i] == *ino) {
			close(fd);
			return false;
		}
	if (s->nseen == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		s->seen = np_xreallocarray(s->seen, cap, sizeof(*s->seen));
		s->cap = cap;
	}
	s->seen[s->nseen++] = *ino;
	id = nsid_of_fd(&s->nl, fd);
	close(fd);
	hit = id >= 0 && id == s->nsid;
	return hit;
}

/* Entries of dir (only numeric ones when pids): the namespace file is
 * dir/ENTRY + suffix, the spec printed with spec_fmt. */
static bool by_dir(struct scan *s, const char *dir, const char *suffix, bool pids,
		   const char *spec_fmt, char *buf, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;
	while (d && !found && (e = readdir(d))) {
		char path[300];
		unsigned long ino;
		if (e->d_name[0] == '.' || (pids && !isdigit((unsigned char)e->d_name[0])))
			continue;
		snprintf(path, sizeof(path), "%s/%s%s", dir, e->d_name, suffix);
		if (matches(s, path, &ino)) {
			snprintf(buf, len, spec_fmt, e->d_name);
			found = true;
		}
	}
	if (d)
		closedir(d);
	return found;
}

/* mountinfo escapes blanks in paths as \040 (octal). */
static void unescape(char *p)
{
	char *o = p;
	for (; *p; p++) {
		if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
		    p[3] >= '0' && p[3] <= '7') {
			*o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
			p += 3;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* Network namespace files bind-mounted anywhere (fstype nsfs, root
 * "net:[INODE]"): docker, containerd/CNI, snaps. */
static bool by_mount(struct scan *s, char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	bool found = false;
	while (f && !found && fgets(line, sizeof(line), f)) {
		char root[256], mnt[2048], *dash = strstr(line, " - nsfs ");
		unsigned long ino;
		if (!dash || sscanf(line, "%*s %*s %*s %255s %2047s", root, mnt) != 2 ||
		    strncmp(root, "net:[", 5))
			continue;
		unescape(mnt);
		if (matches(s, mnt, &ino)) {
			snprintf(buf, len, "inode:%lu", ino);
			found = true;
		}
	}
	if (f)
		fclose(f);
	return found;
}

int np_netns_spec_of_nsid(struct np_ctx *ctx, int nsid, char *buf, size_t len)
{
	struct scan s = {.nsid = nsid};
	int err;

	snprintf(buf, len, "nsid:%d", nsid);
	if (nsid < 0)
		return -EINVAL;
	np_out_quiet_begin(ctx->out);
	err = np_nl_open(ctx, &s.nl);
	np_out_quiet_end(ctx->out, NULL, 0);
	if (err)
		return err;
	if (!by_dir(&s, "/run/netns", "", false, "%s", buf, len) &&
	    !by_dir(&s, "/proc", "/ns/net", true, "pid:%s", buf, len))
		by_mount(&s, buf, len);
	np_nl_close(&s.nl);
	free(s.seen);
	return 0;
}

struct name_q {
	char *buf;
	size_t len;
};

static int name_msg(const struct nlmsghdr *nlh, void *data)
{
	struct name_q *q = data;
	struct np_link_info li;
	if (np_link_parse(nlh, &li) == 0)
		snprintf(q->buf, q->len, "%s", li.name);
	return MNL_CB_OK;
}

int np_netns_link_name(struct np_ctx *ctx, int nsid, int ifindex, char *buf, size_t len)
{
	struct name_q q = {buf, len};
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;
	struct np_nl nl;
	int err;

	if (len)
		buf[0] = '\0';
	if (nsid < 0 || ifindex <= 0)
		return -EINVAL;
	np_out_quiet_begin(ctx->out);
	err = np_nl_open(ctx, &nl);
	np_out_quiet_end(ctx->out, NULL, 0);
	if (err)
		return err;
	nlh = np_nl_req(&nl, RTM_GETLINK, 0, sizeof(*ifi), (void **)&ifi);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	mnl_attr_put_u32(nlh, IFLA_TARGET_NETNSID, (uint32_t)nsid);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, 1u << 3 /* RTEXT_FILTER_SKIP_STATS */);
	err = np_nl_get(&nl, nlh, name_msg, &q);
	np_nl_close(&nl);
	return err ? err : (len && buf[0] ? 0 : -ENOENT);
}
