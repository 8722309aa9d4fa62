// SPDX-License-Identifier: GPL-2.0-only
/* netpath's own options, the colour rule, the environment check and the
 * history file checks. */
#include <sys/stat.h>

#include "check.h"
#include "history.h"
#include "np.h"
#include "options.h"

static int parse(struct np_opts *o, int argc, const char **argv)
{
	return np_opts_parse(argc, (char **)argv, o);
}

/* --brief and --metrics: each is the whole of stdout. */
static void test_summary_options(void)
{
	struct np_opts o;
	const char *b[] = {"netpath", "--brief", "-c", "link", NULL};
	const char *m[] = {"netpath", "--metrics", "-c", "run rx", NULL};
	const char *bj[] = {"netpath", "--brief", "-j", "-c", "link", NULL};
	const char *mp[] = {"netpath", "-p", "--metrics", NULL};
	const char *bm[] = {"netpath", "--brief", "--metrics", NULL};
	CHECK(parse(&o, 4, b) == 0 && o.brief && !o.metrics);
	np_opts_free(&o);
	CHECK(parse(&o, 4, m) == 0 && o.metrics && !o.brief);
	np_opts_free(&o);
	CHECK(parse(&o, 5, bj) == -NP_EUSAGE && strstr(o.err, "--brief and -j/-p"));
	np_opts_free(&o);
	CHECK(parse(&o, 3, mp) == -NP_EUSAGE && strstr(o.err, "--metrics and -j/-p"));
	np_opts_free(&o);
	CHECK(parse(&o, 3, bm) == -NP_EUSAGE && strstr(o.err, "exclude each other"));
	np_opts_free(&o);
}

int main(void)
{
	struct np_opts o;
	char why[160];

	test_summary_options();

	{
		const char *v[] = {"netpath",	"-n",	"ns1", "-c", "link",
				   "--command", "help", "-j",  NULL};
		CHECK(parse(&o, 8, v) == 0);
		CHECK_STR(o.netns, "ns1");
		CHECK(o.ncmds == 2 && !strcmp(o.cmds[1], "help") && o.json && !o.pretty);
		np_opts_free(&o);
	}
	{
		/* the error is kept and -j after it still counts */
		const char *v[] = {"/usr/sbin/netpath", "--bogus", "-j", NULL};
		CHECK(parse(&o, 3, v) == -NP_EUSAGE);
		CHECK_STR(o.err, "unknown option '--bogus'"); /* never the program's path */
		CHECK(o.json);
		np_opts_free(&o);
	}
	{
		const char *v[] = {"netpath", "-jx", NULL};
		CHECK(parse(&o, 2, v) == -NP_EUSAGE);
		CHECK_STR(o.err, "unknown option '-x'");
		np_opts_free(&o);
	}
	{
		const char *v[] = {"netpath", "-p", "-c", NULL};
		CHECK(parse(&o, 3, v) == -NP_EUSAGE);
		CHECK_STR(o.err, "option '-c' needs a value");
		CHECK(o.json && o.pretty);
		np_opts_free(&o);
	}
	{
		const char *v[] = {"netpath", "link", NULL};
		CHECK(parse(&o, 2, v) == -NP_EUSAGE);
		CHECK_STR(o.err, "unexpected argument 'link' (commands go after -c)");
		np_opts_free(&o);
	}
	{
		const char *v[] = {"netpath", "-f", "a", "-f", "b", NULL};
		CHECK(parse(&o, 5, v) == -NP_EUSAGE);
		np_opts_free(&o);
	}
	{
		const char *v[] = {"netpath", "--complete", "probe dr", "-V", NULL};
		CHECK(parse(&o, 4, v) == 0);
		CHECK_STR(o.complete, "probe dr");
		CHECK(o.version);
		np_opts_free(&o);
	}

	/* colour: a terminal that has it, and nobody saying no */
	CHECK(np_color_wanted(false, NULL, "xterm", true));
	CHECK(np_color_wanted(false, "", "xterm", true)); /* empty NO_COLOR: no-color.org */
	CHECK(!np_color_wanted(false, "1", "xterm", true));
	CHECK(!np_color_wanted(true, NULL, "xterm", true));
	CHECK(!np_color_wanted(false, NULL, "dumb", true));
	CHECK(!np_color_wanted(false, NULL, "", true));
	CHECK(!np_color_wanted(false, NULL, NULL, true));
	CHECK(!np_color_wanted(false, NULL, "xterm", false));

	CHECK(np_env_check_attach(NULL, why, sizeof(why)) == 0);
	CHECK(np_env_check_attach("", why, sizeof(why)) == 0);
	CHECK(np_env_check_attach("raw_tp", why, sizeof(why)) == 0);
	CHECK(np_env_check_attach("bogus", why, sizeof(why)) == -NP_EUSAGE);
	CHECK_STR(why, "NETPATH_PROBE_ATTACH='bogus': expected tp_btf, raw_tp or tracepoint");

	/* the history file: a regular file with one link, ours */
	{
		struct stat st = {0};
		st.st_mode = S_IFREG | 0600;
		st.st_uid = 1000;
		st.st_nlink = 1;
		CHECK(np_history_check(&st, 1000, why, sizeof(why)) == 0);
		CHECK(np_history_check(&st, 0, why, sizeof(why)) == -1); /* sudo -E */
		CHECK_STR(why, "owned by uid 1000, not by the user netpath runs as (0)");
		st.st_nlink = 2;
		CHECK(np_history_check(&st, 1000, why, sizeof(why)) == -1);
		st.st_nlink = 1;
		st.st_mode = S_IFIFO | 0600;
		CHECK(np_history_check(&st, 1000, why, sizeof(why)) == -1);
		CHECK_STR(why, "not a regular file");
	}
	return check_done();
}
