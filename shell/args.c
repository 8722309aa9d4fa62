// SPDX-License-Identifier: GPL-2.0-only
/* Typed argument parsing and synopsis generation from command descriptors. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "netns_spec.h"

static const char *type_meta(const struct np_arg *a)
{
	if (a->meta)
		return a->meta;
	switch (a->type) {
	case NP_A_IFACE:
		return "DEV";
	case NP_A_ADDR:
		return "ADDR";
	case NP_A_PORT:
		return "PORT";
	case NP_A_SECONDS:
		return "SECONDS";
	case NP_A_UINT:
		return "N";
	case NP_A_FACT:
		return "FACT";
	case NP_A_PLAYBOOK:
		return "PLAYBOOK";
	case NP_A_NETNS:
		return "NETNS";
	case NP_A_SYSCTL:
		return "KEY";
	case NP_A_COMMAND:
		return "COMMAND";
	case NP_A_REST:
		return "ARGS...";
	default:
		return "WORD";
	}
}

void np_cmd_synopsis(const struct np_cmd *cmd, char *buf, size_t len)
{
	size_t off = (size_t)snprintf(buf, len, "%s", cmd->name);
	for (int i = 0; i < cmd->nargs && off < len; i++) {
		const struct np_arg *a = &cmd->args[i];
		bool req = a->flags & NP_ARG_REQUIRED;
		char val[160];

		if (a->type == NP_A_ENUM && a->choices) {
			size_t vo = 0;
			val[0] = '\0';
			for (int c = 0; a->choices[c] && vo < sizeof(val); c++)
				vo += (size_t)snprintf(val + vo, sizeof(val) - vo, "%s%s", c ? "|" : "",
						       a->choices[c]);
		} else {
			snprintf(val, sizeof(val), "%s", type_meta(a));
		}
		if (a->type == NP_A_FLAG)
			off += (size_t)snprintf(buf + off, len - off, " [%s]", a->kw);
		else if (a->kw)
			off += (size_t)snprintf(buf + off, len - off, req ? " %s %s" : " [%s %s]", a->kw,
						val);
		else
			off += (size_t)snprintf(buf + off, len - off, req ? " %s" : " [%s]", val);
	}
}

int np_arg_parse_value(const struct np_arg *arg, const char *tok, struct np_argval *v, char *why,
		       size_t len)
{
	int err = 0;
	v->str = tok;
	switch (arg->type) {
	case NP_A_FLAG:
	case NP_A_WORD:
	case NP_A_REST:
		break;
	case NP_A_UINT:
		err = np_parse_uint(tok, UINT32_MAX, &v->u, why, len);
		break;
	case NP_A_PORT: {
		unsigned p = 0;
		err = np_parse_port(tok, &p, why, len);
		v->u = p;
		break;
	}
	case NP_A_SECONDS:
		err = np_parse_seconds(tok, &v->secs, why, len);
		break;
	case NP_A_IFACE:
		err = np_validate_iface(tok, why, len);
		break;
	case NP_A_ADDR:
		err = np_parse_addr(tok, &v->addr, why, len);
		break;
	case NP_A_NETNS: {
		struct np_netns_spec ns;
		err = np_netns_spec_parse(tok, &ns, why, len);
		break;
	}
	case NP_A_PLAYBOOK:
		err = np_validate_name(tok, why, len);
		break;
	case NP_A_SYSCTL:
		err = np_validate_sysctl(tok, why, len);
		break;
	case NP_A_FACT: {
		struct np_factkey k;
		err = np_factkey_parse(tok, &k, why, len);
		break;
	}
	case NP_A_COMMAND:
		if (!np_command_find(tok)) {
			snprintf(why, len, "no command '%.64s' (try `help`)", tok);
			err = -NP_EUSAGE;
		}
		break;
	case NP_A_ENUM:
		err = -NP_EUSAGE;
		for (int c = 0; arg->choices && arg->choices[c]; c++)
			if (!strcmp(arg->choices[c], tok)) {
				v->choice = c;
				err = 0;
			}
		if (err) {
			size_t o = (size_t)snprintf(why, len, "'%.32s' is not one of", tok);
			for (int c = 0; arg->choices && arg->choices[c] && o < len; c++)
				o += (size_t)snprintf(why + o, len - o, " %s", arg->choices[c]);
		}
		break;
	}
	if (!err)
		v->set = true;
	return err;
}

static int usage_error(struct np_ctx *ctx, const struct np_cmd *cmd, const char *fmt,
		       const char *a, const char *b)
{
	char syn[512], hint[560];
	np_cmd_synopsis(cmd, syn, sizeof(syn));
	snprintf(hint, sizeof(hint), "usage: %s", syn);
	np_error(ctx->out, hint, fmt, cmd->name, a, b);
	return -NP_EUSAGE;
}

int np_args_parse(struct np_ctx *ctx, const struct np_cmd *cmd, int argc, char **argv,
		  struct np_args *out)
{
	char why[256];
	int next_pos = 0;

	memset(out, 0, sizeof(*out));
	out->cmd = cmd;
	for (int i = 0; i < argc; i++) {
		const char *tok = argv[i];
		int idx = -1;

		/* A keyword of this command? */
		for (int k = 0; k < cmd->nargs; k++)
			if (cmd->args[k].kw && !strcmp(cmd->args[k].kw, tok)) {
				idx = k;
				break;
			}
		if (idx >= 0) {
			const struct np_arg *a = &cmd->args[idx];
			if (out->v[idx].set)
				return usage_error(ctx, cmd, "%s: '%s' given twice%s", tok, "");
			if (a->type == NP_A_FLAG) {
				out->v[idx].set = true;
				out->v[idx].str = tok;
				continue;
			}
			if (a->type == NP_A_REST) {
				out->v[idx].set = true;
				out->v[idx].str = tok;
				out->rest = &argv[i + 1];
				out->nrest = argc - i - 1;
				return 0;
			}
			if (i + 1 >= argc)
				return usage_error(ctx, cmd, "%s: '%s' needs a value (%s)", tok,
						   type_meta(a));
			if (np_arg_parse_value(a, argv[i + 1], &out->v[idx], why, sizeof(why)))
				return usage_error(ctx, cmd, "%s: %s: %s", tok, why);
			i++;
			continue;
		}
		/* The next positional argument. */
		while (next_pos < cmd->nargs && (cmd->args[next_pos].kw || out->v[next_pos].set))
			next_pos++;
		if (next_pos >= cmd->nargs)
			return usage_error(ctx, cmd, "%s: unexpected '%s'%s", tok, "");
		idx = next_pos;
		if (cmd->args[idx].type == NP_A_REST) {
			out->v[idx].set = true;
			out->v[idx].str = tok;
			out->rest = &argv[i];
			out->nrest = argc - i;
			return 0;
		}
		if (np_arg_parse_value(&cmd->args[idx], tok, &out->v[idx], why, sizeof(why)))
			return usage_error(ctx, cmd, "%s: %s%s", why, "");
	}
	for (int k = 0; k < cmd->nargs; k++)
		if ((cmd->args[k].flags & NP_ARG_REQUIRED) && !out->v[k].set)
			return usage_error(ctx, cmd, "%s: missing %s%s", type_meta(&cmd->args[k]), "");
	return 0;
}
