// SPDX-License-Identifier: GPL-2.0-only
/* Rule text as nft(8) prints it, from libnftables: list the chains that
 * hold the rules we name (or the whole ruleset) with handles into a
 * buffer and place each line by its handle (nft_text.c).  Only `list`
 * commands are built, from names nft's own grammar accepts, and the
 * context is in dry-run mode: nothing can be changed even by mistake.
 *
 * libnftables is loaded with dlopen() on first use: linked in, it and
 * what it pulls (libxtables, libjansson, libgmp, its own libnftnl) more
 * than doubled the instructions of every netpath start (callgrind, `link
 * lo`: 493k -> 1.2M), for text only a few commands need.  Without it the
 * rules are still named by family, table, chain and handle. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nftables/libnftables.h>

#include "nft.h"
#include "xalloc.h"

/* The ABI the header describes (Debian's libnftables1). */
#define NFT_SONAME "libnftables.so.1"

static struct {
	bool tried;
	void *h;
	__typeof__(&nft_ctx_new) ctx_new;
	__typeof__(&nft_ctx_free) ctx_free;
	__typeof__(&nft_ctx_output_set_flags) set_flags;
	__typeof__(&nft_ctx_set_dry_run) set_dry_run;
	__typeof__(&nft_ctx_buffer_output) buffer_output;
	__typeof__(&nft_ctx_buffer_error) buffer_error;
	__typeof__(&nft_ctx_get_output_buffer) output_buffer;
	__typeof__(&nft_ctx_get_error_buffer) error_buffer;
	__typeof__(&nft_run_cmd_from_buffer) run;
} lib;

#define SYM(field, name) (*(void **)&lib.field = dlsym(lib.h, #name)) != NULL

static bool lib_load(char *why, size_t len)
{
	if (!lib.tried) {
		lib.tried = true;
		lib.h = dlopen(NFT_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (lib.h && !(SYM(ctx_new, nft_ctx_new) && SYM(ctx_free, nft_ctx_free) &&
			       SYM(set_flags, nft_ctx_output_set_flags) &&
			       SYM(set_dry_run, nft_ctx_set_dry_run) &&
			       SYM(buffer_output, nft_ctx_buffer_output) &&
			       SYM(buffer_error, nft_ctx_buffer_error) &&
			       SYM(output_buffer, nft_ctx_get_output_buffer) &&
			       SYM(error_buffer, nft_ctx_get_error_buffer) &&
			       SYM(run, nft_run_cmd_from_buffer))) {
			dlclose(lib.h);
			lib.h = NULL;
		}
	}
	if (!lib.h)
		snprintf(why, len, "%s not available: rule text unknown (rules named by handle)",
			 NFT_SONAME);
	return lib.h != NULL;
}

/* "list chain FAMILY TABLE CHAIN" lines for the chains holding the rules
 * of refs (policies need no text); "list ruleset" for refs == NULL or when
 * a name cannot be written on nft's command line; "" when there is
 * nothing to list.  NULL on allocation failure. */
static char *list_commands(const struct np_nft_snap *s, const struct np_nft_ref *refs, size_t n)
{
	size_t cap = 64, o = 0;
	char *cmd = np_xmalloc(cap);
	bool *seen = np_xcalloc(s->nchains ? s->nchains : 1, sizeof(*seen));
	bool all = !refs;

	cmd[0] = '\0';
	for (size_t i = 0; i < n && !all; i++) {
		const struct np_nft_chain *c = np_nft_ref_chain(s, &refs[i]);
		size_t ci = (size_t)(c - s->chains), need;
		if (refs[i].policy || seen[ci])
			continue;
		seen[ci] = true;
		all = !np_nft_name_ok(c->table) || !np_nft_name_ok(c->name);
		need = strlen(c->table) + strlen(c->name) + 32;
		if (o + need > cap)
			cmd = np_xreallocarray(cmd, cap = (o + need) * 2, 1);
		o += (size_t)snprintf(cmd + o, cap - o, "list chain %s %s %s\n",
				      np_nft_family_name(c->family), c->table, c->name);
	}
	if (all)
		snprintf(cmd, cap, "list ruleset");
	free(seen);
	return cmd;
}

/* Run one list command; attach what it printed.  0 or -EIO with why. */
static int run_list(struct nft_ctx *nft, struct np_nft_snap *s, const char *cmd, char *why,
		    size_t len)
{
	int rc = lib.run(nft, cmd);
	const char *out = lib.output_buffer(nft);
	if (out)
		np_nft_listing_attach(s, out, strlen(out));
	if (rc) {
		const char *e = lib.error_buffer(nft);
		snprintf(why, len, "libnftables: %.*s", e ? (int)strcspn(e, "\n") : 0, e ? e : "");
	}
	return rc ? -EIO : 0;
}

/* How many rules the chains holding refs' rules have (what listing them
 * costs). */
static size_t rules_to_list(const struct np_nft_snap *s, const struct np_nft_ref *refs, size_t n)
{
	bool *seen = np_xcalloc(s->nchains ? s->nchains : 1, sizeof(*seen));
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (!refs[i].policy)
			seen[s->rules[refs[i].idx].chain] = true;
	for (size_t r = 0; r < s->nrules; r++)
		total += seen[s->rules[r].chain];
	free(seen);
	return total;
}

int np_nft_texts(struct np_nft_snap *s, const struct np_nft_ref *refs, size_t n, size_t max_rules,
		 char *why, size_t len)
{
	struct nft_ctx *nft;
	char *cmds, *line, *save = NULL;
	size_t total = refs ? rules_to_list(s, refs, n) : s->nrules;
	int err = 0;

	if (max_rules && total > max_rules) {
		snprintf(
		    why, len,
		    "rule text not read: its chains hold %zu rules (over %zu; `firewall` shows "
		    "them)",
		    total, max_rules);
		return -E2BIG;
	}
	cmds = list_commands(s, refs, n);
	if (!*cmds) {
		free(cmds);
		return 0;
	}
	if (!lib_load(why, len)) {
		free(cmds);
		return -ENOENT;
	}
	nft = lib.ctx_new(NFT_CTX_DEFAULT);
	if (!nft) {
		free(cmds);
		snprintf(why, len, "libnftables: cannot create a context");
		return -ENOMEM;
	}
	/* Handles to place the lines; stateless: the text without this
	 * moment's counter values; terse: named sets without their elements
	 * (a blocklist of 100,000 addresses is not rule text). */
	lib.set_flags(nft, NFT_CTX_OUTPUT_HANDLE | NFT_CTX_OUTPUT_STATELESS | NFT_CTX_OUTPUT_TERSE);
	lib.set_dry_run(nft, true);
	lib.buffer_output(nft);
	lib.buffer_error(nft);
	/* One command per run: nft 1.0.6 builds one cache filter for a whole
	 * buffer, so a second `list chain` of another table finds nothing. */
	for (line = strtok_r(cmds, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int rc = run_list(nft, s, line, why, len);
		if (rc && !err)
			err = rc;
	}
	lib.ctx_free(nft);
	free(cmds);
	return err;
}
