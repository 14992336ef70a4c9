package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * One NIC of an L1 node: on segment {@code segment} (carried as {@code vni}) with the broker's MAC and, when the
 * broker sent one, the tenant's IPv4 address (validated here, carried as text).
 */
public record NicSpec(String segment, Vni vni, MacAddress mac, Optional<String> ipv4) {

    public NicSpec {
        Names.require(segment, "segment");
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ipv4, "ipv4");
        ipv4.ifPresent(Ipv4Address::new);
    }
}
