package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.Objects;

/** Where an emulated host lives: its network namespace and its own address on the site LAN. */
public record HostUnderlay(HostName host, NamespaceName namespace, Ipv4Address lanAddress) {

    public HostUnderlay {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(lanAddress, "lanAddress");
    }
}
