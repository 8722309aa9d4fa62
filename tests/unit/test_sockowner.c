// SPDX-License-Identifier: GPL-2.0-only
/* Socket owners (sockets -p, taps): the /proc/PID/fd link parser, and a scan
 * of a staged /proc tree: sockets found, other links ignored, a socket
 * shared by two processes counted once with "+1". */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "sockowner.h"

static void test_link(void)
{
	unsigned long ino = 0;
	CHECK(np_sock_link_inode("socket:[12345]", &ino) && ino == 12345);
	CHECK(!np_sock_link_inode("socket:[]", &ino));
	CHECK(!np_sock_link_inode("socket:[12a]", &ino));
	CHECK(!np_sock_link_inode("socket:[1]x", &ino));
	CHECK(!np_sock_link_inode("pipe:[77]", &ino));
	CHECK(!np_sock_link_inode("/dev/null", &ino));
	CHECK(!np_sock_link_inode("socket:[99999999999999999999999]", &ino));
}

static void mk(const char *root, const char *rel, const char *link, const char *text)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (link) {
		CHECK(symlink(link, p) == 0);
	} else if (text) {
		FILE *f = fopen(p, "w");
		CHECK(f != NULL);
		if (f) {
			fputs(text, f);
			fclose(f);
		}
	} else {
		CHECK(mkdir(p, 0755) == 0);
	}
}

static void test_scan(void)
{
	char root[] = "/tmp/np-sockowner-XXXXXX", cmd[600], buf[64];
	struct np_sock_owners o;
	const struct np_sock_owner *w;
	CHECK(mkdtemp(root) != NULL);
	mk(root, "200", NULL, NULL);
	mk(root, "200/fd", NULL, NULL);
	mk(root, "200/comm", NULL, "nginx\n");
	mk(root, "200/fd/3", "socket:[5001]", NULL);
	mk(root, "200/fd/4", "pipe:[9]", NULL);
	mk(root, "200/fd/5", "socket:[5002]", NULL);
	mk(root, "31", NULL, NULL);
	mk(root, "31/fd", NULL, NULL);
	mk(root, "31/comm", NULL, "nginx-worker\n");
	mk(root, "31/fd/7", "socket:[5002]", NULL);
	mk(root, "self", NULL, NULL); /* not a pid: skipped */
	mk(root, "self/fd", NULL, NULL);
	mk(root, "self/fd/1", "socket:[6000]", NULL);

	CHECK(np_sock_owners_scan(&o, root) == 0);
	CHECK(o.n == 2);
	w = np_sock_owner_find(&o, 5001);
	CHECK(w && w->pid == 200 && !strcmp(w->comm, "nginx") && w->others == 0);
	CHECK_STR(w ? np_sock_owner_text(w, buf, sizeof(buf)) : "", "200/nginx");
	w = np_sock_owner_find(&o, 5002); /* shared: the lowest pid, +1 */
	CHECK(w && w->pid == 31 && w->others == 1);
	CHECK_STR(w ? np_sock_owner_text(w, buf, sizeof(buf)) : "", "31/nginx-worker+1");
	CHECK(np_sock_owner_find(&o, 6000) == NULL);
	CHECK(np_sock_owner_find(&o, 9) == NULL);
	np_sock_owners_free(&o);
	CHECK(np_sock_owners_scan(&o, "/nonexistent/proc") < 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	test_link();
	test_scan();
	return check_done();
}
