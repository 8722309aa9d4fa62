// SPDX-License-Identifier: GPL-2.0-only
/* link_parse + link_show: recorded RTM_NEWLINK messages, stats table,
 * cpumasks, rates and the rendering in text and JSON. */
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixtures_link.h"
#include "link_parse.h"
#include "link_show.h"

/* 8-byte aligned: the parser reads u64 stats from the payload. */
static unsigned long long msgbuf[1024];

static const struct nlmsghdr *load(const char *hex)
{
	check_unhex(hex, (unsigned char *)msgbuf, sizeof(msgbuf));
	return (const struct nlmsghdr *)msgbuf;
}

static void test_parse_veth_xdp(void)
{
	struct np_link_info li;
	CHECK(np_link_parse(load(fx_vrec0_hex), &li) == 0);
	CHECK_STR(li.name, "vrec0");
	CHECK(li.ifindex == 3);
	CHECK(li.mtu == 1400);
	CHECK_STR(li.kind, "veth");
	CHECK_STR(np_link_operstate_name(li.operstate), "up");
	CHECK(li.carrier == 1);
	CHECK(li.flags & 0x1);
	CHECK(li.master == 0);
	CHECK(li.xdp_mode == 2);
	CHECK_STR(np_link_xdp_name(li.xdp_mode), "generic");
	CHECK(li.xdp_prog_id == 115);
	CHECK(li.has_stats);
	CHECK(li.st.rx_packets == 1 && li.st.tx_packets == 1);
	CHECK(li.st.rx_bytes == 90 && li.st.tx_bytes == 90);
	CHECK(li.st.rx_otherhost_dropped == 0 && li.st.rx_nohandler == 0);
	CHECK(li.rx_queues == 2 && li.tx_queues == 2);
	CHECK(!np_link_is_down(&li));
}

static void test_parse_lo_down(void)
{
	struct np_link_info li;
	CHECK(np_link_parse(load(fx_lo_hex), &li) == 0);
	CHECK_STR(li.name, "lo");
	CHECK(li.kind[0] == '\0');
	CHECK_STR(np_link_operstate_name(li.operstate), "down");
	CHECK(!(li.flags & 0x1));
	CHECK(li.xdp_mode == 0);
	CHECK_STR(np_link_xdp_name(li.xdp_mode), "none");
	CHECK(li.mtu == 65536);
	CHECK(np_link_is_down(&li));
}

static void test_parse_rejects(void)
{
	struct np_link_info li;
	struct nlmsghdr *nlh = (struct nlmsghdr *)msgbuf;
	load(fx_vrec0_hex);
	nlh->nlmsg_type = RTM_NEWROUTE;
	CHECK(np_link_parse(nlh, &li) == -EINVAL);
	load(fx_vrec0_hex);
	nlh->nlmsg_len = NLMSG_HDRLEN + 4; /* shorter than ifinfomsg */
	CHECK(np_link_parse(nlh, &li) == -EINVAL);
	CHECK_STR(np_link_operstate_name(99), "unknown");
	CHECK_STR(np_link_xdp_name(4), "multi");
	CHECK_STR(np_link_xdp_name(7), "unknown");
}

static void test_stats_table(void)
{
	struct rtnl_link_stats64 st;
	CHECK(np_link_nstats == 25);
	/* Offsets: write a distinct value through the table, read the struct. */
	for (size_t i = 0; i < np_link_nstats; i++) {
		uint64_t v = 1000 + i;
		memcpy((char *)&st + np_link_stats[i].off, &v, sizeof(v));
	}
	CHECK(st.rx_packets == 1000);
	CHECK(st.rx_missed_errors == 1000 + (uint64_t)np_link_stat_index("rx_missed_errors"));
	CHECK(st.rx_otherhost_dropped == 1024);
	CHECK(st.rx_nohandler == 1023);
	CHECK(np_link_stat_value(&st, (size_t)np_link_stat_index("tx_window_errors")) ==
	      st.tx_window_errors);
	CHECK(np_link_stat_index("bogus") == -1);
	CHECK(np_link_field_known("operstate"));
	CHECK(np_link_field_known("rps_queues"));
	CHECK(np_link_field_known("rx_otherhost_dropped"));
	CHECK(!np_link_field_known("rx_missed"));
}

static void test_cpumask(void)
{
	CHECK(np_cpumask_weight("0") == 0);
	CHECK(np_cpumask_weight("00000000,0000000f\n") == 4);
	CHECK(np_cpumask_weight("ff,00000001") == 9);
	CHECK(np_cpumask_weight("A") == 2);
	CHECK(np_cpumask_weight("") == -1);
	CHECK(np_cpumask_weight("0x3") == -1);
}

static void test_rates(void)
{
	struct rtnl_link_stats64 a = {0}, b = {0};
	struct np_link_rates r;
	char moved[256];
	b.rx_packets = 2000;
	b.rx_bytes = 3000000;
	b.tx_packets = 10;
	b.rx_dropped = 4;
	b.rx_missed_errors = 6;
	b.tx_errors = 2;
	a.tx_bytes = 50; /* counter reset: b < a must not go negative */
	np_link_rates(&a, &b, 2.0, &r);
	CHECK(r.rx_pps == 1000.0);
	CHECK(r.tx_pps == 5.0);
	CHECK(r.rx_bytes_ps == 1500000.0);
	CHECK(r.tx_bytes_ps == 0.0);
	CHECK(r.rx_drop_ps == 5.0); /* dropped + missed, like ip(8) */
	CHECK(r.tx_err_ps == 1.0);
	CHECK(np_link_moved(&a, &b, moved, sizeof(moved)) == 3);
	CHECK_STR(moved, "tx_errors+2 rx_dropped+4 rx_missed_errors+6");
	CHECK(np_link_moved(&a, &a, moved, sizeof(moved)) == 0);
	CHECK_STR(moved, "");
}

/* Render through the emitter into a string. */
static char *render(bool json, void (*fn)(struct np_out *, void *), void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct np_out *o = np_out_new(f, stderr, json, false, false);
	np_out_begin(o, "link");
	fn(o, arg);
	np_out_end(o);
	np_out_free(o);
	fclose(f);
	return buf;
}

static void detail(struct np_out *o, void *arg)
{
	np_open_arr(o, "links");
	np_open_obj(o, NULL);
	np_link_show_detail(o, arg, "br0", NULL, 1);
	np_close_obj(o);
	np_close_arr(o);
}

static void rates(struct np_out *o, void *arg)
{
	struct np_link_info *li = arg, later = li[0];
	later.st.rx_packets += 20;
	later.st.rx_dropped += 3;
	later.st.rx_missed_errors += 1;
	np_link_show_rates(o, li, 1, &later, 1, 2.0);
}

static void table(struct np_out *o, void *arg)
{
	np_link_show_table(o, arg, 2);
}

static void test_render(void)
{
	struct np_link_info li[2];
	char *s;
	np_link_parse(load(fx_vrec0_hex), &li[0]);
	np_link_parse(load(fx_lo_hex), &li[1]);

	s = render(true, detail, &li[0]);
	CHECK(strstr(s, "{\"command\":\"link\",\"links\":[{\"name\":\"vrec0\",\"ifindex\":3,"));
	CHECK(strstr(s, "\"kind\":\"veth\",\"master\":\"br0\""));
	CHECK(strstr(s, "\"operstate\":\"up\",\"admin_up\":true,\"carrier\":1,\"mtu\":1400"));
	CHECK(strstr(s, "\"xdp\":\"generic\",\"xdp_prog_id\":115"));
	CHECK(strstr(s, "\"rps_queues\":1"));
	CHECK(strstr(s, "\"stats64\":{\"rx_bytes\":90,\"rx_packets\":1,"));
	CHECK(strstr(s, "\"rx_otherhost_dropped\":0"));
	CHECK(strstr(s, "\"tx_window_errors\":0"));
	free(s);

	s = render(false, detail, &li[0]);
	CHECK(strstr(s, "vrec0: ifindex 3 kind veth master br0\n"));
	CHECK(strstr(s, "state up  admin up  carrier 1  mtu 1400  xdp generic (prog id 115)\n"));
	CHECK(strstr(s, "RPS on 1 rx queue(s)"));
	CHECK(strstr(s, "missed"));
	free(s);

	s = render(true, rates, li);
	CHECK(strstr(s, "\"interval_s\":2.0,\"links\":[{\"name\":\"vrec0\",\"rx_pps\":10.0,"));
	CHECK(strstr(s, "\"rx_drop_ps\":2.0,"));
	CHECK(strstr(s, "\"moved\":{\"rx_dropped\":3,\"rx_missed_errors\":1}}]}"));
	free(s);
	s = render(false, rates, li);
	CHECK(strstr(s, "rx_dropped+3 rx_missed_errors+1"));
	free(s);

	s = render(true, table, li);
	CHECK(strstr(s, "\"links\":[{\"name\":\"vrec0\",\"operstate\":\"up\",\"carrier\":1,"
			"\"mtu\":1400,\"rx_packets\":1,\"tx_packets\":1,\"rx_dropped\":0,"
			"\"tx_dropped\":0,\"errors\":0,\"xdp\":\"generic\"}"));
	CHECK(strstr(s, "{\"name\":\"lo\",\"operstate\":\"down\""));
	free(s);
	s = render(false, table, li);
	CHECK(strstr(s, "NAME"));
	CHECK(strstr(s, "admin-down"));
	free(s);
}

int main(void)
{
	test_parse_veth_xdp();
	test_parse_lo_down();
	test_parse_rejects();
	test_stats_table();
	test_cpumask();
	test_rates();
	test_render();
	return check_done();
}
