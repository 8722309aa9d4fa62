// SPDX-License-Identifier: GPL-2.0-only
/* Typed argument parsing and synopsis generation from command descriptors. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "netns_spec.h"
#include "xalloc.h"

const char *np_arg_meta(const struct np_arg *a)
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

char *np_cmd_help_text(const struct np_cmd *cmd)
{
	size_t len, i;
	char *s;
	const char *p;
	if (!cmd->help)
		return NULL;
	len = strlen(cmd->help) + 1;
	for (i = 0; cmd->part_help && (p = cmd->part_help(i)); i++)
		len += strlen(p) + 1;
	s = np_xmalloc(len);
	strcpy(s, cmd->help);
	for (i = 0; cmd->part_help && (p = cmd->part_help(i)); i++)
		if (*p)
			strcat(strcat(s, " "), p);
	return s;
}

void np_cmd_families_each(const struct np_cmd *cmd, void (*cb)(const char *name, void *arg),
			  void *arg)
{
	const char *n;
	for (const char *const *f = cmd->facts; f && *f; f++)
		cb(*f, arg);
	for (size_t i = 0; cmd->part_family && (n = cmd->part_family(i)); i++)
		if (*n)
			cb(n, arg);
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
			snprintf(val, sizeof(val), "%s", np_arg_meta(a));
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

/* Exact, else a unique prefix (`sockets state est`); an ambiguous prefix
 * lists the choices it could be. */
int np_enum_resolve(const char *const *choices, const char *tok, int *choice, char *why, size_t len)
{
	size_t n = strlen(tok), o;
	int found = -1, nfound = 0;

	for (int c = 0; choices && choices[c]; c++) {
		if (!strcmp(choices[c], tok)) {
			*choice = c;
			return 0;
		}
		if (n && !strncmp(choices[c], tok, n) && nfound++ == 0)
			found = c;
	}
	if (nfound == 1) {
		*choice = found;
		return 0;
	}
	o = (size_t)snprintf(why, len, nfound ? "'%.32s' is ambiguous:" : "'%.32s' is not one of",
			     tok);
	for (int c = 0; choices && choices[c] && o < len; c++)
		if (!nfound || !strncmp(choices[c], tok, n))
			o += (size_t)snprintf(why + o, len - o, " %s", choices[c]);
	return -NP_EUSAGE;
}

/* Would tok be taken as the value of positional argument a? */
static bool fits_positional(const struct np_arg *a, const char *tok)
{
	struct np_argval v = {0};
	char why[160];
	if (a->type == NP_A_REST || a->type == NP_A_WORD)
		return true;
	return np_arg_parse_value(a, tok, &v, why, sizeof(why)) == 0;
}

int np_arg_keyword(const struct np_cmd *cmd, const char *tok, int next_pos)
{
	size_t n = strlen(tok);
	int found = -1, nfound = 0;

	for (int k = 0; k < cmd->nargs; k++)
		if (cmd->args[k].kw && !strcmp(cmd->args[k].kw, tok))
			return k;
	/* A prefix names a keyword only when it cannot be the next
	 * positional value instead (`link lo`: lo is the device). */
	if (!n || (tok[0] != '-' && next_pos >= 0 && next_pos < cmd->nargs &&
		   fits_positional(&cmd->args[next_pos], tok)))
		return -1;
	for (int k = 0; k < cmd->nargs; k++)
		if (cmd->args[k].kw && !strncmp(cmd->args[k].kw, tok, n) && nfound++ == 0)
			found = k;
	return nfound == 1 ? found : nfound > 1 ? -2 : -1;
}

/* Index of the next positional argument not yet given, or nargs. */
int np_arg_next_positional(const struct np_cmd *cmd, const bool *used, int from)
{
	while (from < cmd->nargs && (cmd->args[from].kw || used[from]))
		from++;
	return from;
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
	case NP_A_COMMAND: {
		const struct np_cmd *c = NULL;
		err = np_command_resolve(tok, &c, why, len);
		if (!err)
			v->str = c->name; /* `help sock` is help sockets */
		break;
	}
	case NP_A_ENUM:
		err = np_enum_resolve(arg->choices, tok, &v->choice, why, len);
		if (!err)
			v->str = arg->choices[v->choice];
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

/* A value that parses but names nothing here (`help nosuchcmd`) is not a
 * usage error: exit 3 like any object this host does not have. */
static int value_error(struct np_ctx *ctx, const struct np_cmd *cmd, int err, const char *kw,
		       const char *why)
{
	if (err != -NP_EUSAGE) {
		np_error(ctx->out, "`help` lists the commands", "%s: %s", cmd->name, why);
		return err;
	}
	if (kw)
		return usage_error(ctx, cmd, "%s: %s: %s", kw, why);
	return usage_error(ctx, cmd, "%s: %s%s", why, "");
}

static void take_rest(struct np_args *out, int idx, const char *tok, char **rest, int nrest)
{
	out->v[idx].set = true;
	out->v[idx].str = tok;
	out->rest = rest;
	out->nrest = nrest;
}

int np_args_parse(struct np_ctx *ctx, const struct np_cmd *cmd, int argc, char **argv,
		  struct np_args *out)
{
	bool used[NP_MAX_ARGS] = {false};
	char why[256];
	int err;

	memset(out, 0, sizeof(*out));
	out->cmd = cmd;
	for (int i = 0; i < argc; i++) {
		const char *tok = argv[i];
		int next_pos = np_arg_next_positional(cmd, used, 0);
		int idx = np_arg_keyword(cmd, tok, next_pos);

		if (idx == -2) {
			char list[160];
			size_t o = 0;
			list[0] = '\0';
			for (int k = 0; k < cmd->nargs && o < sizeof(list); k++)
				if (cmd->args[k].kw && !strncmp(cmd->args[k].kw, tok, strlen(tok)))
					o += (size_t)snprintf(list + o, sizeof(list) - o, " %s",
							      cmd->args[k].kw);
			return usage_error(ctx, cmd, "%s: '%s' is ambiguous:%s", tok, list);
		}
		if (idx >= 0) {
			const struct np_arg *a = &cmd->args[idx];
			if (out->v[idx].set)
				return usage_error(ctx, cmd, "%s: '%s' given twice%s", a->kw, "");
			used[idx] = true;
			if (a->type == NP_A_FLAG) {
				out->v[idx].set = true;
				out->v[idx].str = a->kw;
				continue;
			}
			if (a->type == NP_A_REST) {
				take_rest(out, idx, a->kw, &argv[i + 1], argc - i - 1);
				return 0;
			}
			if (i + 1 >= argc)
				return usage_error(ctx, cmd, "%s: '%s' needs a value (%s)", a->kw,
						   np_arg_meta(a));
			err = np_arg_parse_value(a, argv[i + 1], &out->v[idx], why, sizeof(why));
			if (err)
				return value_error(ctx, cmd, err, a->kw, why);
			i++;
			continue;
		}
		/* The next positional argument. */
		if (next_pos >= cmd->nargs)
			return usage_error(ctx, cmd, "%s: unexpected '%s'%s", tok, "");
		idx = next_pos;
		used[idx] = true;
		if (cmd->args[idx].type == NP_A_REST) {
			take_rest(out, idx, tok, &argv[i], argc - i);
			return 0;
		}
		err = np_arg_parse_value(&cmd->args[idx], tok, &out->v[idx], why, sizeof(why));
		if (err)
			return value_error(ctx, cmd, err, NULL, why);
	}
	for (int k = 0; k < cmd->nargs; k++)
		if ((cmd->args[k].flags & NP_ARG_REQUIRED) && !out->v[k].set)
			return usage_error(ctx, cmd, "%s: missing %s%s", np_arg_meta(&cmd->args[k]),
					   "");
	return 0;
}
