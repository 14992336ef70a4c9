package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import java.util.Objects;
import java.util.Optional;

/** One NIC as the guest configures it: matched by the broker's MAC, with the tenant's address when it has one. */
public record GuestNic(MacAddress mac, Optional<Ipv4Interface> address) {

    public GuestNic {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(address, "address");
    }
}
