// SPDX-License-Identifier: GPL-2.0-only
/* The drop-reason knowledge table.  One entry per reason of kernel 6.18
 * (doc: /work/shared/reference section 2), each placed in netpath's layer
 * vocabulary and marked loss or benign.  Benign: housekeeping that must
 * not make the verdict blame the path (a socket closing with data unread,
 * a duplicate segment, ND for another host, LLDP-like frames nobody
 * handles, a tap's own copy). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "reasons.h"

static const struct np_reason_info reasons[] = {
    /* Newer than upstream 6.18.0, both in the running 6.18.44 build: the
     * IPv6 extension-header limit (mainline commit 3744b0964d52, 7.1-rc2
     * network fixes, proposed for the stable series) and a headroom check
     * found in no upstream source (this build's own). */
    {"IPV6_TOO_MANY_EXTHDRS", NP_L_IP, false,
     "The IPv6 packet (or the packet quoted inside an ICMPv6 error) carries more extension "
     "headers than the kernel walks: dropped while parsing the header chain. Added by mainline "
     "commit 3744b0964d52 (\"ipv6: Implement limits on extension header parsing\").",
     "Find the sender stacking headers: tcpdump -i DEV -vv 'ip6' shows the chain; legitimate "
     "stacks stay within a few headers (RFC 8200 4.1), so this is usually crafted traffic; "
     "filter it upstream."},
    {"SKB_RX_HEADROOM", NP_L_LINK, false,
     "A received packet did not have the headroom the receive path needed in front of its "
     "data (to push an encapsulation or metadata header) and it could not be expanded: "
     "dropped where the packet entered the stack. A reason of this kernel build (6.18.44), "
     "not of upstream 6.18.",
     "ethtool -S DEV (allocation failures); the driver and any XDP/tc program that adjusts "
     "headroom (bpf_xdp_adjust_head, bpf_skb_change_head) on DEV."},
    {"NOT_SPECIFIED", NP_L_NONE, false,
     "The kernel freed the packet without naming a reason; the calling function (location) tells "
     "where.",
     "Look at the function: it decides the layer (ip_error: forwarding to a "
     "blackhole/unreachable/prohibit route; do_xdp_generic/veth_xdp_rcv_skb: XDP_DROP)."},
    {"NO_SOCKET", NP_L_TRANSPORT, false,
     "No established/listening socket (or handshake request/child) matched the 4-tuple. TCP "
     "replies RST (Tcp OutRsts), UDP replies ICMP port-unreachable (Udp NoPorts).",
     "ss -ltn/ss -uln for the port; check bind address, netns, VRF (tcp_l3mdev_accept), service "
     "up?"},
    {"SOCKET_CLOSE", NP_L_SOCKET, true, "Data arrived for a socket that is being closed.",
     "Application closed early; check its lifecycle/shutdown order."},
    {"SOCKET_FILTER", NP_L_SOCKET, false,
     "A BPF filter attached to the receiving socket (SO_ATTACH_FILTER / reuseport program) "
     "rejected the packet.",
     "Inspect the application's socket filters (ss -b as root, bpftool prog)."},
    {"SOCKET_RCVBUFF", NP_L_SOCKET, false,
     "Receive queue full: memory charged to the socket exceeds SO_RCVBUF (Udp RcvbufErrors, ss -m "
     "d<N>).",
     "Read faster / more readers (SO_REUSEPORT), raise SO_RCVBUF and net.core.rmem_max."},
    {"UNIX_DISCONNECT", NP_L_SOCKET, true,
     "Datagram/seqpacket queue purged because the socket re-connected or the peer closed.",
     "Application-level; not a network drop."},
    {"UNIX_SKIP_OOB", NP_L_SOCKET, true, "Out-of-band byte skipped by a recv() without MSG_OOB.",
     "Application-level."},
    {"PKT_TOO_SMALL", NP_L_IP, false,
     "Frame shorter than the IP header or than its own total-length field (IpExt InTruncatedPkts); "
     "also too-short L4 headers.",
     "Suspect truncation by NIC/driver, tunnel encapsulation bugs or MTU/MRU mismatch."},
    {"TCP_CSUM", NP_L_TRANSPORT, false,
     "TCP checksum wrong (Tcp InCsumErrors + InErrs, tracepoint tcp:tcp_bad_csum).",
     "Look for corruption on the path or RX-checksum offload bugs (ethtool -K dev rx off as a "
     "test)."},
    {"UDP_CSUM", NP_L_TRANSPORT, false, "UDP checksum wrong (Udp InCsumErrors + InErrors).",
     "As for TCP_CSUM."},
    {"NETFILTER_DROP", NP_L_NETFILTER, false,
     "A netfilter hook returned DROP: a rule or chain policy, conntrack table full, conntrack "
     "insert clash, NAT failure, ct state invalid drop.",
     "Rule counters (nft list ruleset, iptables -vnL), conntrack -S, nft monitor trace."},
    {"OTHERHOST", NP_L_IP, true,
     "Destination MAC is not ours (interface in promiscuous mode or flooded by a bridge); counted "
     "in rx_otherhost_dropped before Ip InReceives.",
     "Normally harmless with promisc/bridges; otherwise look for stale ARP caches or MAC changes "
     "on peers."},
    {"IP_CSUM", NP_L_ROUTING, false,
     "IPv4 header checksum wrong (Ip InHdrErrors + IpExt InCsumErrors).",
     "Path corruption or NIC problem; compare with rx_crc_errors."},
    {"IP_INHDR", NP_L_IP, false,
     "Malformed IP header (version, IHL, length) or TTL expired while forwarding (Ip InHdrErrors, "
     "ICMP time-exceeded sent).",
     "For TTL: look for a routing loop (traceroute); otherwise find the malformed sender."},
    {"IP_RPFILTER", NP_L_ROUTING, false,
     "Reverse-path validation failed (strict: reply route uses another interface; loose: no route "
     "to the source at all). TcpExt IPReversePathFilter.",
     "Check rp_filter (effective = max(all, iface)), asymmetric routing, policy rules; switch to "
     "loose mode or fix routes."},
    {"UNICAST_IN_L2_MULTICAST", NP_L_IP, false,
     "Unicast IP carried in an L2 broadcast/multicast frame while drop_unicast_in_l2_multicast=1.",
     "Check that sysctl and the sender's MAC choice."},
    {"XFRM_POLICY", NP_L_ROUTING, false,
     "IPsec policy check failed (packet should have been protected, or matches a block policy). "
     "See /proc/net/xfrm_stat.",
     "ip xfrm policy, ip xfrm state, xfrm_stat counters."},
    {"IP_NOPROTO", NP_L_IP, false,
     "No handler for this IP protocol number (Ip InUnknownProtos; ICMP protocol-unreachable sent).",
     "Protocol module missing (SCTP, GRE, ESP...) or unexpected traffic."},
    {"PROTO_MEM", NP_L_SOCKET, false,
     "Per-protocol memory limit hit (udp_mem/tcp_mem pages) - Udp MemErrors, TcpExt "
     "TCPMemoryPressures, OFO drops.",
     "Compare /proc/net/sockstat mem with tcp_mem/udp_mem; find sockets with huge queues (ss "
     "-tm)."},
    {"TCP_AUTH_HDR", NP_L_TRANSPORT, false, "TCP-MD5 and TCP-AO options both present or malformed.",
     "Peer authentication configuration."},
    {"TCP_MD5NOTFOUND", NP_L_TRANSPORT, false,
     "MD5 signature expected but missing (TcpExt TCPMD5NotFound).",
     "BGP/peer password configuration mismatch."},
    {"TCP_MD5UNEXPECTED", NP_L_TRANSPORT, false,
     "MD5 signature present but no key configured (TCPMD5Unexpected).", "Same."},
    {"TCP_MD5FAILURE", NP_L_TRANSPORT, false, "MD5 signature wrong (TCPMD5Failure).",
     "Same; check both keys."},
    {"TCP_AONOTFOUND", NP_L_TRANSPORT, false, "TCP-AO required but absent (TCPAORequired).",
     "TCP-AO key configuration."},
    {"TCP_AOUNEXPECTED", NP_L_TRANSPORT, false, "TCP-AO present but not expected.", "Same."},
    {"TCP_AOKEYNOTFOUND", NP_L_TRANSPORT, false, "Unknown TCP-AO key id (TCPAOKeyNotFound).",
     "Same."},
    {"TCP_AOFAILURE", NP_L_TRANSPORT, false, "TCP-AO MAC wrong (TCPAOBad).", "Same."},
    {"SOCKET_BACKLOG", NP_L_SOCKET, false,
     "Socket was locked by the application and its backlog exceeded the limit (TcpExt "
     "TCPBacklogDrop).",
     "App thread holds the socket too long or buffers too small; check app CPU and ss -tm."},
    {"TCP_FLAGS", NP_L_TRANSPORT, true,
     "Illegal flag combination (e.g. SYN+FIN to a listener - verified here).",
     "Scanner or broken stack; usually informational."},
    {"TCP_ABORT_ON_DATA", NP_L_SOCKET, false,
     "Data arrived after the application closed; connection reset (TCPAbortOnData).",
     "Application closes while the peer still sends."},
    {"TCP_ZEROWINDOW", NP_L_SOCKET, false,
     "Data arrived while our advertised window was zero (TCPZeroWindowDrop).",
     "Receiver not reading: check Recv-Q in ss -tn."},
    {"TCP_OLD_DATA", NP_L_TRANSPORT, true,
     "Segment entirely already received (peer retransmitted; DelayedACKLost).",
     "Benign; hints at lost ACKs or spurious RTOs on the peer."},
    {"TCP_OVERWINDOW", NP_L_TRANSPORT, false,
     "Segment starts beyond the right edge of our receive window.",
     "Peer or middlebox ignores window; check window-rewriting devices."},
    {"TCP_OFOMERGE", NP_L_TRANSPORT, true, "Out-of-order data we already hold (TCPOFOMerge).",
     "Benign duplicate."},
    {"TCP_RFC7323_PAWS", NP_L_TRANSPORT, false,
     "Timestamp older than the last one seen (PAWS; PAWSEstab/PAWSActive).",
     "Several hosts behind one NAT, or peers randomising timestamps."},
    {"TCP_RFC7323_PAWS_ACK", NP_L_TRANSPORT, true, "Old ACK rejected by PAWS (PAWSOldAck).",
     "Usually reordering; benign."},
    {"TCP_RFC7323_TW_PAWS", NP_L_TRANSPORT, false,
     "TIME_WAIT socket rejected a segment by PAWS (PAWSTimewait).",
     "Client port reuse behind NAT; check tcp_tw_reuse, NAT."},
    {"TCP_RFC7323_TSECR", NP_L_TRANSPORT, false,
     "Echoed timestamp (TSecr) invalid (TSEcrRejected).", "Peer/middlebox timestamp bug."},
    {"TCP_LISTEN_OVERFLOW", NP_L_SOCKET, false,
     "Handshake-completing ACK arrived while the accept queue was full (ListenOverflows). Plain "
     "SYNs dropped for the same reason are NOT reported (they are consumed).",
     "Raise listen() backlog and somaxconn; make the app accept faster."},
    {"TCP_OLD_SEQUENCE", NP_L_TRANSPORT, true, "Sequence number entirely old (duplicate).",
     "Benign unless frequent."},
    {"TCP_INVALID_SEQUENCE", NP_L_TRANSPORT, false,
     "Start sequence outside the acceptable window (TcpExt BeyondWindow).",
     "Desynchronised peer, NAT/LB mixing flows."},
    {"TCP_INVALID_END_SEQUENCE", NP_L_TRANSPORT, false,
     "End of segment outside the acceptable window (BeyondWindow).", "Same."},
    {"TCP_INVALID_ACK_SEQUENCE", NP_L_TRANSPORT, false,
     "ACK number not between snd_una and snd_nxt.", "Desynchronised peer/middlebox."},
    {"TCP_RESET", NP_L_TRANSPORT, true,
     "RST not acceptable (out of window; a challenge ACK is sent, TCPChallengeACK).",
     "Stale RSTs or spoofing; usually benign."},
    {"TCP_INVALID_SYN", NP_L_TRANSPORT, true,
     "Unexpected SYN on a synchronised connection (TCPSYNChallenge).",
     "Peer restarted with same 4-tuple; usually benign."},
    {"TCP_CLOSE", NP_L_TRANSPORT, true, "Segment for a socket already in CLOSE state.",
     "Late packets after teardown."},
    {"TCP_FASTOPEN", NP_L_TRANSPORT, false, "Dropped by a TCP Fast Open request socket.",
     "Check TFO settings (tcp_fastopen)."},
    {"TCP_OLD_ACK", NP_L_TRANSPORT, true, "Old but in-window ACK.", "Benign."},
    {"TCP_TOO_OLD_ACK", NP_L_TRANSPORT, true, "ACK far too old.", "Benign unless frequent."},
    {"TCP_ACK_UNSENT_DATA", NP_L_TRANSPORT, false, "ACK for data never sent.",
     "Desync/spoofing; check middleboxes."},
    {"TCP_OFO_QUEUE_PRUNE", NP_L_SOCKET, false,
     "Out-of-order queue pruned under memory pressure (OfoPruned, PruneCalled).",
     "Receiver memory too small for the BDP; raise tcp_rmem max, check tcp_mem."},
    {"TCP_OFO_DROP", NP_L_SOCKET, true,
     "Out-of-order segment whose data is already in the receive queue.", "Benign duplicate."},
    {"IP_OUTNOROUTES", NP_L_ROUTING, false,
     "Output route lookup failed for a packet of an existing socket (Ip OutNoRoutes).",
     "Routes or rules changed under a live connection."},
    {"BPF_CGROUP_EGRESS", NP_L_SOCKET, false,
     "cgroup-skb egress BPF program refused the packet (app sees EPERM).", "bpftool cgroup tree."},
    {"IPV6DISABLED", NP_L_IP, false, "IPv6 disabled on the device (disable_ipv6).",
     "Check the sysctl."},
    {"NEIGH_CREATEFAIL", NP_L_NEIGHBOR, false,
     "Could not create a neighbour entry (table above gc_thresh3; \"neighbor table overflow\" in "
     "dmesg; table_fulls).",
     "Raise gc_thresh1-3, look for scans/huge L2 domains."},
    {"NEIGH_FAILED", NP_L_NEIGHBOR, false,
     "Resolution failed (entry FAILED); queued packets freed.",
     "Is the next hop alive/on that L2? VLAN, ARP filtering, arp_ignore on the peer."},
    {"NEIGH_QUEUEFULL", NP_L_NEIGHBOR, false,
     "Per-entry queue of packets waiting for resolution full (unres_qlen_bytes); arp_cache "
     "unresolved_discards.",
     "Same as NEIGH_FAILED; raise the queue only if resolution is merely slow."},
    {"NEIGH_DEAD", NP_L_NEIGHBOR, false, "Entry being destroyed (flush, device down).",
     "Check link flaps / neighbour flushes."},
    {"NEIGH_HH_FILLFAIL", NP_L_NEIGHBOR, false, "Building the cached L2 header failed.",
     "Rare; device/driver state."},
    {"TC_EGRESS", NP_L_TC, false, "tc/tcx egress filter or BPF program returned drop (\"shot\").",
     "tc -s filter show dev X egress, bpftool net."},
    {"SECURITY_HOOK", NP_L_SOCKET, false,
     "A Linux Security Module rejected the packet at the socket.",
     "Audit log (AVC denials), LSM policy."},
    {"QDISC_DROP", NP_L_QDISC, false,
     "Qdisc refused to enqueue (queue limit). Verified for tbf and htb+pfifo leaves.",
     "tc -s qdisc/class: drops, overlimits, backlog; shaping rate, burst, limit."},
    {"QDISC_OVERLIMIT", NP_L_QDISC, false,
     "Qdisc instance exceeded its total buffer limit (used by some qdiscs).",
     "Same; raise limit or reduce offered load."},
    {"QDISC_CONGESTED", NP_L_QDISC, false,
     "AQM (CoDel/PIE/RED-like) chose to drop because of standing queue.",
     "Expected under congestion; check bottleneck rate."},
    {"CAKE_FLOOD", NP_L_QDISC, false, "CAKE flood protection (BLUE) dropped.",
     "Unresponsive flow saturating the link."},
    {"FQ_BAND_LIMIT", NP_L_QDISC, false, "fq qdisc per-band limit reached.",
     "tc -s qdisc fq stats; band limits."},
    {"FQ_HORIZON_LIMIT", NP_L_QDISC, false,
     "fq: packet departure time too far in the future (horizon).",
     "Application pacing/EDT timestamps wrong."},
    {"FQ_FLOW_LIMIT", NP_L_QDISC, false, "fq per-flow packet limit reached.",
     "Raise flow_limit or find the bulk flow."},
    {"CPU_BACKLOG", NP_L_SOFTIRQ, false,
     "Per-CPU backlog full (netdev_max_backlog) or RPS flow limit hit; softnet_stat col 2 (and col "
     "11). Happens before taps.",
     "Raise netdev_max_backlog, spread RPS, find the hot CPU."},
    {"XDP", NP_L_XDP, false,
     "Drop on an XDP input path (e.g. failed redirect). XDP_DROP itself showed up as NOT_SPECIFIED "
     "here.",
     "bpftool net, ip -d link (xdp), xdp tracepoints."},
    {"TC_INGRESS", NP_L_TC, false, "tc/tcx ingress filter or BPF program returned drop (verified).",
     "tc -s filter show dev X ingress, bpftool net."},
    {"UNHANDLED_PROTO", NP_L_LINK, true,
     "No protocol handler for the ethertype; rx_dropped +1 (verified with 0x88b5).",
     "Usually harmless (LLDP, etc.); explains mysterious rx_dropped."},
    {"SKB_CSUM", NP_L_LINK, false, "Software checksum computation failed.",
     "Driver/offload bug; capture location."},
    {"SKB_GSO_SEG", NP_L_LINK, false, "GSO segmentation failed.",
     "Offload/feature mismatch; ethtool -k."},
    {"SKB_BAD_GSO", NP_L_LINK, false,
     "A GSO packet whose metadata is invalid or malicious (gso_size, segment count or the "
     "virtio-net header do not fit the payload) was refused instead of being segmented "
     "(6.12 stable and later).",
     "The sender is a VM or tun/tap user with a broken virtio-net header, or a crafted packet: "
     "ethtool -k DEV; the VMM's offload settings."},
    {"SKB_UCOPY_FAULT", NP_L_SOCKET, false, "Copy from user memory failed (tun/tap, zerocopy).",
     "Application buffer problem."},
    {"DEV_HDR", NP_L_LINK, false,
     "Driver-specific header/metadata invalid (e.g. virtio-net header on tun/tap).",
     "VMM / tap user bug."},
    {"DEV_READY", NP_L_LINK, false, "Device not ready (not UP, tun queue not attached).",
     "Check link/admin state and the tap owner."},
    {"FULL_RING", NP_L_LINK, false, "Ring buffer full (tun/tap, veth ptr_ring...).",
     "Consumer too slow; bigger ring or faster consumer."},
    {"NOMEM", NP_L_NONE, false, "Memory allocation failed.",
     "Check memory pressure, /proc/net/sockstat."},
    {"HDR_TRUNC", NP_L_IP, false,
     "Could not pull the needed header bytes (packet too short or frag layout).",
     "Malformed packets or driver issue."},
    {"TAP_FILTER", NP_L_LINK, false, "eBPF filter attached to tun/tap (TUNSETFILTEREBPF) dropped.",
     "Inspect the VMM's tap filter."},
    {"TAP_TXFILTER", NP_L_LINK, false, "tun/tap TX address filter dropped.", "Same."},
    {"ICMP_CSUM", NP_L_TRANSPORT, false, "ICMP checksum wrong (Icmp InCsumErrors).",
     "Path corruption."},
    {"INVALID_PROTO", NP_L_TRANSPORT, true,
     "Packet violates protocol rules (e.g. broadcast ICMP timestamp).", "Informational."},
    {"IP_INADDRERRORS", NP_L_ROUTING, false,
     "Host unreachable on input, e.g. forwarding disabled on this box (Ip InAddrErrors; verified "
     "with ip_forward=0).",
     "Enable forwarding (ip_forward, per-iface forwarding) or fix the destination."},
    {"IP_INNOROUTES", NP_L_ROUTING, false,
     "No route for a packet to be forwarded (IpExt InNoRoutes; ICMP net-unreachable; verified).",
     "Add route / check policy rules (ip route get ... iif)."},
    {"IP_LOCAL_SOURCE", NP_L_ROUTING, false,
     "Source address is one of our own (verified); allowed only with accept_local.",
     "Loop or spoofing; check bridging loops/VRRP."},
    {"IP_INVALID_SOURCE", NP_L_ROUTING, false,
     "Source is multicast/broadcast/zero (martian; verified).", "log_martians; find the sender."},
    {"IP_LOCALNET", NP_L_ROUTING, false,
     "127/8 used as source or destination on a non-loopback device (verified).",
     "route_localnet only if intended."},
    {"IP_INVALID_DEST", NP_L_ROUTING, false, "Destination invalid, e.g. 0.0.0.0 (verified).",
     "Find the sender."},
    {"PKT_TOO_BIG", NP_L_IP, false,
     "Packet larger than the egress MTU with DF set (Ip FragFails, ICMP frag-needed sent; "
     "verified), or too big after reassembly.",
     "MTU mismatch; make sure ICMP \"frag needed\" reaches senders; clamp MSS."},
    {"DUP_FRAG", NP_L_IP, true, "Duplicate fragment.",
     "Benign unless frequent; path duplicating packets."},
    {"FRAG_REASM_TIMEOUT", NP_L_IP, false,
     "Reassembly did not complete within ipfrag_time (ReasmTimeout, ReasmFails; verified).",
     "Fragments lost upstream; avoid fragmentation (PMTU, MSS)."},
    {"FRAG_TOO_FAR", NP_L_IP, false, "Fragment too far out of order (ipfrag_max_dist).",
     "Heavy reordering; raise or zero ipfrag_max_dist."},
    {"TCP_MINTTL", NP_L_TRANSPORT, false,
     "TTL/hop limit below IP_MINTTL / IPV6_MINHOPCOUNT (GTSM; TCPMinTTLDrop).",
     "Peer further away than configured."},
    {"IPV6_BAD_EXTHDR", NP_L_IP, false, "Bad IPv6 extension header.", "Malformed sender."},
    {"IPV6_NDISC_FRAG", NP_L_NEIGHBOR, false, "Fragmented ND message (suppressed).",
     "Malformed ND."},
    {"IPV6_NDISC_HOP_LIMIT", NP_L_NEIGHBOR, true, "ND message hop limit not 255.",
     "Off-link ND (spoofing?)."},
    {"IPV6_NDISC_BAD_CODE", NP_L_NEIGHBOR, false, "Invalid ICMPv6 code in ND.", "Malformed ND."},
    {"IPV6_NDISC_BAD_OPTIONS", NP_L_NEIGHBOR, false, "Invalid ND options.", "Malformed ND."},
    {"IPV6_NDISC_NS_OTHERHOST", NP_L_NEIGHBOR, true,
     "Neighbour Solicitation for an address we do not own.", "Normal on shared segments."},
    {"QUEUE_PURGE", NP_L_SOCKET, true,
     "Bulk free of a whole queue (socket closed/reset with data queued, device queue flushed). "
     "Seen here at tcp_disconnect / sk_stream_kill_queues.",
     "Usually not a network loss; check if apps close with unread data."},
    {"TC_COOKIE_ERROR", NP_L_TC, false, "Error handling a tc extended cookie.",
     "tc configuration."},
    {"PACKET_SOCK_ERROR", NP_L_NONE, true,
     "An AF_PACKET socket could not take its copy (buffer/ring full, error). Only the tap copy is "
     "lost (tcpdump \"dropped by kernel\").",
     "Bigger capture buffer (tcpdump -B), tighter filter."},
    {"TC_CHAIN_NOTFOUND", NP_L_TC, false, "tc \"goto chain\" to a missing chain.",
     "Fix the tc chain config."},
    {"TC_RECLASSIFY_LOOP", NP_L_TC, false, "tc reclassify loop limit exceeded.",
     "Fix the tc filter loop."},
    {"VXLAN_INVALID_HDR", NP_L_LINK, false, "VXLAN header invalid (reserved bits, I flag).",
     "Peer VXLAN implementation."},
    {"VXLAN_VNI_NOT_FOUND", NP_L_LINK, false, "No VXLAN device for the VNI.",
     "VNI/port configuration."},
    {"MAC_INVALID_SOURCE", NP_L_LINK, false, "Invalid source MAC (zero/multicast).",
     "Find the sender."},
    {"VXLAN_ENTRY_EXISTS", NP_L_LINK, false, "Attempt to move a static or nexthop FDB entry.",
     "FDB configuration."},
    {"NO_TX_TARGET", NP_L_LINK, false,
     "No target to transmit to (e.g. VXLAN without remote/FDB entry).",
     "bridge fdb show dev vxlanX."},
    {"IP_TUNNEL_ECN", NP_L_ROUTING, false, "ECN decapsulation rules (RFC 6040) require a drop.",
     "Outer/inner ECN marking mismatch."},
    {"TUNNEL_TXINFO", NP_L_LINK, false,
     "Packet without tunnel metadata hit a collect-metadata (\"external\") tunnel device.",
     "BPF/OVS must set tunnel key."},
    {"LOCAL_MAC", NP_L_LINK, false, "Source MAC equals our own device MAC (loop).", "L2 loop."},
    {"ARP_PVLAN_DISABLE", NP_L_NEIGHBOR, false,
     "Non-IP packet would go back out its ingress device and proxy_arp_pvlan is off.",
     "Check proxy ARP settings."},
    {"MAC_IEEE_MAC_CONTROL", NP_L_BRIDGE, true,
     "Destination is an IEEE MAC Control address (e.g. pause frames).",
     "Flow-control frames; harmless."},
    {"BRIDGE_INGRESS_STP_STATE", NP_L_BRIDGE, false,
     "The bridge port the frame entered by is not in a state that accepts frames (disabled, "
     "listening or blocking): STP holds it, or someone set its state by hand.",
     "bridge -d link show dev PORT (state); with STP off, ip link set dev PORT type "
     "bridge_slave state 3."},
    {"CAN_RX_INVALID_FRAME", NP_L_LINK, false, "Non-conforming CAN frame.", "CAN device/config."},
    {"CANFD_RX_INVALID_FRAME", NP_L_LINK, false, "Non-conforming CAN-FD frame.", "Same."},
    {"CANXL_RX_INVALID_FRAME", NP_L_LINK, false, "Non-conforming CAN-XL frame.", "Same."},
    {"PFMEMALLOC", NP_L_SOCKET, false,
     "Packet allocated from emergency memory reserves reached a socket/path not allowed to use "
     "them (PFMemallocDrop).",
     "Host under severe memory pressure."},
    {"DUALPI2_STEP_DROP", NP_L_QDISC, false, "DualPI2 qdisc step-threshold drop.",
     "L4S queue over threshold."},
    {"PSP_INPUT", NP_L_TRANSPORT, false, "PSP (encryption) input checks failed.",
     "PSP key/policy config."},
    {"PSP_OUTPUT", NP_L_TRANSPORT, false, "PSP output checks failed.", "Same."},
    {"RECURSION_LIMIT", NP_L_LINK, false,
     "Transmit recursion limit on stacked/virtual devices (dead loop).",
     "Tunnel routed into itself; fix routes."},
};

/* Location function -> layer, for NOT_SPECIFIED and reasons this table
 * does not know (newer kernels, subsystem reasons).  First match wins:
 * specific prefixes before general ones. */
struct func_rule {
	const char *prefix;
	bool exact;
	struct np_reason_info info;
};

#define FR(p, ex, l, b, m, n)                                                                      \
	{                                                                                          \
		p, ex,                                                                             \
		{                                                                                  \
			"(by function)", l, b, m, n                                                \
		}                                                                                  \
	}

static const struct func_rule func_rules[] = {
    FR("skb_release_data", true, NP_L_NONE, true,
       "Member of a GRO aggregate freed together with its head skb.",
       "Counted with the head: look at the head's reason in the same window."),
    FR("packet_rcv", false, NP_L_NONE, true, "A packet tap's (tcpdump) copy was dropped.",
       "Only the capture lost it: bigger buffer (tcpdump -B) or a tighter filter."),
    FR("tpacket_rcv", false, NP_L_NONE, true, "A packet tap's (tcpdump) copy was dropped.",
       "Only the capture lost it: bigger buffer (tcpdump -B) or a tighter filter."),
    FR("do_xdp_generic", false, NP_L_XDP, false, "An XDP program dropped the packet (XDP_DROP).",
       "bpftool net; ip -d link show (xdp); the program's own counters."),
    FR("veth_xdp", false, NP_L_XDP, false, "An XDP program on a veth dropped the packet.",
       "bpftool net; ethtool -S DEV (xdp_drops)."),
    FR("bpf_prog_run_generic_xdp", false, NP_L_XDP, false, "An XDP program dropped the packet.",
       "bpftool net; ip -d link show (xdp)."),
    FR("xdp_", false, NP_L_XDP, false, "Dropped on an XDP path.", "bpftool net."),
    FR("sch_handle_ingress", false, NP_L_TC, false, "A tc ingress filter dropped the packet.",
       "tc -s filter show dev DEV ingress; bpftool net."),
    FR("sch_handle_egress", false, NP_L_TC, false, "A tc egress filter dropped the packet.",
       "tc -s filter show dev DEV egress; bpftool net."),
    FR("tcf_", false, NP_L_TC, false, "Dropped by a tc classifier or action.",
       "tc -s filter show dev DEV ingress|egress."),
    FR("tcx_", false, NP_L_TC, false, "Dropped by a tcx BPF program.", "bpftool net."),
    FR("nf_conntrack", false, NP_L_CONNTRACK, false, "Dropped by connection tracking.",
       "conntrack -S (insert_failed, drop, invalid); nf_conntrack_max."),
    FR("nf_ct_", false, NP_L_CONNTRACK, false, "Dropped by connection tracking.",
       "conntrack -S (insert_failed, drop, invalid)."),
    FR("nft_", false, NP_L_NETFILTER, false, "Dropped by an nftables rule or chain policy.",
       "nft list ruleset (rule counters); nft monitor trace."),
    FR("nf_", false, NP_L_NETFILTER, false, "Dropped in a netfilter hook.",
       "nft list ruleset / iptables -vnL (rule counters)."),
    FR("ipt_", false, NP_L_NETFILTER, false, "Dropped by an iptables rule.", "iptables -vnL."),
    FR("enqueue_to_backlog", false, NP_L_SOFTIRQ, false,
       "Per-CPU backlog full (netdev_max_backlog) or RPS flow limit.",
       "softnet dropped; raise net.core.netdev_max_backlog, spread RPS."),
    FR("process_backlog", false, NP_L_SOFTIRQ, false, "Dropped while draining the backlog.",
       "softnet counters."),
    FR("ip_error", true, NP_L_ROUTING, false,
       "A forwarded packet met a blackhole, unreachable or prohibit route (or no forwarding).",
       "ip route get DST from SRC iif DEV; check ip_forward and the route type."),
    FR("ip_route_", false, NP_L_ROUTING, false, "Dropped by the input route lookup.",
       "ip route get DST from SRC iif DEV; rp_filter; policy rules."),
    FR("fib_", false, NP_L_ROUTING, false, "Dropped by the FIB lookup.", "ip route; ip rule."),
    FR("ip_forward", false, NP_L_ROUTING, false, "Dropped on the forward path.",
       "ip_forward sysctl, TTL, MTU of the egress device."),
    FR("ip6_forward", false, NP_L_ROUTING, false, "Dropped on the IPv6 forward path.",
       "forwarding sysctl, hop limit, MTU."),
    FR("ip6_pkt_", false, NP_L_ROUTING, false, "IPv6 route says discard/prohibit.",
       "ip -6 route get DST."),
    FR("neigh_", false, NP_L_NEIGHBOR, false, "Dropped waiting for neighbour resolution.",
       "ip neigh show; is the next hop alive on that link?"),
    FR("__neigh_", false, NP_L_NEIGHBOR, false, "Dropped waiting for neighbour resolution.",
       "ip neigh show."),
    FR("arp_", false, NP_L_NEIGHBOR, false, "Dropped by ARP processing.", "ip neigh; arp_ignore."),
    FR("ndisc_", false, NP_L_NEIGHBOR, false, "Dropped by IPv6 neighbour discovery.",
       "ip -6 neigh."),
    FR("__dev_queue_xmit", false, NP_L_QDISC, false, "Dropped when queueing for transmit.",
       "tc -s qdisc show dev DEV."),
    FR("sch_", false, NP_L_QDISC, false, "Dropped by a qdisc.", "tc -s qdisc show dev DEV."),
    FR("qdisc_", false, NP_L_QDISC, false, "Dropped by a qdisc.", "tc -s qdisc show dev DEV."),
    FR("pfifo_", false, NP_L_QDISC, false, "Dropped by a qdisc.", "tc -s qdisc show dev DEV."),
    FR("fq_", false, NP_L_QDISC, false, "Dropped by the fq/fq_codel qdisc.",
       "tc -s qdisc show dev DEV."),
    FR("udp_queue_rcv", false, NP_L_SOCKET, false, "Dropped at the UDP socket's receive queue.",
       "ss -uam (drops); SO_RCVBUF, net.core.rmem_max."),
    FR("__udp_enqueue", false, NP_L_SOCKET, false, "Dropped at the UDP socket's receive queue.",
       "ss -uam (drops)."),
    FR("udpv6_queue_rcv", false, NP_L_SOCKET, false, "Dropped at the UDP socket's receive queue.",
       "ss -uam (drops)."),
    FR("sk_", false, NP_L_SOCKET, false, "Dropped at a socket.", "ss -tuam for the socket."),
    FR("sock_", false, NP_L_SOCKET, false, "Dropped at a socket.", "ss -tuam for the socket."),
    FR("tcp_", false, NP_L_TRANSPORT, false, "Dropped by TCP.",
       "nstat -az 'Tcp*'; ss -ti for the flow."),
    FR("udp", false, NP_L_TRANSPORT, false, "Dropped by UDP.", "nstat -az 'Udp*'."),
    FR("__udp", false, NP_L_TRANSPORT, false, "Dropped by UDP.", "nstat -az 'Udp*'."),
    FR("icmp", false, NP_L_TRANSPORT, false, "Dropped by ICMP.", "nstat -az 'Icmp*'."),
    FR("raw_", false, NP_L_SOCKET, false, "Dropped at a raw socket.", "ss -wa."),
    FR("unix_", false, NP_L_SOCKET, true, "An AF_UNIX message was dropped (not network traffic).",
       "Application-level."),
    /* Multicast/broadcast for groups this host never joined ends here
     * without a reason: any LAN's mDNS/SSDP chatter, housekeeping. */
    FR("ip_rcv_finish_core", true, NP_L_IP, true,
       "Multicast or broadcast not for this host (no joined group, no multicast routing).",
       "Not loss. If the host should receive it: ip maddr show; multicast routing."),
    FR("ip6_mc_input", true, NP_L_IP, true,
       "IPv6 multicast for a group this host has not joined.",
       "Not loss. If the host should receive it: ip -6 maddr show."),
    FR("ip_rcv", false, NP_L_IP, false, "Dropped by IPv4 header checks.",
       "nstat -az 'Ip*' (InHdrErrors, InAddrErrors)."),
    FR("ip6_rcv", false, NP_L_IP, false, "Dropped by IPv6 header checks.",
       "nstat -az 'Ip6*'; disable_ipv6; device MTU >= 1280."),
    FR("ip_defrag", false, NP_L_IP, false, "Dropped by IPv4 reassembly.",
       "ReasmFails; avoid fragmentation."),
    FR("ip_expire", false, NP_L_IP, false, "Reassembly timed out.", "Fragments lost upstream."),
    FR("ip_", false, NP_L_IP, false, "Dropped in the IPv4 layer.", "nstat -az 'Ip*'."),
    FR("ip6_", false, NP_L_IP, false, "Dropped in the IPv6 layer.", "nstat -az 'Ip6*'."),
    FR("ipv6_", false, NP_L_IP, false, "Dropped in the IPv6 layer.", "nstat -az 'Ip6*'."),
    FR("__netif_receive_skb", false, NP_L_LINK, false,
       "Dropped in the core receive path (no handler, device state).",
       "ip -s link (rx_dropped, rx_nohandler)."),
    FR("netif_", false, NP_L_LINK, false, "Dropped in the core device path.", "ip -s link."),
    FR("dev_", false, NP_L_LINK, false, "Dropped in the core device path.", "ip -s link."),
    FR("veth_", false, NP_L_LINK, false, "Dropped by the veth driver.",
       "ethtool -S DEV; is the peer up?"),
    FR("virtnet_", false, NP_L_LINK, false, "Dropped by the virtio-net driver.",
       "ethtool -S DEV; ring sizes."),
    FR("tun_", false, NP_L_LINK, false, "Dropped by tun/tap.", "Is the tap's reader keeping up?"),
    /* Bridge: br_netfilter first (its own hooks hand bridged IP to
     * iptables; a DROP there is named NETFILTER_DROP by nf_hook_slow and
     * stays netfilter), then the bridge proper: ingress (br_handle_frame),
     * VLAN filtering (br_allowed_ingress), forwarding and flooding to
     * ports that do not forward (br_forward, br_flood), transmit. */
    FR("br_nf_", false, NP_L_BRIDGE, false,
       "Dropped by br_netfilter while handing bridged IP traffic to iptables/ip6tables "
       "(a failed route lookup for the bridged packet, a fragment that could not be handled).",
       "sysctl net.bridge.bridge-nf-call-iptables; iptables -vnxL FORWARD; ip route get DST."),
    FR("br_", false, NP_L_BRIDGE, false,
       "Dropped by the bridge: a port that does not forward (STP state), VLAN filtering, no "
       "port to deliver to.",
       "bridge -d link show (port state); bridge vlan show; bridge fdb show br BR."),
    FR("__br_", false, NP_L_BRIDGE, false, "Dropped by the bridge.",
       "bridge -d link show; bridge vlan show; bridge fdb show br BR."),
    FR("nbp_", false, NP_L_BRIDGE, false, "Dropped by a bridge port.",
       "bridge -d link show; bridge vlan show."),
};

static const struct np_reason_info generic = {
    "(unknown)", NP_L_NONE, false, "Dropped at a kernel function netpath does not classify.",
    "Note the function and look it up in the kernel source."};

size_t np_reason_count(void)
{
	return NP_ARRAY_SIZE(reasons);
}

const struct np_reason_info *np_reason_at(size_t i)
{
	return i < NP_ARRAY_SIZE(reasons) ? &reasons[i] : NULL;
}

const struct np_reason_info *np_reason_lookup(const char *name)
{
	if (!name)
		return NULL;
	if (!strncasecmp(name, "SKB_DROP_REASON_", 16))
		name += 16;
	for (size_t i = 0; i < NP_ARRAY_SIZE(reasons); i++)
		if (!strcasecmp(reasons[i].name, name))
			return &reasons[i];
	return NULL;
}

const struct np_reason_info *np_reason_by_func(const char *func)
{
	if (!func || !*func)
		return NULL;
	for (size_t i = 0; i < NP_ARRAY_SIZE(func_rules); i++) {
		const struct func_rule *r = &func_rules[i];
		size_t n = strlen(r->prefix);
		if (r->exact ? !strcmp(func, r->prefix) : !strncmp(func, r->prefix, n))
			return &r->info;
	}
	return NULL;
}

const struct np_reason_info *np_reason_generic(void)
{
	return &generic;
}

const char *np_reason_tcpdump(const struct np_reason_info *r)
{
	if (!strcmp(r->name, "TC_INGRESS"))
		return "yes: taps run before tc ingress";
	if (!strcmp(r->name, "TC_EGRESS"))
		return "no: taps run after tc egress";
	if (!strcmp(r->name, "PACKET_SOCK_ERROR"))
		return "the capture itself lost the copy (tcpdump reports \"dropped by kernel\")";
	if (!strcmp(r->name, "IP_OUTNOROUTES") || !strcmp(r->name, "BPF_CGROUP_EGRESS"))
		return "no: dropped before the packet reaches a device";
	switch (r->layer) {
	case NP_L_LINK:
		return "receive: no (before taps); transmit: yes (after taps)";
	case NP_L_XDP:
		return "no: XDP runs before taps";
	case NP_L_BRIDGE:
		return "receive: yes on the port the frame entered by (taps run before the "
		       "bridge); no on the bridge device or the egress port";
	case NP_L_SOFTIRQ:
		return "no: the backlog drop happens before taps";
	case NP_L_TC:
		return "receive: yes (taps before tc ingress); transmit: no (taps after tc egress)";
	case NP_L_NETFILTER:
	case NP_L_CONNTRACK:
		return "receive/forward: yes, on the ingress interface; local output: no";
	case NP_L_ROUTING:
		return "receive/forward: yes, on the ingress interface; local output: no";
	case NP_L_NEIGHBOR:
		return "no: packets waiting for ARP/ND never reach the taps";
	case NP_L_QDISC:
		return "no: taps see only packets that left the qdisc";
	case NP_L_IP:
	case NP_L_TRANSPORT:
	case NP_L_SOCKET:
		return "receive: yes (taps run before IP and L4); transmit: no";
	default:
		return "depends on where the function sits";
	}
}
