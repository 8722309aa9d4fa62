// SPDX-License-Identifier: GPL-2.0-only
/* Typed arguments: parsing, synopsis, completion; exit-status mapping. */
#include <stdlib.h>

#include "check.h"
#include "command.h"

static const char *const protos[] = {"tcp", "udp", NULL};
enum { A_DST, A_FROM, A_PROTO, A_PORT, A_LONG, A_WIN };
static const struct np_arg demo_args[] = {
	[A_DST] = {NULL, NP_A_ADDR, "DST", "destination", NULL, NP_ARG_REQUIRED},
	[A_FROM] = {"from", NP_A_ADDR, "SRC", "source"},
	[A_PROTO] = {"proto", NP_A_ENUM, NULL, "protocol", protos},
	[A_PORT] = {"dport", NP_A_PORT, NULL, "port"},
	[A_LONG] = {"--long", NP_A_FLAG, NULL, "no ceiling"},
	[A_WIN] = {NULL, NP_A_SECONDS, NULL, "window"},
};

static int demo_run(struct np_ctx *ctx, const struct np_args *a)
{
	(void)ctx;
	(void)a;
	return 0;
}

static const struct np_cmd demo = {
	.name = "demo", .summary = "demo", .args = demo_args, .nargs = 6, .run = demo_run,
};

struct cands {
	char buf[512];
};

static void add(void *cookie, const char *c)
{
	struct cands *cs = cookie;
	strcat(cs->buf, c);
	strcat(cs->buf, ";");
}

/* Like the dispatcher: one command's diagnostics between begin and end
 * (the emitter keeps one error per command). */
static int parse(struct np_ctx *ctx, const char *const *v, int n, struct np_args *a)
{
	int rc;
	np_out_begin(ctx->out, "demo");
	rc = np_args_parse(ctx, &demo, n, (char **)v, a);
	np_out_end(ctx->out);
	return rc;
}

int main(void)
{
	char *ebuf = NULL;
	size_t elen = 0;
	FILE *e = open_memstream(&ebuf, &elen), *devnull = fopen("/dev/null", "w");
	struct np_out *o = np_out_new(devnull, e, false, false, false);
	struct np_ctx ctx;
	struct np_args a;
	char syn[256];

	np_ctx_init(&ctx, o);
	np_cmd_synopsis(&demo, syn, sizeof(syn));
	CHECK_STR(syn, "demo DST [from SRC] [proto tcp|udp] [dport PORT] [--long] [SECONDS]");

	{
		const char *v[] = {"10.0.0.1", "proto", "udp", "--long", "2.5", "dport", "53"};
		CHECK(parse(&ctx, v, 7, &a) == 0);
		CHECK(a.v[A_DST].set && a.v[A_DST].addr.family == AF_INET);
		CHECK(a.v[A_PROTO].choice == 1);
		CHECK(a.v[A_LONG].set);
		CHECK(a.v[A_WIN].secs == 2.5);
		CHECK(a.v[A_PORT].u == 53);
		CHECK(!a.v[A_FROM].set);
	}
	{
		const char *v[] = {"proto", "sctp", "10.0.0.1"};
		CHECK(parse(&ctx, v, 3, &a) == -NP_EUSAGE);
	}
	{
		const char *v[] = {"10.0.0.1", "dport"};
		CHECK(parse(&ctx, v, 2, &a) == -NP_EUSAGE);
	}
	{
		const char *v[] = {"dport", "80"};
		CHECK(parse(&ctx, v, 2, &a) == -NP_EUSAGE); /* DST missing */
	}
	{
		const char *v[] = {"10.0.0.1", "3", "extra"};
		CHECK(parse(&ctx, v, 3, &a) == -NP_EUSAGE);
	}
	{
		const char *v[] = {"10.0.0.1", "dport", "1", "dport", "2"};
		CHECK(parse(&ctx, v, 5, &a) == -NP_EUSAGE);
	}
	fflush(e);
	CHECK(strstr(ebuf, "'sctp' is not one of tcp udp") != NULL);
	CHECK(strstr(ebuf, "'dport' needs a value") != NULL);
	CHECK(strstr(ebuf, "missing DST") != NULL);
	CHECK(strstr(ebuf, "unexpected 'extra'") != NULL);
	CHECK(strstr(ebuf, "given twice") != NULL);
	CHECK(strstr(ebuf, "hint: usage: demo DST") != NULL);

	{
		struct cands c = {""};
		char *v[] = {"10.0.0.1", "proto"};
		np_complete_command_args(&ctx, &demo, 2, v, "u", add, &c);
		CHECK_STR(c.buf, "udp;");
	}
	{
		struct cands c = {""};
		char *v[] = {"10.0.0.1", "--long"};
		np_complete_command_args(&ctx, &demo, 2, v, "", add, &c);
		CHECK_STR(c.buf, "from;proto;dport;");
	}
	{
		struct cands c = {""};
		np_complete_command_args(&ctx, np_command_find("help"), 0, NULL, "he", add, &c);
		CHECK_STR(c.buf, "help;");
	}
	/* vtysh habits: unique prefixes of keywords and choices. */
	{
		const char *v[] = {"10.0.0.1", "pro", "u", "dp", "53", "--l"};
		CHECK(parse(&ctx, v, 6, &a) == 0);
		CHECK(a.v[A_PROTO].set && a.v[A_PROTO].choice == 1);
		CHECK_STR(a.v[A_PROTO].str, "udp");
		CHECK(a.v[A_PORT].u == 53 && a.v[A_LONG].set);
	}
	{
		/* "f" cannot be the SECONDS positional: it is `from` */
		const char *v[] = {"10.0.0.1", "f", "10.0.0.2"};
		CHECK(parse(&ctx, v, 3, &a) == 0 && a.v[A_FROM].set);
		CHECK(np_arg_keyword(&demo, "f", A_WIN) == A_FROM);
		/* ...but a prefix that is a valid positional value stays one */
		CHECK(np_arg_keyword(&demo, "1", A_WIN) == -1);
		CHECK(np_arg_keyword(&demo, "dport", A_DST) == A_PORT);
	}
	{
		struct cands c = {""};
		char *v[] = {"10.0.0.1", "pro"};
		np_complete_command_args(&ctx, &demo, 2, v, "u", add, &c);
		CHECK_STR(c.buf, "udp;");
	}
	{
		static const char *const st[] = {"syn-sent", "syn-recv", "listen", NULL};
		char why[128];
		int ch = -1;
		CHECK(np_enum_resolve(st, "l", &ch, why, sizeof(why)) == 0 && ch == 2);
		CHECK(np_enum_resolve(st, "syn-recv", &ch, why, sizeof(why)) == 0 && ch == 1);
		CHECK(np_enum_resolve(st, "syn", &ch, why, sizeof(why)) == -NP_EUSAGE);
		CHECK_STR(why, "'syn' is ambiguous: syn-sent syn-recv");
		CHECK(np_enum_resolve(st, "x", &ch, why, sizeof(why)) == -NP_EUSAGE);
		CHECK_STR(why, "'x' is not one of syn-sent syn-recv listen");
	}
	{
		const struct np_cmd *c;
		char why[256];
		CHECK(np_command_resolve("sock", &c, why, sizeof(why)) == 0 && c &&
		      !strcmp(c->name, "sockets"));
		CHECK(np_command_resolve("neig", &c, why, sizeof(why)) == 0 && c &&
		      !strcmp(c->name, "neigh"));
		CHECK(np_command_resolve("route", &c, why, sizeof(why)) == 0 && c &&
		      !strcmp(c->name, "route")); /* exact beats the prefix of routes */
		CHECK(np_command_resolve("ne", &c, why, sizeof(why)) == -NP_EUSAGE && !c);
		CHECK_STR(why, "'ne' is ambiguous: neigh netns");
		CHECK(np_command_resolve("sokets", &c, why, sizeof(why)) == -ENOENT && !c);
		CHECK_STR(why, "unknown command 'sokets'; did you mean `sockets`?");
		CHECK(np_command_resolve("zzzzzz", &c, why, sizeof(why)) == -ENOENT);
		CHECK_STR(why, "unknown command 'zzzzzz'");
	}

	CHECK(np_exit_worst(0, 1) == 1);
	CHECK(np_exit_worst(2, 3) == 2);
	CHECK(np_exit_worst(3, 1) == 3);
	CHECK(np_exit_worst(64, 2) == 64);
	ctx.health = NP_WARN;
	CHECK(np_exit_status(&ctx, 0) == 1);
	CHECK(np_exit_status(&ctx, -NP_EUSAGE) == 64);
	CHECK(np_exit_status(&ctx, -ENODEV) == 3);

	np_ctx_fini(&ctx);
	np_out_free(o);
	fclose(e);
	fclose(devnull);
	free(ebuf);
	return check_done();
}
