package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.ImageCatalog;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.HostName;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link ImageCatalog} of a libvirt site: the {@code <name>.qcow2} volumes that the image pool of every host holds
 * (an image on only some hosts is not offered, since placement may choose any host).
 */
public final class LibvirtImageCatalog implements ImageCatalog {

    private final SiteStoragePools pools;

    LibvirtImageCatalog(SiteStoragePools pools) {
        this.pools = pools;
    }

    @Override
    public Set<ImageRef> images() {
        Set<ImageRef> common = null;
        for (HostName host : pools.hosts()) {
            Set<ImageRef> held = pools.withImages(host, CatalogImage::list);
            if (common == null) {
                common = new LinkedHashSet<>(held);
            } else {
                common.retainAll(held);
            }
        }
        return common == null ? Set.of() : Set.copyOf(common);
    }
}
