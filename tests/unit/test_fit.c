// SPDX-License-Identifier: GPL-2.0-only
/* Tables fit the terminal: columns hide by priority with a note, long cells
 * are cut with an ellipsis, equal rows merge with their counts summed, and
 * without a width (not a terminal, no COLUMNS) nothing changes. */
#include <stdlib.h>

#include "check.h"
#include "output.h"
#include "table_fit.h"

static const struct np_col cols[] = {
    {"count", "COUNT", NP_COL_U64, NP_COL_SUM},		{"reason", "REASON", NP_COL_STR},
    {"remote", "REMOTE", NP_COL_STR, NP_COL_ANY, 0, 1}, {"comm", "TASK", NP_COL_STR, 0, 0, 5},
    {"note", "NOTE", NP_COL_STR, NP_COL_TRUNC},		{"pid", NULL, NP_COL_U64, NP_COL_JSON_ONLY},
};

struct row {
	unsigned count;
	const char *reason, *remote, *comm, *note;
};

static const struct row rows[] = {
    {1, "NO_SOCKET", "10.0.0.1:41234", "python3", "closed port"},
    {1, "NO_SOCKET", "10.0.0.1:41240", "python3", "closed port"},
    {2, "NO_SOCKET", "10.0.0.1:41250", "swapper/0", "closed port"},
    {4, "TCP_CLOSE", "10.0.0.9:80", "curl", "a rather long note that says a lot"},
};

static char *render(int width, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	char cols_env[16];
	FILE *f = open_memstream(&buf, &len);
	struct np_out *o = np_out_new(f, stderr, json, false, false);
	struct np_table *t;
	snprintf(cols_env, sizeof(cols_env), "%d", width);
	if (width)
		setenv("COLUMNS", cols_env, 1);
	else
		unsetenv("COLUMNS");
	np_out_begin(o, "demo");
	t = np_table_begin(o, "rows", NULL, cols, NP_ARRAY_SIZE(cols));
	for (size_t i = 0; i < NP_ARRAY_SIZE(rows); i++) {
		np_row_begin(t);
		np_cell_u64(t, rows[i].count);
		np_cell_str(t, rows[i].reason);
		np_cell_str(t, rows[i].remote);
		np_cell_str(t, rows[i].comm);
		np_cell_str(t, rows[i].note);
		np_cell_u64(t, 100 + i);
		np_row_end(t);
	}
	np_table_end(t);
	np_out_end(o);
	np_out_free(o);
	fclose(f);
	return buf;
}

static void test_render(void)
{
	char *s;
	/* No width (a pipe): every column; equal rows still merge. */
	s = render(0, false);
	CHECK_STR(
	    s, "COUNT  REASON     REMOTE          TASK       NOTE\n"
	       "    4  TCP_CLOSE  10.0.0.9:80     curl       a rather long note that says a lot\n"
	       "    2  NO_SOCKET  10.0.0.1:*      python3    closed port\n"
	       "    2  NO_SOCKET  10.0.0.1:41250  swapper/0  closed port\n");
	free(s);
	/* 70 columns: TASK (drop 5) goes, the rows it kept apart merge. */
	s = render(70, false);
	CHECK_STR(s, "COUNT  REASON     REMOTE       NOTE\n"
		     "    4  TCP_CLOSE  10.0.0.9:80  a rather long note that says a lot\n"
		     "    4  NO_SOCKET  10.0.0.1:*   closed port\n"
		     "hidden: TASK; -j has it\n");
	free(s);
	/* 40: REMOTE goes too, then NOTE is cut with an ellipsis. */
	s = render(40, false);
	CHECK_STR(s, "COUNT  REASON     NOTE\n"
		     "    4  TCP_CLOSE  a rather long note th\xe2\x80\xa6\n"
		     "    4  NO_SOCKET  closed port\n"
		     "hidden: TASK, REMOTE; -j has them\n");
	CHECK(np_text_width("    4  TCP_CLOSE  a rather long note th\xe2\x80\xa6") == 40);
	free(s);
	/* JSON is never merged, cut or narrowed. */
	s = render(40, true);
	CHECK(strstr(s, "\"remote\":\"10.0.0.1:41240\",\"comm\":\"python3\"") != NULL);
	CHECK(strstr(s, "\"pid\":103") != NULL);
	CHECK(strstr(s, "says a lot\"") != NULL);
	free(s);
}

static void test_cut(void)
{
	char buf[64];
	CHECK_STR(np_fit_cut("short", 8, buf, sizeof(buf)), "short");
	CHECK_STR(np_fit_cut("exactly8", 8, buf, sizeof(buf)), "exactly8");
	CHECK_STR(np_fit_cut("ninechars", 8, buf, sizeof(buf)), "ninecha\xe2\x80\xa6");
	/* Multi-byte characters count once and are never split. */
	CHECK_STR(np_fit_cut("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, buf, sizeof(buf)),
		  "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
}

int main(void)
{
	test_render();
	test_cut();
	return check_done();
}
