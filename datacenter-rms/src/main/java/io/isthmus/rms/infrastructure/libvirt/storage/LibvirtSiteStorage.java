package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.libvirt.LibvirtHosts;

/**
 * The storage side of a libvirt site, opened once at RMS start over the hosts' shared connections: the VMs' own
 * disks ({@link LibvirtInstanceStorage}) and the image catalog ({@link LibvirtImageCatalog}), on the same pools.
 */
public final class LibvirtSiteStorage {

    private final LibvirtInstanceStorage instances;
    private final LibvirtImageCatalog catalog;

    private LibvirtSiteStorage(SiteStoragePools pools, CommandRunner runner) {
        this.instances = new LibvirtInstanceStorage(pools, runner);
        this.catalog = new LibvirtImageCatalog(pools);
    }

    /**
     * Checks that every host holds both pools, defined, active and file-based, and refreshes them.
     *
     * @param runner runs {@code genisoimage} for the NoCloud seeds
     * @throws io.isthmus.rms.domain.compute.ComputeException naming the first host and pool that is missing or
     *         inactive, its configuration key and how to define it
     */
    public static LibvirtSiteStorage open(LibvirtHosts hosts, StoragePoolNames names, CommandRunner runner) {
        SiteStoragePools pools = new SiteStoragePools(hosts, names);
        pools.requireAll();
        return new LibvirtSiteStorage(pools, runner);
    }

    public LibvirtInstanceStorage instances() {
        return instances;
    }

    public LibvirtImageCatalog catalog() {
        return catalog;
    }
}
