package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.infrastructure.libvirt.LibvirtErrors;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * Moves a volume's content through a blocking libvirt stream ({@code virStorageVolUpload/Download}), the way that
 * also reaches a remote host's files over {@code qemu+ssh://} or {@code qemu+tls://}. A stream that fails is
 * aborted (so a partial upload is not committed) and every stream is freed.
 */
final class VolumeStreams {

    private static final int CHUNK = 64 * 1024;

    private VolumeStreams() {
    }

    static void upload(StorageVol volume, byte[] content, String description) {
        try (StreamHandle handle = StreamHandle.open(volume, description)) {
            Stream stream = handle.stream();
            try {
                volume.upload(stream, 0, content.length, 0);
                int sent = 0;
                while (sent < content.length) {
                    sent += stream.send(Arrays.copyOfRange(content, sent, Math.min(content.length, sent + CHUNK)));
                }
                stream.finish();
            } catch (LibvirtException e) {
                throw handle.abort(LibvirtErrors.wrap("cannot upload " + content.length + " bytes to volume "
                        + description, e));
            }
        }
    }

    static byte[] download(StorageVol volume, long offset, long length, String description) {
        try (StreamHandle handle = StreamHandle.open(volume, description)) {
            Stream stream = handle.stream();
            try {
                volume.download(stream, offset, length, 0);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[CHUNK];
                for (int received = stream.receive(buffer); received > 0; received = stream.receive(buffer)) {
                    content.write(buffer, 0, received);
                }
                stream.finish();
                return content.toByteArray();
            } catch (LibvirtException e) {
                throw handle.abort(LibvirtErrors.wrap("cannot download " + length + " bytes at offset " + offset
                        + " of volume " + description, e));
            }
        }
    }

    /** A stream freed at the end of try-with-resources; a failure to free is suppressed into one in flight. */
    private record StreamHandle(Stream stream, String description) implements AutoCloseable {

        static StreamHandle open(StorageVol volume, String description) {
            try {
                return new StreamHandle(volume.getConnect().streamNew(0), description);
            } catch (LibvirtException e) {
                throw LibvirtErrors.wrap("cannot open a libvirt stream for volume " + description, e);
            }
        }

        ComputeException abort(ComputeException failure) {
            try {
                stream.abort();
            } catch (LibvirtException e) {
                failure.addSuppressed(e);
            }
            return failure;
        }

        @Override
        public void close() {
            try {
                stream.free();
            } catch (LibvirtException e) {
                throw LibvirtErrors.wrap("cannot free the libvirt stream of volume " + description, e);
            }
        }
    }
}
