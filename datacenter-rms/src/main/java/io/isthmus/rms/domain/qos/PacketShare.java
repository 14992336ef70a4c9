package io.isthmus.rms.domain.qos;

import java.util.List;

/**
 * DBA-VM step 2: the packet-rate cap of each interface. Without a host packet limit it is the contract's
 * cap. With one, the host's packet budget is handed out like bandwidth: measured packet demand (up to
 * the cap) by priority first, then the rest as headroom by priority, never above the contract's cap.
 */
final class PacketShare {

    private PacketShare() {
    }

    static long[] caps(PacketRate hostLimit, List<QosContract> contracts, List<Demand> demands, int[] classOf) {
        int n = contracts.size();
        long[] cap = new long[n];
        for (int i = 0; i < n; i++) {
            cap[i] = contracts.get(i).packetCap().perSecond();
        }
        if (!hostLimit.isLimited()) {
            return cap;
        }
        long[] want = new long[n];
        for (int i = 0; i < n; i++) {
            want[i] = Math.min(demands.get(i).packets().perSecond(), cap[i]);
        }
        long[] granted = PriorityFill.fill(classOf, want, hostLimit.perSecond());
        long[] headroom = new long[n];
        for (int i = 0; i < n; i++) {
            headroom[i] = cap[i] - granted[i];
        }
        long[] extra = PriorityFill.fill(classOf, headroom, hostLimit.perSecond() - PriorityFill.sum(granted));
        for (int i = 0; i < n; i++) {
            granted[i] += extra[i];
        }
        return granted;
    }
}
