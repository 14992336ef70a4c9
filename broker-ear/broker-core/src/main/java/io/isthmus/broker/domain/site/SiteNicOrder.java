package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.NicBandwidth;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A NIC a site must create: segment, VNI and MAC, the IPv4 address if fixed (with its segment's prefix length when
 * the segment has a CIDR), and the bandwidth contract its port is shaped to, if any.
 */
public record SiteNicOrder(SegmentName segment, Vni vni, MacAddress mac, Optional<String> ipv4,
                           OptionalInt prefixLength, Optional<NicBandwidth> bandwidth) {
}
