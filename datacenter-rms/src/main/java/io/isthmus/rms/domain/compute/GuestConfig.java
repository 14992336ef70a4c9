package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.reservation.NodeName;
import java.util.List;
import java.util.Objects;

/**
 * What a guest learns about itself at first boot, by the cloud-init NoCloud convention: its instance id (the
 * domain name, unique per reservation and node), its hostname (the node name) and the address of every NIC.
 */
public record GuestConfig(DomainName instanceId, NodeName hostname, List<GuestNic> nics) {

    public GuestConfig {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hostname, "hostname");
        nics = List.copyOf(nics);
    }
}
