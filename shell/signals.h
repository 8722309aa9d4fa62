/* SPDX-License-Identifier: GPL-2.0-only */
/* Signals: SIGINT ends the running command's window early (np_sigint);
 * SIGTERM and SIGHUP do the same and also stop the session after that
 * command (np_stop_requested), so its output is complete (whole JSON
 * objects), the probes are detached through the normal path and the exit
 * status is the one of what was printed.  No further -c/-f command starts. */
#ifndef NP_SIGNALS_H
#define NP_SIGNALS_H

#include <signal.h>

/* Set by SIGTERM/SIGHUP; never cleared. */
extern volatile sig_atomic_t np_stop_requested;

/* Called from the SIGINT handler instead of interrupting when set: the
 * REPL sets it while readline waits at the prompt (Ctrl-C clears the
 * line there).  Must be async-signal tolerant. */
extern void (*volatile np_sigint_prompt_hook)(void);

void np_signals_install(void);

#endif
