/* SPDX-License-Identifier: GPL-2.0-only */
/* Where playbooks are looked up (doc/DESIGN.md, "Playbooks"):
 * ./playbooks, ~/.config/netpath/playbooks, /etc/netpath/playbooks,
 * $datadir/netpath/playbooks, then the source tree of this build.
 * NETPATH_PLAYBOOKS (colon-separated) is searched first when set (tests,
 * teams with a shared checkout). */
#ifndef NP_SEARCHPATH_H
#define NP_SEARCHPATH_H

#define NP_PLAYBOOK_SUFFIX ".playbook"

/* The i-th directory of the search path, or NULL past the end. */
const char *np_playbook_dir(int i);

#endif
