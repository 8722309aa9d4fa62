// SPDX-License-Identifier: GPL-2.0-only
/* Typed argument parsing over every command descriptor in np_commands:
 * the first byte picks the command and the output mode, the rest is a
 * command line.  Only np_args_parse runs -- never a command's handler --
 * and usage errors go through the emitter to /dev/null (JSON mode checks
 * the error member path too). */
#include "command.h"
#include "fuzz.h"
#include "tokenize.h"

static struct np_ctx ctx;
static struct np_out *out_text, *out_json;
static int ncmds;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *null = fopen("/dev/null", "w");
	(void)argc;
	(void)argv;
	if (!null)
		abort();
	out_text = np_out_new(null, null, false, false, false);
	out_json = np_out_new(null, null, true, true, false);
	if (!out_text || !out_json || np_ctx_init(&ctx, out_text))
		abort();
	while (np_commands[ncmds])
		ncmds++;
	return 0;
}

static void check_parsed(const struct np_cmd *cmd, const struct np_args *a, int argc, char **argv)
{
	FUZZ_ASSERT(a->cmd == cmd);
	FUZZ_ASSERT(a->nrest >= 0 && a->nrest <= argc);
	if (a->nrest)
		FUZZ_ASSERT(a->rest >= argv && a->rest + a->nrest == argv + argc);
	for (int k = 0; k < cmd->nargs; k++) {
		const struct np_argval *v = &a->v[k];
		if ((cmd->args[k].flags & NP_ARG_REQUIRED))
			FUZZ_ASSERT(v->set);
		if (!v->set)
			continue;
		FUZZ_ASSERT(v->str != NULL);
		switch (cmd->args[k].type) {
		case NP_A_PORT:
			FUZZ_ASSERT(v->u >= 1 && v->u <= 65535);
			break;
		case NP_A_SECONDS:
			FUZZ_ASSERT(v->secs >= 0 && v->secs <= 86400);
			break;
		case NP_A_ENUM:
			FUZZ_ASSERT(v->choice >= 0 && cmd->args[k].choices &&
				    cmd->args[k].choices[v->choice]);
			break;
		case NP_A_COMMAND:
			FUZZ_ASSERT(np_command_find(v->str) != NULL);
			break;
		default:
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct np_cmd *cmd;
	struct np_tokens t;
	struct np_args a;
	char err[256], syn[512];
	char *line;
	bool json;

	if (size < 1)
		return 0;
	cmd = np_commands[data[0] % ncmds];
	json = data[0] & 0x80;
	line = fuzz_cstr(data + 1, size - 1);
	if (np_tokenize(line, &t, err, sizeof(err)) == 0) {
		ctx.out = json ? out_json : out_text;
		np_out_begin(ctx.out, cmd->name);
		if (np_args_parse(&ctx, cmd, t.argc, t.argv, &a) == 0)
			check_parsed(cmd, &a, t.argc, t.argv);
		else
			FUZZ_ASSERT(np_out_has_error(ctx.out));
		np_out_end(ctx.out);
		/* Each value type alone, as playbooks and filters use it. */
		for (int k = 0; k < cmd->nargs && t.argc; k++) {
			struct np_argval v = {0};
			char why[256];
			np_arg_parse_value(&cmd->args[k], t.argv[0], &v, why, sizeof(why));
		}
		np_tokens_free(&t);
	}
	np_cmd_synopsis(cmd, syn, sizeof(syn));
	FUZZ_ASSERT(strlen(syn) < sizeof(syn));
	free(line);
	return 0;
}
