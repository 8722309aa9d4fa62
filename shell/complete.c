// SPDX-License-Identifier: GPL-2.0-only
/* Tab completion driven by the typed argument descriptors. */
#include <dirent.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "netns.h"
#include "searchpath.h"

static void add_if_prefix(np_complete_fn add, void *cookie, const char *word, const char *cand)
{
	if (!strncmp(cand, word, strlen(word)))
		add(cookie, cand);
}

static void complete_ifaces(const char *word, np_complete_fn add, void *cookie)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	if (!ifs)
		return;
	for (i = ifs; i->if_index; i++)
		add_if_prefix(add, cookie, word, i->if_name);
	if_freenameindex(ifs);
}

static void complete_dir(const char *dir, const char *word, const char *strip_suffix,
			 np_complete_fn add, void *cookie)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		char name[256];
		size_t n;
		if (e->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "%s", e->d_name);
		n = strlen(name);
		if (strip_suffix) {
			size_t s = strlen(strip_suffix);
			if (n <= s || strcmp(name + n - s, strip_suffix))
				continue;
			name[n - s] = '\0';
		}
		add_if_prefix(add, cookie, word, name);
	}
	closedir(d);
}

/* net.ipv4.conf.<TAB> -> entries of /proc/sys/net/ipv4/conf */
static void complete_sysctl(const char *word, np_complete_fn add, void *cookie)
{
	char dir[512] = "/proc/sys/", prefix[256] = "";
	const char *dot = strrchr(word, '.');
	DIR *d;
	struct dirent *e;

	if (strstr(word, ".."))
		return;
	if (dot) {
		size_t n = (size_t)(dot - word) + 1;
		if (n >= sizeof(prefix))
			return;
		memcpy(prefix, word, n);
		prefix[n] = '\0';
		for (size_t i = 0; i < n - 1 && strlen(dir) < sizeof(dir) - 2; i++) {
			size_t l = strlen(dir);
			dir[l] = word[i] == '.' ? '/' : word[i];
			dir[l + 1] = '\0';
		}
	}
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char cand[512];
		if (e->d_name[0] == '.' || strchr(e->d_name, '.'))
			continue;
		snprintf(cand, sizeof(cand), "%s%s%s", prefix, e->d_name,
			 e->d_type == DT_DIR ? "." : "");
		add_if_prefix(add, cookie, word, cand);
	}
	closedir(d);
}

struct fact_cookie {
	np_complete_fn add;
	void *cookie;
	const char *word;
};

static void add_fact(const struct np_fact *f, void *arg)
{
	struct fact_cookie *fc = arg;
	add_if_prefix(fc->add, fc->cookie, fc->word, f->key);
}

static void complete_facts(struct np_ctx *ctx, const char *word, np_complete_fn add, void *cookie)
{
	struct fact_cookie fc = {add, cookie, word};
	bool has_ns = strpbrk(word, ".[") != NULL;

	for (int c = 0; np_commands[c]; c++) {
		const struct np_fact_provider *const *p = np_commands[c]->facts;
		for (; p && *p; p++) {
			char ns[80];
			if (!has_ns) {
				snprintf(ns, sizeof(ns), "%s", (*p)->ns);
				add_if_prefix(add, cookie, word, ns);
			} else if ((*p)->complete &&
				   !strncmp(word, (*p)->ns, strlen((*p)->ns))) {
				(*p)->complete(ctx, word, add, cookie);
			}
		}
	}
	if (has_ns)
		np_facts_each(ctx->facts, word, add_fact, &fc);
}

void np_complete_type(struct np_ctx *ctx, const struct np_arg *arg, const char *word,
		      np_complete_fn add, void *cookie)
{
	switch (arg->type) {
	case NP_A_IFACE:
		complete_ifaces(word, add, cookie);
		break;
	case NP_A_NETNS:
		np_netns_complete(word, add, cookie);
		break;
	case NP_A_PLAYBOOK:
		for (int i = 0; np_playbook_dir(i); i++)
			complete_dir(np_playbook_dir(i), word, NP_PLAYBOOK_SUFFIX, add, cookie);
		break;
	case NP_A_SYSCTL:
		complete_sysctl(word, add, cookie);
		break;
	case NP_A_FACT:
		complete_facts(ctx, word, add, cookie);
		break;
	case NP_A_COMMAND:
		for (int c = 0; np_commands[c]; c++)
			add_if_prefix(add, cookie, word, np_commands[c]->name);
		break;
	case NP_A_ENUM:
		for (int c = 0; arg->choices && arg->choices[c]; c++)
			add_if_prefix(add, cookie, word, arg->choices[c]);
		break;
	case NP_A_PORT:
		if (ctx->set.port) {
			char p[16];
			snprintf(p, sizeof(p), "%u", ctx->set.port);
			add_if_prefix(add, cookie, word, p);
		}
		break;
	case NP_A_ADDR:
		if (ctx->set.dst[0])
			add_if_prefix(add, cookie, word, ctx->set.dst);
		break;
	default:
		break;
	}
}

void np_complete_command_args(struct np_ctx *ctx, const struct np_cmd *cmd, int argc, char **argv,
			      const char *word, np_complete_fn add, void *cookie)
{
	bool used[NP_MAX_ARGS] = {false};
	int npos = 0;

	/* Replay the tokens before the word to see where we are. */
	for (int i = 0; i < argc; i++) {
		int idx = -1;
		for (int k = 0; k < cmd->nargs; k++)
			if (cmd->args[k].kw && !strcmp(cmd->args[k].kw, argv[i]))
				idx = k;
		if (idx >= 0) {
			used[idx] = true;
			if (cmd->args[idx].type == NP_A_REST) {
				if (cmd->complete_rest)
					cmd->complete_rest(ctx, argc - i - 1, argv + i + 1, word, add,
							   cookie);
				return;
			}
			if (cmd->args[idx].type != NP_A_FLAG) {
				if (i + 1 == argc) { /* the word is this keyword's value */
					np_complete_type(ctx, &cmd->args[idx], word, add, cookie);
					return;
				}
				i++;
			}
			continue;
		}
		while (npos < cmd->nargs && (cmd->args[npos].kw || used[npos]))
			npos++;
		if (npos < cmd->nargs) {
			used[npos] = true;
			if (cmd->args[npos].type == NP_A_REST) {
				if (cmd->complete_rest)
					cmd->complete_rest(ctx, argc - i, argv + i, word, add, cookie);
				return;
			}
		}
	}
	/* Every unused keyword, wherever it sits in the descriptor (`link
	 * --<TAB>` offers --interval even though DEV comes first)... */
	for (int k = 0; k < cmd->nargs; k++)
		if (!used[k] && cmd->args[k].kw)
			add_if_prefix(add, cookie, word, cmd->args[k].kw);
	/* ...and the candidates of the next positional only. */
	for (int k = 0; k < cmd->nargs; k++) {
		if (used[k] || cmd->args[k].kw)
			continue;
		if (cmd->args[k].type == NP_A_REST ||
		    (cmd->args[k].type == NP_A_WORD && cmd->complete_rest)) {
			/* complete_rest also offers candidates for a free-form
			 * WORD positional (filters like `counters TcpExt`). */
			if (cmd->complete_rest)
				cmd->complete_rest(ctx, 0, argv + argc, word, add, cookie);
		} else {
			np_complete_type(ctx, &cmd->args[k], word, add, cookie);
		}
		break;
	}
}
