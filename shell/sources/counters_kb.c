// SPDX-License-Identifier: GPL-2.0-only
/* Knowledge table: the SNMP counters that mean packet loss, the layer that
 * loses the packet and a one-line meaning (from the kernel reference,
 * section 1; [verified] entries were reproduced on 6.18). */
#include <string.h>

#include "snmp_parse.h"

#define K(g, n, l, m) {g, n, NP_L_##l, m}

static const struct np_counter_info kb[] = {
	/* IPv4 */
	K("Ip", "InHdrErrors", IP,
	  "bad IP header (version, IHL, checksum) or TTL expired on forward"),
	K("Ip", "InAddrErrors", ROUTING, "not for this host and not forwardable (forwarding off)"),
	K("Ip", "InUnknownProtos", IP, "no handler for the L4 protocol (ICMP proto unreachable)"),
	K("Ip", "InDiscards", IP, "input discarded without a header error (memory)"),
	K("Ip", "OutDiscards", NETFILTER,
	  "output discarded: netfilter OUTPUT/POSTROUTING drop (EPERM)"),
	K("Ip", "OutNoRoutes", ROUTING, "no route for a locally sent packet (ENETUNREACH)"),
	K("Ip", "ReasmFails", IP, "fragment reassembly failed (timeout, overlap, ipfrag memory)"),
	K("Ip", "ReasmTimeout", IP, "fragments expired before reassembly (ipfrag_time)"),
	K("Ip", "FragFails", IP, "needed fragmenting but DF set: packet too big for the path MTU"),
	K("IpExt", "InNoRoutes", ROUTING, "no route to the destination (IP_INNOROUTES)"),
	K("IpExt", "InTruncatedPkts", IP, "packet shorter than its IP header says (PKT_TOO_SMALL)"),
	K("IpExt", "InCsumErrors", IP, "bad IP header checksum (IP_CSUM)"),
	K("IpExt", "ReasmOverlaps", IP, "overlapping fragments dropped"),
	K("Icmp", "InErrors", TRANSPORT, "malformed ICMP messages"),
	K("Icmp", "InCsumErrors", TRANSPORT, "bad ICMP checksum (ICMP_CSUM)"),
	K("Icmp", "OutRateLimitGlobal", IP, "ICMP errors suppressed by the global rate limit"),
	K("Icmp", "OutRateLimitHost", IP, "ICMP errors suppressed by icmp_ratelimit"),
	/* TCP */
	K("Tcp", "InErrs", TRANSPORT, "TCP segments received in error (checksum, header)"),
	K("Tcp", "InCsumErrors", TRANSPORT, "bad TCP checksum (TCP_CSUM)"),
	K("Tcp", "RetransSegs", TRANSPORT,
	  "segments retransmitted: loss on the path or at the peer"),
	K("Tcp", "AttemptFails", TRANSPORT, "connect attempts failed (RST or timeout)"),
	K("TcpExt", "ListenOverflows", SOCKET,
	  "SYN or final ACK dropped: accept queue full (app not accepting)"),
	K("TcpExt", "ListenDrops", SOCKET, "connection requests dropped at a listener"),
	K("TcpExt", "TCPReqQFullDrop", SOCKET, "SYN dropped: SYN queue full, no syncookies"),
	K("TcpExt", "TCPReqQFullDoCookies", SOCKET, "SYN queue full: answered with syncookies"),
	K("TcpExt", "TCPBacklogDrop", SOCKET, "socket backlog full while the app held the socket"),
	K("TcpExt", "PFMemallocDrop", SOCKET,
	  "pfmemalloc skb dropped for a normal socket (PFMEMALLOC)"),
	K("TcpExt", "TCPRcvQDrop", SOCKET, "receive queue over rcvbuf: segment dropped"),
	K("TcpExt", "TCPZeroWindowDrop", SOCKET, "segment dropped: receive window was zero"),
	K("TcpExt", "TCPOFODrop", SOCKET, "out-of-order segment dropped (no receive memory)"),
	K("TcpExt", "RcvPruned", SOCKET, "segments pruned from the receive queue (memory)"),
	K("TcpExt", "OfoPruned", SOCKET, "out-of-order queue pruned (memory)"),
	K("TcpExt", "TCPAbortOnMemory", SOCKET, "connections aborted: TCP memory exhausted"),
	K("TcpExt", "TCPWqueueTooBig", SOCKET, "send queue too big: segment not queued"),
	K("TcpExt", "TCPMinTTLDrop", TRANSPORT, "dropped by IP_MINTTL (TCP_MINTTL)"),
	K("TcpExt", "IPReversePathFilter", ROUTING,
	  "reverse-path filter drop (rp_filter), IP_RPFILTER"),
	K("TcpExt", "TCPTimeouts", TRANSPORT, "retransmission timeouts (RTO fired)"),
	K("TcpExt", "TCPLostRetransmit", TRANSPORT, "a retransmission was lost too"),
	K("TcpExt", "TCPSynRetrans", TRANSPORT, "SYN retransmitted: no answer from the peer"),
	K("TcpExt", "TCPAbortOnTimeout", TRANSPORT,
	  "connections aborted after retransmit timeouts"),
	K("TcpExt", "TCPTimeWaitOverflow", TRANSPORT, "TIME_WAIT table full (tcp_max_tw_buckets)"),
	K("TcpExt", "SyncookiesFailed", TRANSPORT, "invalid syncookie in ACK: connection dropped"),
	K("TcpExt", "LockDroppedIcmps", TRANSPORT, "ICMP dropped: socket owned by the user"),
	K("TcpExt", "OutOfWindowIcmps", TRANSPORT, "ICMP for a sequence outside the window"),
	K("TcpExt", "TCPSpuriousRtxHostQueues", QDISC,
	  "retransmit skipped: original still in a local queue"),
	K("TcpExt", "ArpFilter", NEIGHBOR, "ARP reply suppressed by arp_filter"),
	/* UDP */
	K("Udp", "NoPorts", TRANSPORT, "datagrams to a port with no socket (NO_SOCKET)"),
	K("Udp", "InErrors", SOCKET, "datagrams not delivered (mostly receive buffer full)"),
	K("Udp", "RcvbufErrors", SOCKET, "socket receive buffer full (SOCKET_RCVBUFF)"),
	K("Udp", "SndbufErrors", SOCKET, "send buffer full or local ENOBUFS (qdisc/tc) swallowed"),
	K("Udp", "InCsumErrors", TRANSPORT, "bad UDP checksum (UDP_CSUM)"),
	K("Udp", "MemErrors", SOCKET, "udp_mem protocol memory limit hit (PROTO_MEM)"),
	/* IPv6 */
	K("Ip6", "InHdrErrors", IP, "bad IPv6 header or hop limit exceeded"),
	K("Ip6", "InTooBigErrors", IP, "too big to forward (path MTU)"),
	K("Ip6", "InNoRoutes", ROUTING, "no route to the IPv6 destination"),
	K("Ip6", "InAddrErrors", ROUTING, "IPv6 destination not local and not forwardable"),
	K("Ip6", "InUnknownProtos", IP, "no handler for the IPv6 next header"),
	K("Ip6", "InTruncatedPkts", IP, "IPv6 packet shorter than its header says"),
	K("Ip6", "InDiscards", IP, "IPv6 input discarded (e.g. device MTU < 1280, IPv6 disabled)"),
	K("Ip6", "OutDiscards", NETFILTER, "IPv6 output discarded (netfilter drop, no memory)"),
	K("Ip6", "OutNoRoutes", ROUTING, "no route for a locally sent IPv6 packet"),
	K("Ip6", "ReasmFails", IP, "IPv6 reassembly failed"),
	K("Ip6", "FragFails", IP, "IPv6 fragmentation failed"),
	K("Icmp6", "InErrors", TRANSPORT, "malformed ICMPv6 messages"),
	K("Icmp6", "InCsumErrors", TRANSPORT, "bad ICMPv6 checksum"),
	K("Udp6", "NoPorts", TRANSPORT, "IPv6 datagrams to a port with no socket (NO_SOCKET)"),
	K("Udp6", "InErrors", SOCKET, "IPv6 datagrams not delivered (mostly receive buffer full)"),
	K("Udp6", "RcvbufErrors", SOCKET, "socket receive buffer full (SOCKET_RCVBUFF)"),
	K("Udp6", "SndbufErrors", SOCKET, "send buffer full or local ENOBUFS swallowed"),
	K("Udp6", "InCsumErrors", TRANSPORT, "bad UDP checksum over IPv6"),
	K("Udp6", "MemErrors", SOCKET, "udp_mem protocol memory limit hit"),
};

const struct np_counter_info *np_counter_knowledge(const char *group, const char *name)
{
	for (size_t i = 0; i < NP_ARRAY_SIZE(kb); i++)
		if (!strcmp(kb[i].group, group) && !strcmp(kb[i].name, name))
			return &kb[i];
	return NULL;
}
