package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.infrastructure.libvirt.LibvirtHosts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The image pool and the instance pool of every host of the site. Both must be defined, active and file-based
 * on every host ({@link #requireAll}, at RMS start). Each use looks the pool up, refreshes it (files appear that
 * libvirt did not create: new catalog images, console logs) and frees it; uses on one host are serialised, since
 * libvirt refuses to refresh a pool while a volume of it is being created.
 */
final class SiteStoragePools {

    /** Pool types whose volumes are files in a target directory (what overlays, seeds and logs need). */
    private static final Set<String> FILE_BASED = Set.of("dir", "fs", "netfs");

    private final LibvirtHosts hosts;
    private final StoragePoolNames names;
    private final Map<HostName, Object> locks = new LinkedHashMap<>();

    SiteStoragePools(LibvirtHosts hosts, StoragePoolNames names) {
        this.hosts = hosts;
        this.names = names;
        hosts.hosts().forEach(host -> locks.put(host, new Object()));
    }

    /**
     * Checks that every host holds both pools, active and file-based, and refreshes them.
     *
     * @throws ComputeException naming the host, the pool, its configuration key and how to define it
     */
    void requireAll() {
        for (HostName host : hosts.hosts()) {
            withImages(host, images -> null);
            withInstances(host, instances -> null);
        }
    }

    List<HostName> hosts() {
        return hosts.hosts();
    }

    StoragePoolNames names() {
        return names;
    }

    <T> T withImages(HostName host, Function<Pool, T> work) {
        synchronized (lock(host)) {
            try (Pool images = open(host, names.images(), "site.imagePool", "the image catalog",
                    "/var/lib/isthmus/images")) {
                return work.apply(images);
            }
        }
    }

    <T> T withInstances(HostName host, Function<Pool, T> work) {
        synchronized (lock(host)) {
            try (Pool instances = open(host, names.instances(), "site.instancePool", "the VMs' own disks",
                    "/var/lib/isthmus/instances")) {
                return work.apply(instances);
            }
        }
    }

    <T> T withBoth(HostName host, BiFunction<Pool, Pool, T> work) {
        return withImages(host, images -> withInstances(host, instances -> work.apply(images, instances)));
    }

    private Object lock(HostName host) {
        Object lock = locks.get(host);
        if (lock == null) {
            throw new InvalidRequestException("host", "host " + host + " is not a host of this site");
        }
        return lock;
    }

    private Pool open(HostName host, String name, String key, String purpose, String exampleDir) {
        String uri = hosts.uri(host);
        Pool pool = Pool.lookup(hosts.connect(host), host, name).orElseThrow(() -> new ComputeException("host "
                + host + " (" + uri + ") has no libvirt storage pool '" + name + "' (" + key + ", " + purpose
                + "): define a directory pool there, e.g. virsh -c '" + uri + "' pool-define-as " + name
                + " dir --target " + exampleDir + ", then pool-build, pool-start and pool-autostart " + name
                + " (docs/rms-real-hosts.md)", "VIR_ERR_NO_STORAGE_POOL", "VIR_FROM_STORAGE", null));
        try {
            if (!pool.isActive()) {
                throw new ComputeException(pool.description() + " (" + key + ", " + purpose + ") is defined but not"
                        + " active: start it, e.g. virsh -c '" + uri + "' pool-start " + name + ", and mark it"
                        + " pool-autostart so it is active after the host reboots", "VIR_ERR_OPERATION_INVALID",
                        "VIR_FROM_STORAGE", null);
            }
            String type = pool.type();
            if (!FILE_BASED.contains(type)) {
                throw new ComputeException(pool.description() + " (" + key + ", " + purpose + ") is of type " + type
                        + ", whose volumes are not files in a directory; define it as a dir (or fs/netfs) pool",
                        "VIR_ERR_CONFIG_UNSUPPORTED", "VIR_FROM_STORAGE", null);
            }
            pool.refresh();
            return pool;
        } catch (RuntimeException e) {
            try {
                pool.close();
            } catch (RuntimeException notFreed) {
                e.addSuppressed(notFreed);
            }
            throw e;
        }
    }
}
