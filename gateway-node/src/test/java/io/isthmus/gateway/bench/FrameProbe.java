package io.isthmus.gateway.bench;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.testsupport.TestNetwork;

/**
 * Which IPv4 packet sizes cross a path unfragmented by the sender: {@code ping -M do} (DF) with payloads that make
 * packets of exactly the size asked. A bridge drops a frame larger than its egress port's MTU silently, so a
 * mismatch shows as lost pings, not as an ICMP "fragmentation needed".
 */
final class FrameProbe {

    private static final int IP_AND_ICMP_HEADERS = 28;
    private static final int SMALLEST = 576;

    private final TestNetwork net;
    private final String ns;
    private final String address;

    FrameProbe(TestNetwork net, String ns, String address) {
        this.net = net;
        this.ns = ns;
        this.address = address;
    }

    boolean crosses(int packetBytes) {
        try {
            net.run(ns, "ping", "-n", "-q", "-c", "2", "-i", "0.2", "-W", "1", "-M", "do", "-s",
                    Integer.toString(packetBytes - IP_AND_ICMP_HEADERS), address);
            return true;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    /** The largest packet up to {@code mtu} bytes that crosses (bisection); 0 if not even 576 bytes do. */
    int largest(int mtu) {
        if (crosses(mtu)) {
            return mtu;
        }
        if (!crosses(SMALLEST)) {
            return 0;
        }
        int good = SMALLEST;
        int bad = mtu;
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            if (crosses(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }
}
