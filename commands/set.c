// SPDX-License-Identifier: GPL-2.0-only
/* set [dev|port|dst|src|proto|window VALUE]: session defaults that
 * playbooks and probes use when a parameter is not given; set pager
 * on|off for the REPL's pager. */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "command.h"

static const char *const set_names[] = {"dev",	 "port",   "dst",   "src",
					"proto", "window", "pager", NULL};
enum { S_DEV, S_PORT, S_DST, S_SRC, S_PROTO, S_WINDOW, S_PAGER };

static const struct np_arg set_args[] = {
    {NULL, NP_A_ENUM, "NAME", "which default", set_names},
    {NULL, NP_A_WORD, "VALUE", "its value"},
};

static void list(struct np_ctx *ctx)
{
	const struct np_session *s = &ctx->set;
	char port[16] = "", win[32] = "";
	if (s->port)
		snprintf(port, sizeof(port), "%u", s->port);
	if (s->window >= 0)
		snprintf(win, sizeof(win), "%g", s->window);
	const char *vals[] = {
	    s->dev, port, s->dst, s->src, s->proto, win, s->pager_off ? "off" : "on"};
	static const struct np_col cols[] = {
	    {"name", "NAME", NP_COL_STR},
	    {"value", "VALUE", NP_COL_STR},
	};
	struct np_table *t = np_table_begin(ctx->out, "defaults", NULL, cols, 2);
	for (int i = 0; set_names[i]; i++) {
		np_row_begin(t);
		np_cell_str(t, set_names[i]);
		/* JSON: the port and the window as numbers, unset as null. */
		if (i == S_WINDOW && s->window >= 0 && np_out_json(ctx->out))
			np_cell_dbl(t, s->window);
		else
			np_cell_value(t, vals[i]);
		np_row_end(t);
	}
	np_table_end(t);
}

static int set_run(struct np_ctx *ctx, const struct np_args *a)
{
	struct np_session *s = &ctx->set;
	char why[128];
	const char *v = a->v[1].str;
	int rc = 0;

	if (!a->v[0].set) {
		list(ctx);
		return 0;
	}
	if (!a->v[1].set) {
		np_error(ctx->out, "e.g. set port 8080; `unset port` clears it",
			 "set %s: needs a value", set_names[a->v[0].choice]);
		return -NP_EUSAGE;
	}
	switch (a->v[0].choice) {
	case S_DEV:
		rc = np_validate_iface(v, why, sizeof(why));
		if (rc)
			break;
		/* Checked now, not at the next run (which would repeat the
		 * error once per check that uses it). */
		if (!if_nametoindex(v)) {
			np_error(ctx->out, "`link` lists the interfaces of this namespace",
				 "set dev %.16s: no such interface in %s", v,
				 ctx->netns[0] ? ctx->netns : "this namespace");
			return -ENOENT;
		}
		snprintf(s->dev, sizeof(s->dev), "%s", v);
		break;
	case S_PORT:
		rc = np_parse_port(v, &s->port, why, sizeof(why));
		break;
	case S_DST:
	case S_SRC: {
		struct np_addr ad;
		rc = np_parse_addr(v, &ad, why, sizeof(why));
		if (!rc)
			np_addr_str(&ad, a->v[0].choice == S_DST ? s->dst : s->src, sizeof(s->dst));
		break;
	}
	case S_PROTO:
		if (strcmp(v, "tcp") && strcmp(v, "udp") && strcmp(v, "icmp")) {
			snprintf(why, sizeof(why), "expected tcp, udp or icmp");
			rc = -NP_EUSAGE;
		} else {
			snprintf(s->proto, sizeof(s->proto), "%s", v);
		}
		break;
	case S_WINDOW: {
		double w;
		rc = np_parse_seconds(v, &w, why, sizeof(why));
		if (!rc && w > 3600) {
			snprintf(why, sizeof(why), "at most 3600 seconds");
			rc = -NP_EUSAGE;
		}
		if (!rc)
			s->window = w;
		break;
	}
	case S_PAGER:
		if (strcmp(v, "on") && strcmp(v, "off")) {
			snprintf(why, sizeof(why), "expected on or off");
			rc = -NP_EUSAGE;
		} else {
			s->pager_off = !strcmp(v, "off");
		}
		break;
	}
	if (rc) {
		np_error(ctx->out, NULL, "set %s %.64s: %s", set_names[a->v[0].choice], v, why);
		return -NP_EUSAGE;
	}
	list(ctx);
	return 0;
}

const struct np_cmd np_cmd_set = {
    .name = "set",
    .summary = "session defaults (dev, port, dst, src, proto, window) for playbooks",
    .help = "`set NAME VALUE` keeps a default across commands: playbooks and probes use it "
	    "when the parameter is not given, so the question is narrowed once. `set` alone "
	    "lists them; `unset NAME` clears one. The prompt shows what is set. `set dev` "
	    "checks that the interface exists in the current namespace. `set pager off` "
	    "stops the REPL from paging output taller than the terminal through $PAGER "
	    "(default less -FRX).",
    .args = set_args,
    .nargs = NP_ARRAY_SIZE(set_args),
    .run = set_run,
    .examples = "set dev eth0\nset port 8080\nset window 2\nset",
};
