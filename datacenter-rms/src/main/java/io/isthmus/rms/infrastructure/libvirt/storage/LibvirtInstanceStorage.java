package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link InstanceStorage} on each host's libvirt storage pools: the overlay {@code <domain>.qcow2} is created by
 * libvirt on the catalog image as its read-only backing file, the seed {@code <domain>.seed.iso} is uploaded
 * through a libvirt stream (so a remote host needs nothing but its libvirtd), and the console log
 * {@code <domain>.console.log} is left for libvirt's virtlogd to write. Everything goes into the instance pool.
 */
public final class LibvirtInstanceStorage implements InstanceStorage {

    private static final Logger LOG = System.getLogger(LibvirtInstanceStorage.class.getName());
    private static final long GIB = 1024L * 1024 * 1024;

    private final SiteStoragePools pools;
    private final SeedIso seedIso;

    LibvirtInstanceStorage(SiteStoragePools pools, CommandRunner runner) {
        this.pools = pools;
        this.seedIso = new SeedIso(runner);
    }

    @Override
    public InstanceDisks prepare(HostName host, DomainName domain, ImageRef image, int diskGib, GuestConfig guest) {
        if (diskGib < 1) {
            throw new InvalidRequestException("diskGib", "node " + guest.hostname() + ": diskGib " + diskGib
                    + " must be at least 1");
        }
        InstanceFiles files = new InstanceFiles(domain);
        return pools.withBoth(host, (images, instances) -> {
            CatalogImage base = CatalogImage.find(images, image).orElseThrow(() -> notInCatalog(guest, image,
                    images));
            if (base.virtualSize() > diskGib * GIB) {
                throw new InvalidRequestException("diskGib", "node " + guest.hostname() + ": image " + image + " in "
                        + images.description() + " has a virtual size of " + gib(base.virtualSize())
                        + " GiB, more than the node's diskGib " + diskGib + "; ask for at least "
                        + (base.virtualSize() + GIB - 1) / GIB + " GiB");
            }
            Path overlay = overlay(instances, files, diskGib, base);
            Path seed = seed(instances, files, NoCloudSeed.of(guest));
            Path consoleLog = instances.targetPath().resolve(files.consoleLog());
            return new InstanceDisks(overlay, seed, consoleLog, base.kernel());
        });
    }

    @Override
    public void delete(HostName host, DomainName domain) {
        InstanceFiles files = new InstanceFiles(domain);
        pools.withInstances(host, instances -> {
            for (String name : instances.volumeNames()) {
                if (files.owns(name)) {
                    instances.volume(name).ifPresent(volume -> {
                        try (volume) {
                            volume.delete();
                        }
                    });
                    LOG.log(Level.INFO, "deleted {0} of domain {1} on host {2}", name, domain, host);
                }
            }
            return null;
        });
    }

    @Override
    public Set<DomainName> present(HostName host) {
        return pools.withInstances(host, instances -> instances.volumeNames().stream().map(InstanceFiles::owner)
                .flatMap(Optional::stream).collect(Collectors.toCollection(() -> new TreeSet<>(
                        (a, b) -> a.value().compareTo(b.value())))));
    }

    @Override
    public Optional<String> consoleTail(HostName host, DomainName domain, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " must be positive");
        }
        String name = new InstanceFiles(domain).consoleLog();
        return pools.withInstances(host, instances -> instances.volume(name).map(log -> {
            try (log) {
                long size = log.capacity();
                long length = Math.min(size, maxBytes);
                return length == 0 ? "" : new String(log.download(size - length, length), StandardCharsets.UTF_8);
            }
        }));
    }

    private static Path overlay(Pool instances, InstanceFiles files, int diskGib, CatalogImage base) {
        Optional<Volume> existing = instances.volume(files.overlay());
        if (existing.isPresent()) {
            try (Volume overlay = existing.get()) {
                return overlay.path();
            }
        }
        try (Volume overlay = instances.create(files.overlay(),
                VolumeXml.overlay(files.overlay(), diskGib * GIB, base.path(), base.format()))) {
            LOG.log(Level.INFO, "created overlay {0} ({1} GiB on {2})", overlay.path(), diskGib, base.path());
            return overlay.path();
        }
    }

    private Path seed(Pool instances, InstanceFiles files, NoCloudSeed seed) {
        Optional<Volume> existing = instances.volume(files.seed());
        if (existing.isPresent()) {
            try (Volume current = existing.get()) {
                byte[] descriptor = current.capacity() < SeedIso.DESCRIPTOR_OFFSET + SeedIso.DESCRIPTOR_LENGTH
                        ? new byte[0] : current.download(SeedIso.DESCRIPTOR_OFFSET, SeedIso.DESCRIPTOR_LENGTH);
                if (SeedIso.fingerprint(descriptor).filter(seed.fingerprint()::equals).isPresent()) {
                    return current.path();
                }
                Path stale = current.path();
                current.delete();
                LOG.log(Level.INFO, "seed {0} tells the guest something else than it should be told; rewriting it",
                        stale);
            }
        }
        byte[] iso = seedIso.build(seed, files.domain().value());
        try (Volume created = instances.create(files.seed(), VolumeXml.raw(files.seed(), iso.length))) {
            created.upload(iso);
            LOG.log(Level.INFO, "wrote NoCloud seed {0} ({1} bytes)", created.path(), iso.length);
            return created.path();
        }
    }

    private InvalidRequestException notInCatalog(GuestConfig guest, ImageRef image, Pool images) {
        Set<ImageRef> held = CatalogImage.list(images);
        return new InvalidRequestException("image", "node " + guest.hostname() + ": image " + image
                + " is not in the image catalog (" + images.description() + " holds "
                + (held.isEmpty() ? "no image" : held.stream().map(ImageRef::value).collect(Collectors.joining(", ")))
                + "); ask for one of those, or have the operator put " + image.fileName() + " into pool '"
                + pools.names().images() + "' on every host");
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) GIB);
    }
}
