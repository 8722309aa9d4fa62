// SPDX-License-Identifier: GPL-2.0-only
/* --metrics: every family a gauge (a walk's window counts are not
 * counters: the next run starts from nothing), each family's samples
 * together, label values escaped, "# EOF" last. */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "metrics.h"
#include "np_vcs.h"
#include "output.h"

#define MAX_WALKS 64

static struct np_metrics_walk walks[MAX_WALKS];
static int nwalks;

void np_metrics_label(char *dst, size_t len, const char *src)
{
	size_t n = src ? strnlen(src, len - 1) : 0;
	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

static bool same_series(const struct np_metrics_walk *a, const struct np_metrics_walk *b)
{
	return !strcmp(a->playbook, b->playbook) && !strcmp(a->netns, b->netns) &&
	       !strcmp(a->port, b->port) && !strcmp(a->dst, b->dst) && !strcmp(a->dev, b->dev);
}

void np_metrics_add(const struct np_metrics_walk *w)
{
	int i = 0;
	while (i < nwalks && !same_series(&walks[i], w))
		i++;
	if (i == MAX_WALKS)
		return;
	walks[i] = *w;
	if (i == nwalks)
		nwalks++;
}

/* A label value: backslash, double quote and newline escaped. */
static void label(FILE *f, const char *name, const char *val, bool first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", name);
	for (; *val; val++) {
		if (*val == '\\' || *val == '"')
			fputc('\\', f);
		if (*val == '\n')
			fputs("\\n", f);
		else
			fputc(*val, f);
	}
	fputc('"', f);
}

static void walk_labels(FILE *f, const struct np_metrics_walk *w)
{
	label(f, "playbook", w->playbook, true);
	label(f, "netns", w->netns, false);
	label(f, "port", w->port, false);
	label(f, "dst", w->dst, false);
	label(f, "dev", w->dev, false);
}

static void family(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void print_walks(FILE *f)
{
	family(f, "netpath_verdict_status",
	       "Verdict of a playbook walk: 0 ok, 1 warning, 2 critical, 3 unknown (the exit "
	       "status); layer and reason name where packets die.");
	for (int i = 0; i < nwalks; i++) {
		fputs("netpath_verdict_status{", f);
		walk_labels(f, &walks[i]);
		label(f, "layer", walks[i].layer, false);
		label(f, "reason", walks[i].reason, false);
		fprintf(f, "} %d\n", walks[i].status);
	}
	family(f, "netpath_verdict_packets",
	       "Packets the deciding finding counted in the observation window.");
	for (int i = 0; i < nwalks; i++) {
		if (walks[i].packets < 0)
			continue;
		fputs("netpath_verdict_packets{", f);
		walk_labels(f, &walks[i]);
		fprintf(f, "} %.0f\n", walks[i].packets);
	}
	family(f, "netpath_window_seconds", "Length of the walk's observation window.");
	for (int i = 0; i < nwalks; i++) {
		fputs("netpath_window_seconds{", f);
		walk_labels(f, &walks[i]);
		fprintf(f, "} %.3f\n", walks[i].window);
	}
	family(f, "netpath_window_drops",
	       "Packets the kernel freed during the observation window, by drop reason and "
	       "layer (skb:kfree_skb; reasons that did not occur are left out).");
	for (int i = 0; i < nwalks; i++)
		for (int d = 0; d < walks[i].ndrops; d++) {
			fputs("netpath_window_drops{", f);
			walk_labels(f, &walks[i]);
			label(f, "reason", walks[i].drops[d].reason, false);
			label(f, "layer", np_layer_name(walks[i].drops[d].layer), false);
			fprintf(f, "} %lld\n", (long long)walks[i].drops[d].count);
		}
}

struct tally {
	int n[5]; /* ok warn crit unknown usage */
};

static void count_status(const char *command, int status, void *arg)
{
	struct tally *t = arg;
	(void)command;
	t->n[status == NP_EXIT_USAGE ? 4 : status >= 0 && status <= 3 ? status : 3]++;
}

void np_metrics_print(struct np_out *out, FILE *f, int exit_status)
{
	static const char *const words[] = {"ok", "warn", "crit", "unknown", "usage"};
	struct tally t = {0};

	family(f, "netpath_build_info", "netpath's version and the git commit it was built from.");
	fputs("netpath_build_info{", f);
	label(f, "version", NP_VERSION, true);
	label(f, "commit", NP_GIT_COMMIT, false);
	fputs("} 1\n", f);
	print_walks(f);
	np_out_each_result(out, count_status, &t);
	family(f, "netpath_commands", "Commands this run executed, by their exit status.");
	for (int i = 0; i < 5; i++) {
		fputs("netpath_commands{", f);
		label(f, "status", words[i], true);
		fprintf(f, "} %d\n", t.n[i]);
	}
	family(f, "netpath_exit_status",
	       "netpath's exit status: 0 ok, 1 warning, 2 critical, 3 unknown, 64 usage error.");
	fprintf(f, "netpath_exit_status %d\n", exit_status);
	family(f, "netpath_last_run_timestamp_seconds", "When this run ended (Unix time).");
	fprintf(f, "netpath_last_run_timestamp_seconds %lld\n", (long long)time(NULL));
	fputs("# EOF\n", f);
	fflush(f);
}
