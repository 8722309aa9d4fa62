// SPDX-License-Identifier: GPL-2.0-only
/* get FACT / facts [PREFIX]: the fact store seen from the shell. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "family.h"
#include "factget.h"

static const struct np_arg get_args[] = {
	{NULL, NP_A_FACT, "FACT", "fact name, e.g. link[eth0].rx_missed_errors", NULL,
	 NP_ARG_REQUIRED},
};

static void print_fact_value(struct np_ctx *ctx, const struct np_fact *f)
{
	switch (f->type) {
	case NP_FACT_INT:
		np_print_i64(ctx->out, "value", "%lld\n", f->i);
		break;
	case NP_FACT_DBL:
		np_print_dbl(ctx->out, "value", "%g\n", f->d);
		break;
	case NP_FACT_STR:
		np_print_str(ctx->out, "value", "%s\n", f->s);
		break;
	}
}

/* The one read, and its reason as the command's error. */
static int get_fact(struct np_ctx *ctx, const char *text, const struct np_fact **f)
{
	struct np_fact_ref ref;
	struct np_fact_miss miss;
	char why[256];
	int err = np_fact_resolve(text, &ref, why, sizeof(why));
	if (err && !ref.fam && err != -ENOENT) {
		np_error(ctx->out, NULL, "fact '%s': %s", text, why);
		return err;
	}
	if (err && !ref.fam) {
		np_error(ctx->out, "`facts` lists the fact families", "no command provides '%s'",
			 text);
		return -NP_EUSAGE;
	}
	if (err) {
		np_error(ctx->out, ref.fam->pattern, "fact '%s': %s", text, why);
		return -NP_EUSAGE;
	}
	err = np_fact_read_ref(ctx, &ref, NP_FS_STATIC, f, &miss);
	if (!err)
		return 0;
	if (miss.said) /* the reader's own sentence names the object */
		np_error(ctx->out, miss.hint[0] ? miss.hint : NULL, "%s", miss.why);
	else if (np_fact_ref_window(&ref) && !np_factsrc_replaying())
		np_error(ctx->out, "run `probe` or a playbook first",
			 "'%s' comes from a probe window and none has been run", ref.text);
	else
		np_error(ctx->out, NULL, "fact '%s': %s", ref.text,
			 err == -ENOENT ? "no such object or field" : miss.why);
	return err;
}

static int get_run(struct np_ctx *ctx, const struct np_args *a)
{
	const struct np_fact *f;
	int err = get_fact(ctx, a->v[0].str, &f);
	if (err)
		return err;
	np_print_str(ctx->out, "fact", NULL, f->key);
	print_fact_value(ctx, f);
	return 0;
}

const struct np_cmd np_cmd_get = {
	.name = "get",
	.summary = "read one fact from the kernel (only what it needs)",
	.help = "Reads the value behind one fact name. The provider of the fact's family reads only "
		"what answers it: `get link[eth0].mtu` asks for one link, not a full dump. Facts from "
		"probes (drops[...]) exist after a probe window.",
	.args = get_args,
	.nargs = NP_ARRAY_SIZE(get_args),
	.run = get_run,
	.examples = "get link[lo].operstate\nget sysctl[net.core.somaxconn]\n"
		    "get snmp.TcpExt.ListenOverflows",
};

static const struct np_arg facts_args[] = {
	{NULL, NP_A_FACT, "PREFIX", "only facts whose name starts with PREFIX"},
};

struct facts_walk {
	struct np_table *t;
	size_t n;
};

static void facts_row(const struct np_fact *f, void *arg)
{
	struct facts_walk *w = arg;
	char buf[256];
	np_row_begin(w->t);
	np_cell_str(w->t, f->key);
	np_cell_str(w->t, np_fact_text(f, buf, sizeof(buf)));
	np_row_end(w->t);
	w->n++;
}

static int facts_run(struct np_ctx *ctx, const struct np_args *a)
{
	static const struct np_col cols[] = {
		{"fact", "FACT", NP_COL_STR},
		{"value", "VALUE", NP_COL_STR},
	};
	const char *prefix = a->v[0].set ? a->v[0].str : "";
	struct facts_walk w = {0};

	/* A family name alone ("link") or a key with an object ("link[lo]")
	 * is a request to read that family first. */
	if (*prefix) {
		int err = np_facts_load(ctx, prefix);
		if (err)
			return err;
	}
	if (!*prefix) {
		static const struct np_col pcols[] = {
			{"pattern", "FACT FAMILY", NP_COL_STR},
			{"describe", "WHAT", NP_COL_STR},
		};
		struct np_table *t = np_table_begin(ctx->out, "families", "fact families:", pcols, 2);
		const struct np_fact_family *fam;
		for (int i = 0; (fam = np_fact_family_at(i)); i++) {
			np_row_begin(t);
			np_cell_str(t, fam->pattern);
			np_cell_str(t, fam->describe);
			np_row_end(t);
		}
		np_table_end(t);
		np_text(ctx->out, "\n");
	}
	w.t = np_table_begin(ctx->out, "facts", *prefix ? NULL : "facts read so far:", cols, 2);
	np_facts_each(ctx->facts, prefix, facts_row, &w);
	np_table_end(w.t);
	if (*prefix && w.n == 0) {
		np_error(ctx->out, "`facts` lists the families", "no facts start with '%s'", prefix);
		return -ENOENT;
	}
	return 0;
}

const struct np_cmd np_cmd_facts = {
	.name = "facts",
	.summary = "list fact families, or the facts under a prefix",
	.help = "Without an argument: the fact families every command provides and the facts read "
		"so far in this session. With a PREFIX naming a family or object (link[eth0], "
		"softnet, snmp.TcpExt) the family is read first.",
	.args = facts_args,
	.nargs = NP_ARRAY_SIZE(facts_args),
	.run = facts_run,
};
