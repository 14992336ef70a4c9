package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.infrastructure.libvirt.LibvirtErrors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

/**
 * One libvirt storage pool of one host, used in try-with-resources so its handle is always freed. Every libvirt
 * failure becomes a {@link io.isthmus.rms.domain.compute.ComputeException} naming the pool and the host.
 */
final class Pool implements AutoCloseable {

    private final StoragePool pool;
    private final String description;

    private Pool(StoragePool pool, String name, HostName host) {
        this.pool = pool;
        this.description = "storage pool '" + name + "' on host " + host;
    }

    /** The pool named {@code name} on {@code host}, or empty when it is not defined there. */
    static Optional<Pool> lookup(Connect connect, HostName host, String name) {
        try {
            return Optional.of(new Pool(connect.storagePoolLookupByName(name), name, host));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoStoragePool(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.wrap("cannot look up storage pool '" + name + "' on host " + host, e);
        }
    }

    boolean isActive() {
        try {
            return pool.isActive() == 1;
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot tell whether " + description + " is active", e);
        }
    }

    /** Re-reads the pool's directory, so files created outside libvirt (console logs, new images) are volumes. */
    void refresh() {
        try {
            pool.refresh(0);
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot refresh " + description, e);
        }
    }

    /** The pool's type ({@code dir}, {@code fs}, {@code logical}, ...). */
    String type() {
        return StorageXml.poolType(xml());
    }

    /** The directory whose files are the pool's volumes (a file-based pool's {@code <target><path>}). */
    Path targetPath() {
        return StorageXml.poolTargetPath(xml()).map(Path::of).orElseThrow(() -> new ComputeException(description
                + " has no target directory; define it as a dir pool with --target <directory>",
                "VIR_ERR_CONFIG_UNSUPPORTED", "VIR_FROM_STORAGE", null));
    }

    List<String> volumeNames() {
        try {
            return Arrays.asList(pool.listVolumes());
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot list the volumes of " + description, e);
        }
    }

    /** The volume named {@code name}, or empty when the pool does not hold it (as of the last refresh). */
    Optional<Volume> volume(String name) {
        try {
            return Optional.of(new Volume(pool.storageVolLookupByName(name), name + " in " + description));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoStorageVolume(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.wrap("cannot look up volume " + name + " in " + description, e);
        }
    }

    /** Creates a volume from its XML; {@code name} is for messages. */
    Volume create(String name, String volumeXml) {
        try {
            return new Volume(pool.storageVolCreateXML(volumeXml, 0), name + " in " + description);
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot create volume " + name + " in " + description, e);
        }
    }

    /** "storage pool 'p' on host h", for messages. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            pool.free();
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot free the libvirt handle of " + description, e);
        }
    }

    private String xml() {
        try {
            return pool.getXMLDesc(0);
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot read the definition of " + description, e);
        }
    }
}
