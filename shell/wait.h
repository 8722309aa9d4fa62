/* SPDX-License-Identifier: GPL-2.0-only */
/* Waiting (wait.c): the monotonic clock, the Ctrl-C flag every long
 * operation polls, and sleeps that wake on it.  Known to everything that
 * waits, from commands down to the helper that runs a container tool. */
#ifndef NP_WAIT_H
#define NP_WAIT_H

#include <signal.h>
#include <stdbool.h>

struct np_ctx;

/* Set by SIGINT; commands poll np_interrupted() and return what they have. */
extern volatile sig_atomic_t np_sigint;

bool np_interrupted(const struct np_ctx *ctx);
/* Sleep, waking early on Ctrl-C: 0 or -EINTR. */
int np_sleep(struct np_ctx *ctx, double seconds);
/* Monotonic seconds. */
double np_now(void);

#endif
