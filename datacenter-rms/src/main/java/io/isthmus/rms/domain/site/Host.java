package io.isthmus.rms.domain.site;

import java.util.Objects;

/**
 * One L0 host: its total capacity (cores, memory, disk, and the link bandwidth its VMs' NIC contracts may
 * guarantee) and whether it can run nested virtualisation.
 */
public record Host(HostName name, Resources total, boolean nestedVirtualization) {

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(total, "total");
    }
}
