// SPDX-License-Identifier: GPL-2.0-only
/* The bounded line reader behind -f, stdin and the history file: whatever
 * the bytes, every line it hands out is text within NP_LINE_MAX, it never
 * reads past its byte budget, and a refusal is one of its statuses. */
#include "fuzz.h"
#include "linereader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct np_linereader r;
	FILE *f;
	size_t budget, bad;
	enum np_lr_status st;
	unsigned long lines = 0;
	char what[160];

	if (size < 1)
		return 0;
	static char none[1];
	budget = (size_t)data[0] * 16; /* budgets small enough to be hit */
	/* fmemopen cannot open 0 bytes: an empty input is one byte consumed */
	f = size > 1 ? fmemopen((void *)(data + 1), size - 1, "r") : fmemopen(none, 1, "r");
	if (!f)
		return 0;
	if (size == 1)
		fgetc(f);
	np_lr_init(&r, f, budget);
	while ((st = np_lr_next(&r)) == NP_LR_LINE) {
		lines++;
		FUZZ_ASSERT(r.len <= NP_LINE_MAX && strlen(r.buf) == r.len);
		FUZZ_ASSERT(np_text_check(r.buf, &bad) == 0);
		FUZZ_ASSERT(!strchr(r.buf, '\n') && (!r.len || r.buf[r.len - 1] != '\r'));
	}
	FUZZ_ASSERT(st == NP_LR_EOF || st == NP_LR_TOOLONG || st == NP_LR_BINARY ||
		    st == NP_LR_TOOMUCH || st == NP_LR_IOERR);
	FUZZ_ASSERT(r.bytes <= budget + 1 && r.bytes <= size);
	FUZZ_ASSERT(r.lineno == lines + 1);
	if (st != NP_LR_EOF) {
		np_lr_describe(&r, st, what, sizeof(what));
		FUZZ_ASSERT(what[0]);
	}
	fclose(f);
	return 0;
}
