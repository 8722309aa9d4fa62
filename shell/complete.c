// SPDX-License-Identifier: GPL-2.0-only
/* Tab completion driven by the typed argument descriptors. */
#include <dirent.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "family.h"
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

	const struct np_fact_family *fam;
	for (int i = 0; (fam = np_fact_family_at(i)); i++) {
		if (!has_ns)
			add_if_prefix(add, cookie, word, fam->ns);
		else if (fam->complete && !strncmp(word, fam->ns, strlen(fam->ns)))
			fam->complete(ctx, word, add, cookie);
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

void np_complete_slot(const struct np_cmd *cmd, int argc, char **argv, struct np_slot *s)
{
	memset(s, 0, sizeof(*s));
	s->value_of = s->rest_arg = s->rest_from = -1;
	/* Replay the tokens before the word to see where we are, with the
	 * parser's own rules (keyword prefixes included). */
	for (int i = 0; i < argc; i++) {
		int next = np_arg_next_positional(cmd, s->used, 0);
		int idx = np_arg_keyword(cmd, argv[i], next);
		if (idx >= 0) {
			s->used[idx] = true;
			if (cmd->args[idx].type == NP_A_REST) {
				s->rest_arg = idx;
				s->rest_from = i + 1;
				return;
			}
			if (cmd->args[idx].type != NP_A_FLAG) {
				if (i + 1 == argc) { /* the word is this keyword's value */
					s->value_of = idx;
					return;
				}
				i++;
			}
			continue;
		}
		if (next < cmd->nargs) {
			s->used[next] = true;
			if (cmd->args[next].type == NP_A_REST) {
				s->rest_arg = next;
				s->rest_from = i;
				return;
			}
		}
	}
}

void np_complete_command_args(struct np_ctx *ctx, const struct np_cmd *cmd, int argc, char **argv,
			      const char *word, np_complete_fn add, void *cookie)
{
	struct np_slot s;
	int next;

	np_complete_slot(cmd, argc, argv, &s);
	if (s.rest_arg >= 0) {
		if (cmd->complete_rest)
			/* argv is NULL when nothing precedes the word:
			 * pointer arithmetic on NULL is undefined. */
			cmd->complete_rest(ctx, argc - s.rest_from,
					   argv ? argv + s.rest_from : NULL, word, add, cookie);
		return;
	}
	if (s.value_of >= 0) {
		np_complete_type(ctx, &cmd->args[s.value_of], word, add, cookie);
		return;
	}
	/* Every unused keyword, wherever it sits in the descriptor (`link
	 * --<TAB>` offers --interval even though DEV comes first)... */
	for (int k = 0; k < cmd->nargs; k++)
		if (!s.used[k] && cmd->args[k].kw)
			add_if_prefix(add, cookie, word, cmd->args[k].kw);
	/* ...and the candidates of the next positional only. */
	next = np_arg_next_positional(cmd, s.used, 0);
	if (next >= cmd->nargs)
		return;
	if (cmd->args[next].type == NP_A_REST ||
	    (cmd->args[next].type == NP_A_WORD && cmd->complete_rest)) {
		/* complete_rest also offers candidates for a free-form WORD
		 * positional (filters like `counters TcpExt`). */
		if (cmd->complete_rest)
			cmd->complete_rest(ctx, 0, argv ? argv + argc : NULL, word, add, cookie);
	} else {
		np_complete_type(ctx, &cmd->args[next], word, add, cookie);
	}
}

bool np_complete_filter_value(struct np_ctx *ctx, const char *kw, const char *word,
			      np_complete_fn add, void *cookie)
{
	static const char *const protos[] = {"tcp", "udp", "icmp", NULL};
	static const char *const netns_words[] = {"current", "all", NULL};
	static const struct {
		const char *kw;
		struct np_arg arg;
	} map[] = {
	    {"dev", {NULL, NP_A_IFACE}},
	    {"netns", {NULL, NP_A_NETNS}},
	    {"proto", {NULL, NP_A_ENUM, NULL, NULL, protos}},
	    {"host", {NULL, NP_A_ADDR}},
	    {"src", {NULL, NP_A_ADDR}},
	    {"dst", {NULL, NP_A_ADDR}},
	    {"port", {NULL, NP_A_PORT}},
	    {"sport", {NULL, NP_A_PORT}},
	    {"dport", {NULL, NP_A_PORT}},
	};
	for (size_t i = 0; i < NP_ARRAY_SIZE(map); i++) {
		if (strcmp(map[i].kw, kw))
			continue;
		if (!strcmp(kw, "netns"))
			for (int w = 0; netns_words[w]; w++)
				add_if_prefix(add, cookie, word, netns_words[w]);
		np_complete_type(ctx, &map[i].arg, word, add, cookie);
		return true;
	}
	return false;
}
