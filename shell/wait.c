// SPDX-License-Identifier: GPL-2.0-only
/* Waiting: clock, Ctrl-C flag, sleeps that wake on it (see wait.h). */
#include <errno.h>
#include <time.h>

#include "wait.h"

volatile sig_atomic_t np_sigint;

bool np_interrupted(const struct np_ctx *ctx)
{
	(void)ctx;
	return np_sigint != 0;
}

double np_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int np_sleep(struct np_ctx *ctx, double seconds)
{
	double end = np_now() + seconds;
	for (;;) {
		double left = end - np_now();
		struct timespec ts;
		if (np_interrupted(ctx))
			return -EINTR;
		if (left <= 0)
			return 0;
		if (left > 0.1)
			left = 0.1; /* wake to re-check the flag even if the signal raced */
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
}
