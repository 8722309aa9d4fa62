// SPDX-License-Identifier: GPL-2.0-only
/* SIGINT, SIGTERM and SIGHUP: see signals.h. */
#include <string.h>

#include "ctx.h"
#include "signals.h"

volatile sig_atomic_t np_stop_requested;
void (*volatile np_sigint_prompt_hook)(void);

static void on_sigint(int sig)
{
	(void)sig;
	if (np_sigint_prompt_hook) {
		np_sigint_prompt_hook();
		return;
	}
	np_sigint = 1;
}

static void on_term(int sig)
{
	(void)sig;
	/* Like Ctrl-C for the running command (its window ends, what was
	 * seen is printed, probes detach), then the session ends. */
	np_stop_requested = 1;
	np_sigint = 1;
}

void np_signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocking read or sleep must return */
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}
