/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure parsers of what namespace discovery reads: the container tools'
 * answers, /proc/PID/cgroup and /proc/self/mountinfo.  No file or process
 * access here (unit-tested with recorded text, fuzzed). */
#ifndef NP_NETNS_PARSE_H
#define NP_NETNS_PARSE_H

#include <stddef.h>

/* `docker|podman inspect -f '{{.State.Pid}}'` output: one decimal number,
 * blanks around it.  0 with *pid set (0 = the container is not running), or
 * -EINVAL when the text is not that. */
int np_netns_tool_pid(const char *out, long *pid);

/* `crictl inspect` JSON: the number at info.pid.  0 with *pid set; -ENOENT
 * when the document has no info.pid (the container is not running);
 * -EINVAL when it is not a JSON object.  Bounded nesting, any bytes. */
int np_netns_crictl_pid(const char *json, size_t n, long *pid);

/* The container a process belongs to, from its /proc/PID/cgroup text (the
 * cgroup v2 line, else any): "docker:ID12", "podman:ID12", "crictl:ID12"
 * (cri-containerd, crio, kubepods), "lxc:NAME", "machine:NAME" (nspawn).
 * IDs are cut to 12 characters, which docker/podman/crictl accept as a
 * prefix.  1 and buf filled, or 0 when no runtime's pattern matches. */
int np_cgroup_container(const char *text, char *buf, size_t len);

/* One /proc/self/mountinfo line: 1 when it is a bind mount of a network
 * namespace (fstype nsfs, root "net:[INODE]"), with *inode and the mount
 * point (octal escapes such as \040 decoded) in path; 0 otherwise. */
int np_mountinfo_netns(const char *line, unsigned long *inode, char *path, size_t len);

/* The flags field (9th) of a /proc/PID/stat line; the command name in
 * parentheses may hold spaces and ')'.  0, or -EINVAL. */
int np_proc_stat_flags(const char *text, unsigned long *flags);

#endif
