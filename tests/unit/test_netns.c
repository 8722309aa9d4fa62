// SPDX-License-Identifier: GPL-2.0-only
/* Namespace specs (shell/netns_spec.c), the parsers of what namespace
 * discovery reads (shell/netns_parse.c: container tools' answers, cgroup
 * paths, mountinfo, /proc/PID/stat) and the list fitting of `netns`. */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "netns_list.h"
#include "netns_parse.h"
#include "netns_spec.h"
#include "np.h"

static int parse(const char *text, struct np_netns_spec *s)
{
	char why[256] = "";
	int rc = np_netns_spec_parse(text, s, why, sizeof(why));
	if (rc && !why[0]) {
		fprintf(stderr, "refused '%s' without a reason\n", text ? text : "(null)");
		return 1;
	}
	return rc;
}

/* Accepted specs print canonically and parse back to the same spec. */
static void round_trip(const char *text, const char *canonical)
{
	struct np_netns_spec a, b;
	char buf[NP_NETNS_SPEC_MAX];
	CHECK(parse(text, &a) == 0);
	np_netns_spec_text(&a, buf, sizeof(buf));
	CHECK_STR(buf, canonical);
	CHECK(parse(buf, &b) == 0 && a.kind == b.kind && a.num == b.num &&
	      !strcmp(a.value, b.value));
}

static void test_spec(void)
{
	struct np_netns_spec s;
	char why[256], longpath[700];

	CHECK(parse("-", &s) == 0 && s.kind == NP_NS_HOME);
	CHECK(parse("np-a", &s) == 0 && s.kind == NP_NS_NAME);
	CHECK_STR(s.value, "np-a");
	/* A bare number: a name if /run/netns has it, else a pid (decided when
	 * resolving); 0 and numbers past PID_MAX_LIMIT can only be names. */
	CHECK(parse("1234", &s) == 0 && s.kind == NP_NS_NUMBER && s.num == 1234);
	CHECK_STR(s.value, "1234");
	CHECK(parse("0", &s) == 0 && s.kind == NP_NS_NAME);
	CHECK(parse("99999999", &s) == 0 && s.kind == NP_NS_NAME);
	CHECK(parse("pid:42", &s) == 0 && s.kind == NP_NS_PID && s.num == 42);
	CHECK(parse("pid:4194304", &s) == 0 && s.num == NP_PID_MAX);
	CHECK(parse("inode:4026531833", &s) == 0 && s.kind == NP_NS_INODE && s.num == 4026531833UL);
	CHECK(parse("/proc/1/ns/net", &s) == 0 && s.kind == NP_NS_PATH);
	CHECK(parse("/run/docker/netns/1a2b3c4d5e6f", &s) == 0 && s.kind == NP_NS_PATH);
	CHECK(parse("/run/my ns", &s) == 0 && s.kind == NP_NS_PATH);
	CHECK(parse("docker:web", &s) == 0 && s.kind == NP_NS_DOCKER);
	CHECK_STR(s.value, "web");
	CHECK(parse("podman:x_1.y-z", &s) == 0 && s.kind == NP_NS_PODMAN);
	CHECK(parse("crictl:3f2a1b4c5d6e", &s) == 0 && s.kind == NP_NS_CRICTL);
	CHECK_STR(np_netns_spec_tool(NP_NS_CRICTL), "crictl");
	CHECK(np_netns_spec_tool(NP_NS_PID) == NULL);

	round_trip("-", "-");
	round_trip("np-a", "np-a");
	round_trip("007", "007");
	round_trip("pid:007", "pid:7");
	round_trip("inode:4026532290", "inode:4026532290");
	round_trip("/proc/12/ns/net", "/proc/12/ns/net");
	round_trip("docker:web", "docker:web");
	round_trip("podman:db", "podman:db");
	round_trip("crictl:abc123", "crictl:abc123");

	/* Malformed: refused with a reason (exit 64 upstream). */
	CHECK(parse(NULL, &s) == -NP_EUSAGE);
	CHECK(parse("", &s) == -NP_EUSAGE);
	CHECK(parse("pid:", &s) == -NP_EUSAGE);
	CHECK(parse("pid:0", &s) == -NP_EUSAGE);
	CHECK(parse("pid:4194305", &s) == -NP_EUSAGE);
	CHECK(parse("pid:+1", &s) == -NP_EUSAGE);
	CHECK(parse("pid:0x10", &s) == -NP_EUSAGE);
	CHECK(parse("pid:12a", &s) == -NP_EUSAGE);
	CHECK(parse("pid:99999999999999999999999", &s) == -NP_EUSAGE);
	CHECK(parse("inode:4294967296", &s) == -NP_EUSAGE);
	CHECK(parse("inode:x", &s) == -NP_EUSAGE);
	CHECK(parse("docker:", &s) == -NP_EUSAGE);
	CHECK(parse("docker:-rm", &s) == -NP_EUSAGE); /* never an option to the CLI */
	CHECK(parse("docker:a b", &s) == -NP_EUSAGE);
	CHECK(parse("docker:a;b", &s) == -NP_EUSAGE);
	CHECK(parse("podman:$(x)", &s) == -NP_EUSAGE);
	CHECK(parse("foo:bar", &s) == -NP_EUSAGE);
	CHECK(np_netns_spec_parse("foo:bar", &s, why, sizeof(why)) && strstr(why, "foo:") &&
	      strstr(why, "pid:"));
	CHECK(parse("a/b", &s) == -NP_EUSAGE);
	CHECK(parse("../x", &s) == -NP_EUSAGE);
	CHECK(parse("..", &s) == -NP_EUSAGE);
	CHECK(parse("a b", &s) == -NP_EUSAGE);
	CHECK(parse("/bad\x01path", &s) == -NP_EUSAGE);
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	CHECK(parse(longpath, &s) == -NP_EUSAGE);
}

static void test_tool_pid(void)
{
	long pid = -1;
	CHECK(np_netns_tool_pid("4242\n", &pid) == 0 && pid == 4242);
	CHECK(np_netns_tool_pid("  12 \n", &pid) == 0 && pid == 12);
	CHECK(np_netns_tool_pid("0\n", &pid) == 0 && pid == 0); /* not running */
	CHECK(np_netns_tool_pid("", &pid) == -EINVAL);
	CHECK(np_netns_tool_pid("Error: no such object\n", &pid) == -EINVAL);
	CHECK(np_netns_tool_pid("12 13\n", &pid) == -EINVAL);
	CHECK(np_netns_tool_pid("-1\n", &pid) == -EINVAL);
	CHECK(np_netns_tool_pid("99999999999\n", &pid) == -EINVAL);
}

static int crictl(const char *json, long *pid)
{
	return np_netns_crictl_pid(json, strlen(json), pid);
}

static void test_crictl(void)
{
	/* The shape of `crictl inspect` (trimmed): a decoy pid in status. */
	static const char doc[] =
	    "{\n  \"status\": {\"id\": \"3f2a\", \"pid\": 1, \"state\": \"CONTAINER_RUNNING\",\n"
	    "    \"labels\": {\"io.kubernetes.pod.name\": \"web-\\\"0\\\"\"}, \"mounts\": []},\n"
	    "  \"info\": {\"sandboxID\": \"9e8d\", \"runtimeSpec\": {\"process\": {\"args\": "
	    "[\"sh\", \"-c\", \"sleep 1\"], \"terminal\": false}},\n    \"pid\": 4242,\n"
	    "    \"removing\": false}\n}\n";
	long pid = -1;
	CHECK(crictl(doc, &pid) == 0 && pid == 4242);
	CHECK(crictl("{\"info\":{\"pid\":0}}", &pid) == 0 && pid == 0);
	CHECK(crictl("{\"status\":{\"pid\":7}}", &pid) == -ENOENT);
	CHECK(crictl("{\"info\":null}", &pid) == -ENOENT);
	CHECK(crictl("{\"info\":{\"pid\":null}}", &pid) == -ENOENT);
	CHECK(crictl("{}", &pid) == -ENOENT);
	CHECK(crictl("", &pid) == -EINVAL);
	CHECK(crictl("[1,2]", &pid) == -EINVAL);
	CHECK(crictl("{\"a\":", &pid) == -EINVAL);
	CHECK(crictl("{\"a\":\"unterminated", &pid) == -EINVAL);
	CHECK(crictl("{\"info\":{\"pid\":99999999999}}", &pid) == -EINVAL);
	{
		/* Nesting deeper than the bound: refused, no stack blow-up. */
		char deep[3000];
		size_t o = (size_t)snprintf(deep, sizeof(deep), "{\"a\":");
		while (o < 2000)
			deep[o++] = '[';
		deep[o] = '\0';
		CHECK(crictl(deep, &pid) == -EINVAL);
	}
}

static const char *container(const char *cgroup)
{
	static char buf[80];
	buf[0] = '\0';
	return np_cgroup_container(cgroup, buf, sizeof(buf)) ? buf : "";
}

#define ID64 "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708"

static void test_cgroup(void)
{
	CHECK_STR(container("0::/system.slice/docker-" ID64 ".scope\n"), "docker:3f2a1b4c5d6e");
	CHECK_STR(container("12:pids:/docker/" ID64 "\n11:memory:/docker/" ID64 "\n0::/\n"),
		  "docker:3f2a1b4c5d6e");
	CHECK_STR(
	    container("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID64
		      ".scope/container\n"),
	    "podman:3f2a1b4c5d6e");
	/* conmon lives beside the container, not in it. */
	CHECK_STR(container("0::/machine.slice/libpod-conmon-" ID64 ".scope\n"), "");
	CHECK_STR(container("0::/kubepods.slice/kubepods-besteffort.slice/"
			    "kubepods-besteffort-pod12_34.slice/cri-containerd-" ID64 ".scope\n"),
		  "crictl:3f2a1b4c5d6e");
	CHECK_STR(container("0::/kubepods.slice/kubepods-burstable.slice/crio-" ID64 ".scope\n"),
		  "crictl:3f2a1b4c5d6e");
	CHECK_STR(
	    container("0::/kubepods/besteffort/pod12345678-aaaa-bbbb-cccc-123456789012/" ID64 "\n"),
	    "crictl:3f2a1b4c5d6e");
	CHECK_STR(container("0::/lxc.payload.web1\n"), "lxc:web1");
	CHECK_STR(container("4:cpu:/lxc/web2\n"), "lxc:web2");
	CHECK_STR(container("0::/machine.slice/machine-debian.scope/payload\n"), "machine:debian");
	/* The host's own processes. */
	CHECK_STR(container("0::/user.slice/user-0.slice/session-1.scope\n"), "");
	CHECK_STR(container("0::/\n"), "");
	CHECK_STR(container("0::/system.slice/docker.service\n"), "");
	CHECK_STR(container(""), "");
	CHECK_STR(container("garbage without colons"), "");
	CHECK_STR(container("0::/docker/abc\n"), ""); /* too short for an ID */
}

static void test_mountinfo(void)
{
	unsigned long ino = 0;
	char path[256];

	CHECK(np_mountinfo_netns("45 44 0:4 net:[4026532173] /run/netns/np-dev-c rw shared:2 - "
				 "nsfs nsfs rw\n",
				 &ino, path, sizeof(path)) == 1 &&
	      ino == 4026532173UL);
	CHECK_STR(path, "/run/netns/np-dev-c");
	CHECK(np_mountinfo_netns("612 29 0:4 net:[4026532290] /run/docker/netns/1a2b3c4d5e6f rw - "
				 "nsfs nsfs rw",
				 &ino, path, sizeof(path)) == 1 &&
	      ino == 4026532290UL);
	CHECK_STR(path, "/run/docker/netns/1a2b3c4d5e6f");
	CHECK(np_mountinfo_netns("50 44 0:4 net:[4026532999] /run/my\\040ns rw - nsfs nsfs rw",
				 &ino, path, sizeof(path)) == 1);
	CHECK_STR(path, "/run/my ns");
	CHECK(np_mountinfo_netns("51 44 0:4 mnt:[4026532000] /run/x rw - nsfs nsfs rw", &ino, path,
				 sizeof(path)) == 0);
	CHECK(np_mountinfo_netns("22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw", &ino,
				 path, sizeof(path)) == 0);
	CHECK(np_mountinfo_netns("45 44 0:4 net:[4026532173] /run/netns/x rw shared:2", &ino, path,
				 sizeof(path)) == 0);
	CHECK(np_mountinfo_netns("45 44 0:4 net:[] /x rw - nsfs nsfs rw", &ino, path,
				 sizeof(path)) == 0);
	CHECK(np_mountinfo_netns("", &ino, path, sizeof(path)) == 0);
}

static void test_stat_flags(void)
{
	unsigned long flags = 0;
	CHECK(np_proc_stat_flags("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0\n", &flags) == 0 &&
	      flags == 2129984);
	/* A comm with spaces and ')' in it. */
	CHECK(np_proc_stat_flags("123 (a) b) c) S 1 2 3 4 5 64 0\n", &flags) == 0 && flags == 64);
	CHECK(np_proc_stat_flags("garbage", &flags) == -EINVAL);
	CHECK(np_proc_stat_flags("1 (x) S 1 2", &flags) == -EINVAL);
}

static void test_fit(void)
{
	static const char *const ifs[] = {"lo", "eth0", "veth1", "veth2"};
	static const char *const one[] = {"averyveryverylongname"};
	static const char *const two[] = {"averyveryverylongname", "x"};
	char buf[64];

	np_fit_list(ifs, 4, 15, buf, sizeof(buf));
	CHECK_STR(buf, "lo, eth0, +2");
	np_fit_list(ifs, 2, 15, buf, sizeof(buf));
	CHECK_STR(buf, "lo, eth0");
	np_fit_list(ifs, 4, 80, buf, sizeof(buf));
	CHECK_STR(buf, "lo, eth0, veth1, veth2");
	np_fit_list(one, 1, 10, buf, sizeof(buf));
	CHECK_STR(buf, "averyvery~");
	np_fit_list(two, 2, 10, buf, sizeof(buf));
	CHECK_STR(buf, "avery~, +1");
	np_fit_list(ifs, 0, 10, buf, sizeof(buf));
	CHECK_STR(buf, "");
	for (size_t w = 0; w < 30; w++) {
		np_fit_list(ifs, 4, w, buf, sizeof(buf));
		CHECK(strlen(buf) <= (w > 5 ? w : 5)); /* "~, +3" is the least it says */
	}
}

int main(void)
{
	test_spec();
	test_tool_pid();
	test_crictl();
	test_cgroup();
	test_mountinfo();
	test_stat_flags();
	test_fit();
	return check_done();
}
