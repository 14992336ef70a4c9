package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.site.HostName;
import java.util.List;
import java.util.Objects;

/** What realises the nodes on the site's hosts: their domains, their disks, their segments and their shaping. */
public record SiteMachinery(List<HostName> hosts, ComputeDriver compute, InstanceStorage storage,
        NodeNetwork network, NicShaping shaping) {

    public SiteMachinery {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(shaping, "shaping");
    }
}
