/* SPDX-License-Identifier: GPL-2.0-only */
/* How a user names a network namespace (-n, `netns`, the probe filter's
 * `netns` term):
 *
 *     -                   the namespace netpath started in
 *     NAME                /run/netns/NAME (what `ip netns add` made)
 *     DIGITS              a /run/netns name if one has that name, else a pid
 *     pid:PID             the namespace of process PID (/proc/PID/ns/net)
 *     inode:N             the namespace with that inode (as `netns` lists it)
 *     /PATH               a netns file: /proc/PID/ns/net, /run/docker/netns/X,
 *                         any bind mount of one (checked to be a network ns)
 *     docker:CONTAINER    the container's process, through `docker inspect`
 *     podman:CONTAINER    the same through `podman inspect`
 *     crictl:ID           the same through `crictl inspect` (info.pid)
 *
 * Parsing is pure (no file, no process: unit-tested and fuzzed);
 * shell/netns.h resolves a parsed spec to an open namespace. */
#ifndef NP_NETNS_SPEC_H
#define NP_NETNS_SPEC_H

#include <stddef.h>

/* Longest spec text (a path), NUL included. */
#define NP_NETNS_SPEC_MAX 512
/* The kernel's PID_MAX_LIMIT: no pid is larger on any configuration. */
#define NP_PID_MAX 4194304

enum np_netns_kind {
	NP_NS_HOME,   /* "-" */
	NP_NS_NAME,   /* /run/netns/NAME */
	NP_NS_NUMBER, /* digits: a name when /run/netns has it, else a pid */
	NP_NS_PID,
	NP_NS_INODE,
	NP_NS_PATH,
	NP_NS_DOCKER,
	NP_NS_PODMAN,
	NP_NS_CRICTL,
};

struct np_netns_spec {
	enum np_netns_kind kind;
	unsigned long num;	       /* PID, NUMBER (as a pid), INODE */
	char value[NP_NETNS_SPEC_MAX]; /* NAME, NUMBER (as typed), PATH, container */
};

/* 0, or -NP_EUSAGE with why saying what is wrong and what is expected. */
int np_netns_spec_parse(const char *text, struct np_netns_spec *s, char *why, size_t len);
/* The canonical text of a spec: parses back to the same spec. */
void np_netns_spec_text(const struct np_netns_spec *s, char *buf, size_t len);
/* "docker", "podman", "crictl" for the container kinds, else NULL. */
const char *np_netns_spec_tool(enum np_netns_kind k);

#endif
