package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.NicBandwidth;
import java.util.Optional;

/**
 * A NIC a site must create: segment, VNI and MAC, the IPv4 address if fixed (with its segment's prefix length when
 * the segment has a CIDR), and the bandwidth contract its port is shaped to, if any.
 */
public record SiteNicOrder(String segment, int vni, String mac, String ipv4, Integer prefixLength,
                           Optional<NicBandwidth> bandwidth) {
    public SiteNicOrder {
        bandwidth = bandwidth == null ? Optional.empty() : bandwidth;
    }
}
