/* SPDX-License-Identifier: GPL-2.0-only */
/* Messages written once for any count ("{resets.sent} RST(s) on port 80")
 * read right once the count is known: np_plural() turns each "(s)" into
 * "s", or removes it after a 1, when a number stands a few words before it
 * in the same clause ("1 RST", "9 connection attempts").  An "(s)" with
 * no number before it stays. */
#ifndef NP_PLURAL_H
#define NP_PLURAL_H

/* In place (the text only shrinks). */
void np_plural(char *s);
/* "packet" or "packets" for n. */
const char *np_plural_s(double n);

#endif
