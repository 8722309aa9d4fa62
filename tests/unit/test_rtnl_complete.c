// SPDX-License-Identifier: GPL-2.0-only
/* Tab completion of the route/routes/rules/neigh/qdisc arguments, through
 * the same entry point the REPL uses (interfaces come from this namespace:
 * "lo" always exists). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "command.h"

struct cands {
	char list[64][64];
	int n;
};

static void add(void *cookie, const char *c)
{
	struct cands *cs = cookie;
	if (cs->n < 64)
		snprintf(cs->list[cs->n++], sizeof(cs->list[0]), "%s", c);
}

static bool has(const struct cands *cs, const char *want)
{
	for (int i = 0; i < cs->n; i++)
		if (!strcmp(cs->list[i], want))
			return true;
	return false;
}

/* Complete `word` after the tokens of line (command name first). */
static struct cands complete(struct np_ctx *ctx, const char *line, const char *word)
{
	struct cands cs = {0};
	char buf[256], *argv[16], *save = NULL, *tok;
	int argc = 0;
	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 16; tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	np_complete_command_args(ctx, np_command_find(argv[0]), argc - 1, argv + 1, word, add, &cs);
	return cs;
}

int main(void)
{
	struct np_out *out = np_out_new(stdout, stderr, false, false, false);
	struct np_ctx ctx;
	struct cands c;

	np_ctx_init(&ctx, out);
	CHECK(np_command_find("route") && np_command_find("routes") && np_command_find("rules") &&
	      np_command_find("neigh") && np_command_find("qdisc"));

	c = complete(&ctx, "route", "g");
	CHECK(has(&c, "get"));
	c = complete(&ctx, "route get 10.0.0.1", "i");
	CHECK(has(&c, "iif"));
	c = complete(&ctx, "route get 10.0.0.1", "lo");
	CHECK(has(&c, "locate"));
	c = complete(&ctx, "route get 10.0.0.1 iif", "l");
	CHECK(has(&c, "lo"));
	c = complete(&ctx, "route get 10.0.0.1 proto", "u");
	CHECK(has(&c, "udp") && c.n == 1);
	c = complete(&ctx, "routes", "su");
	CHECK(has(&c, "summary") && c.n == 1);
	c = complete(&ctx, "routes", "in");
	CHECK(has(&c, "inet") && has(&c, "inet6"));
	c = complete(&ctx, "rules", "inet");
	CHECK(has(&c, "inet6"));
	c = complete(&ctx, "neigh", "l");
	CHECK(has(&c, "lo"));
	c = complete(&ctx, "qdisc", "l");
	CHECK(has(&c, "lo"));

	np_ctx_fini(&ctx);
	np_out_free(out);
	return check_done();
}
