package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.segment.MacAddress;
import java.util.Objects;

/** One virtio NIC of a domain: the broker's MAC, plugged into a segment bridge. */
public record NicAttachment(MacAddress mac, BridgeName bridge) {

    public NicAttachment {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(bridge, "bridge");
    }
}
