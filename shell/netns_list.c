// SPDX-License-Identifier: GPL-2.0-only
/* `netns` without an argument, like `lsns -t net`: every network namespace
 * with its inode, the short form that enters it, its processes (pid, comm,
 * and the container their cgroup names) and its interfaces.  Interfaces
 * come from an RTM_GETLINK dump on a netlink socket opened inside each
 * namespace (shell/netns.h), so netpath never leaves its own. */
#include <inttypes.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "netns.h"
#include "netns_list.h"
#include "netns_scan.h"
#include "rtnl_util.h"
#include "xalloc.h"

/* Text columns: "* " INODE(10) "  " NETNS "  " PROCESSES "  " INTERFACES,
 * 80 in all. */
#define W_LINE	    79
#define W_NETNS_MAX 20
#define W_PROCS	    26

struct ifnames {
	char (*v)[IF_NAMESIZE];
	size_t n, cap;
};

void np_fit_list(const char *const *items, size_t n, size_t width, char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < n && o < len; i++) {
		const char *sep = i ? ", " : "";
		size_t rest = n - i - 1, need = strlen(sep) + strlen(items[i]);
		char more[24] = "";
		if (rest)
			snprintf(more, sizeof(more), ", +%zu", rest);
		if (o + need + strlen(more) <= width) {
			o += (size_t)snprintf(buf + o, len - o, "%s%s", sep, items[i]);
			continue;
		}
		if (i) {
			snprintf(buf + o, len - o, "%s+%zu", sep, n - i);
		} else {
			/* The first item alone is too long: cut it. */
			size_t keep = width > strlen(more) + 1 ? width - strlen(more) - 1 : 0;
			snprintf(buf, len, "%.*s~%s", (int)keep, items[0], more);
		}
		return;
	}
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifnames *l = data;
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg))
	{
		if (mnl_attr_get_type(a) != IFLA_IFNAME ||
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 8;
			void *v = np_xreallocarray(l->v, cap, sizeof(*l->v));
			l->v = v;
			l->cap = cap;
		}
		snprintf(l->v[l->n++], IF_NAMESIZE, "%s", mnl_attr_get_str(a));
	}
	return MNL_CB_OK;
}

/* Interface names of one namespace: 0, or -errno (not reported). */
static int read_ifnames(struct np_ctx *ctx, const struct np_netns_entry *e, struct ifnames *out)
{
	struct np_nl nl;
	struct ifinfomsg *ifm;
	struct nlmsghdr *req;
	int fd = np_netns_entry_open(e), err;

	if (fd < 0)
		return fd;
	err = np_nl_open_netns(ctx, &nl, fd);
	close(fd);
	if (err)
		return err;
	req = np_nl_req(&nl, RTM_GETLINK, NLM_F_DUMP, sizeof(*ifm), (void **)&ifm);
	ifm->ifi_family = AF_UNSPEC;
	err = np_nl_dump(ctx, &nl, req, link_cb, out, "links");
	np_nl_close(&nl);
	return err;
}

static void show_procs(struct np_out *o, const struct np_netns_entry *e)
{
	char(*item)[48] = np_xcalloc(e->nprocs ? e->nprocs : 1, sizeof(*item));
	const char **items = np_xcalloc(e->nprocs ? e->nprocs : 1, sizeof(*items));
	char text[W_PROCS + 1];

	np_print_u64(o, "nprocs", NULL, e->nprocs);
	np_open_arr(o, "processes");
	for (size_t i = 0; i < e->nprocs; i++) {
		const struct np_netns_proc *p = &e->procs[i];
		np_open_obj(o, NULL);
		np_print_u64(o, "pid", NULL, (uint64_t)p->pid);
		np_print_str(o, "comm", NULL, p->comm);
		if (p->container[0])
			np_print_str(o, "container", NULL, p->container);
		else
			np_print_null(o, "container");
		np_close_obj(o);
		if (item && items) {
			snprintf(item[i], sizeof(item[i]), "%d %s", p->pid, p->comm);
			items[i] = item[i];
		}
	}
	np_close_arr(o);
	if (item && items && e->nprocs)
		np_fit_list(items, e->nprocs, W_PROCS, text, sizeof(text));
	else
		snprintf(text, sizeof(text), "-");
	np_text(o, "%-*s  ", W_PROCS, text);
	free(item);
	free(items);
}

static void show_ifaces(struct np_ctx *ctx, const struct np_netns_entry *e, size_t width)
{
	struct np_out *o = ctx->out;
	struct ifnames l = {0};
	int err = read_ifnames(ctx, e, &l);
	const char **items = np_xcalloc(l.n ? l.n : 1, sizeof(*items));
	char text[W_LINE + 1];

	if (err) {
		np_print_null(o, "interfaces");
		np_print_str(o, "interfaces_error", NULL, strerror(-err));
		snprintf(text, sizeof(text), "(%s)",
			 err == -EPERM || err == -EACCES ? "not root" : strerror(-err));
	} else {
		np_open_arr(o, "interfaces");
		for (size_t i = 0; i < l.n; i++) {
			np_print_str(o, NULL, NULL, l.v[i]);
			items[i] = l.v[i];
		}
		np_close_arr(o);
		np_fit_list(items, l.n, width, text, sizeof(text));
	}
	np_text(o, "%s\n", text);
	free(items);
	free(l.v);
}

static void show_entry(struct np_ctx *ctx, const struct np_netns_entry *e, int wlabel)
{
	struct np_out *o = ctx->out;
	char label[NP_NETNS_SPEC_MAX], cut[W_NETNS_MAX + 1];
	const char *lp = label;

	np_netns_entry_label(e, label, sizeof(label));
	np_open_obj(o, NULL);
	np_print_bool(o, "current", NULL, e->current);
	np_text(o, "%c ", e->current ? '*' : ' ');
	np_print_u64(o, "inode", "%-10" PRIu64 "  ", e->inode);
	np_print_str(o, "netns", NULL, label);
	np_fit_list(&lp, 1, (size_t)wlabel, cut, sizeof(cut));
	np_text(o, "%-*s  ", wlabel, cut);
	if (e->name[0])
		np_print_str(o, "name", NULL, e->name);
	else
		np_print_null(o, "name");
	np_print_bool(o, "initial", NULL, e->initial);
	np_open_arr(o, "mounts");
	for (size_t i = 0; i < e->nmounts; i++)
		np_print_str(o, NULL, NULL, e->mounts[i]);
	np_close_arr(o);
	show_procs(o, e);
	show_ifaces(ctx, e, W_LINE - 2 - 10 - 2 - (size_t)wlabel - 2 - W_PROCS - 2);
	np_close_obj(o);
}

int np_netns_list_show(struct np_ctx *ctx)
{
	struct np_netns_list l;
	int wlabel = 5, err = np_netns_scan(&l, NP_SCAN_PROCS | NP_SCAN_DETAIL);

	if (err) {
		np_error(ctx->out, NULL, "netns: listing namespaces: %s", strerror(-err));
		return err;
	}
	for (size_t i = 0; i < l.n; i++) {
		char label[NP_NETNS_SPEC_MAX];
		int n;
		np_netns_entry_label(&l.v[i], label, sizeof(label));
		n = (int)strlen(label);
		if (n > wlabel)
			wlabel = n > W_NETNS_MAX ? W_NETNS_MAX : n;
	}
	np_text(ctx->out, "\n  %-10s  %-*s  %-*s  %s\n", "INODE", wlabel, "NETNS", W_PROCS,
		"PROCESSES", "INTERFACES");
	np_open_arr(ctx->out, "namespaces");
	for (size_t i = 0; i < l.n; i++)
		show_entry(ctx, &l.v[i], wlabel);
	np_close_arr(ctx->out);
	np_text(ctx->out, "%zu network namespace%s (* = this one); enter one with `netns NETNS`\n",
		l.n, l.n == 1 ? "" : "s");
	/* Not root: other users' processes; root: an LSM or a more privileged
	 * PID 1 refusing ptrace access.  Their namespaces may be missing. */
	np_print_u64(ctx->out, "hidden_processes", NULL, l.hidden);
	if (l.hidden && geteuid())
		np_warn(ctx->out,
			"%zu processes of other users are not visible: run as root to "
			"see every namespace",
			l.hidden);
	else if (l.hidden)
		np_text(ctx->out, "(%zu process%s refused access to /proc/PID/ns/net)\n", l.hidden,
			l.hidden == 1 ? "" : "es");
	np_netns_list_free(&l);
	return 0;
}
