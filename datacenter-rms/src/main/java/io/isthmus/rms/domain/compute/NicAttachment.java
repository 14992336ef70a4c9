package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.segment.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtio NIC of a domain: the broker's MAC, plugged into a segment bridge, and the name its host-side port
 * (the tap) gets when the data plane names it, so that shaping finds the port again after a restart.
 */
public record NicAttachment(MacAddress mac, BridgeName bridge, Optional<VifId> hostPort) {

    public NicAttachment {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(hostPort, "hostPort");
    }

    /** A NIC whose tap the hypervisor names. */
    public NicAttachment(MacAddress mac, BridgeName bridge) {
        this(mac, bridge, Optional.empty());
    }
}
