package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.infrastructure.libvirt.LibvirtErrors;
import java.nio.file.Path;
import java.util.Optional;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;

/**
 * One storage volume, used in try-with-resources so its handle is always freed. Its content moves through libvirt
 * streams ({@link VolumeStreams}), which work over a remote connection as well as a local one.
 */
final class Volume implements AutoCloseable {

    private final StorageVol volume;
    private final String description;

    Volume(StorageVol volume, String description) {
        this.volume = volume;
        this.description = description;
    }

    /** The file of the volume, as the host's libvirtd sees it. */
    Path path() {
        try {
            return Path.of(volume.getPath());
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot read the path of volume " + description, e);
        }
    }

    /** The size a guest sees (the virtual size of a qcow2 image, the length of a raw file). */
    long capacity() {
        try {
            return volume.getInfo().capacity;
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot read the size of volume " + description, e);
        }
    }

    /** The format libvirt probed, e.g. {@code qcow2} or {@code raw}. */
    Optional<String> format() {
        try {
            return StorageXml.volumeFormat(volume.getXMLDesc(0));
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot read the definition of volume " + description, e);
        }
    }

    void delete() {
        try {
            volume.delete(0);
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot delete volume " + description, e);
        }
    }

    /** Replaces the volume's content from offset 0 with {@code content} (at most its capacity). */
    void upload(byte[] content) {
        VolumeStreams.upload(volume, content, description);
    }

    /** Up to {@code length} bytes of the volume's content from {@code offset}. */
    byte[] download(long offset, long length) {
        return VolumeStreams.download(volume, offset, length, description);
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            volume.free();
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot free the libvirt handle of volume " + description, e);
        }
    }
}
