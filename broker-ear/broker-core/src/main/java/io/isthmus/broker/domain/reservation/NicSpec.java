package io.isthmus.broker.domain.reservation;

import java.util.Optional;

/** A requested NIC: the segment it joins, and optionally a fixed MAC and IPv4 address. */
public record NicSpec(String segment, String mac, String ipv4) {
    public Optional<String> fixedMac() {
        return Optional.ofNullable(mac);
    }
}
