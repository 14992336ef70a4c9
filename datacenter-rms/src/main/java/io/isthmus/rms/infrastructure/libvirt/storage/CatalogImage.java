package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.compute.InstanceDisks.DirectKernel;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One image of a host's catalog pool: {@code <name>.qcow2}, with its format and virtual size, and, when the pool
 * also holds {@code <name>.vmlinuz} and {@code <name>.initrd} (as Glance's kernel_id/ramdisk_id), the kernel to
 * boot directly with the command line in {@code <name>.cmdline} (default {@value #DEFAULT_COMMAND_LINE}).
 */
record CatalogImage(Path path, String format, long virtualSize, Optional<DirectKernel> kernel) {

    static final String SUFFIX = ".qcow2";
    static final String DEFAULT_COMMAND_LINE = "root=/dev/vda1 ro console=ttyS0";
    private static final int MAX_COMMAND_LINE = 4096;

    /** The image named {@code image} in {@code images} (refreshed), or empty when the catalog does not hold it. */
    static Optional<CatalogImage> find(Pool images, ImageRef image) {
        Optional<Volume> found = images.volume(image.fileName());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (Volume disk = found.get()) {
            String base = baseName(image);
            return Optional.of(new CatalogImage(disk.path(), disk.format().orElse("qcow2"), disk.capacity(),
                    directKernel(images, base)));
        }
    }

    /** The images {@code images} holds: its {@code *.qcow2} volumes, by the name a node asks for them. */
    static Set<ImageRef> list(Pool images) {
        Set<ImageRef> refs = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        for (String volume : images.volumeNames()) {
            if (volume.endsWith(SUFFIX) && volume.length() > SUFFIX.length()) {
                try {
                    refs.add(new ImageRef(volume.substring(0, volume.length() - SUFFIX.length())));
                } catch (InvalidRequestException unnameable) {
                    // a file no node could name (e.g. with a space); not part of the catalog
                }
            }
        }
        return refs;
    }

    private static String baseName(ImageRef image) {
        String file = image.fileName();
        return file.substring(0, file.length() - SUFFIX.length());
    }

    private static Optional<DirectKernel> directKernel(Pool images, String base) {
        Optional<Volume> kernel = images.volume(base + ".vmlinuz");
        Optional<Volume> initrd = images.volume(base + ".initrd");
        try {
            if (kernel.isEmpty() && initrd.isEmpty()) {
                return Optional.empty();
            }
            if (kernel.isEmpty() || initrd.isEmpty()) {
                throw new ComputeException("image " + base + " in " + images.description() + " has "
                        + (kernel.isPresent() ? base + ".vmlinuz but no " + base + ".initrd" : base
                        + ".initrd but no " + base + ".vmlinuz") + ": put both next to the image to boot its kernel"
                        + " directly, or neither", "VIR_ERR_NO_STORAGE_VOL", "VIR_FROM_STORAGE", null);
            }
            return Optional.of(new DirectKernel(kernel.get().path(), initrd.get().path(), commandLine(images, base)));
        } finally {
            kernel.ifPresent(Volume::close);
            initrd.ifPresent(Volume::close);
        }
    }

    private static String commandLine(Pool images, String base) {
        Optional<Volume> found = images.volume(base + ".cmdline");
        if (found.isEmpty()) {
            return DEFAULT_COMMAND_LINE;
        }
        try (Volume file = found.get()) {
            if (file.capacity() > MAX_COMMAND_LINE) {
                throw new ComputeException(file.description() + " is " + file.capacity() + " bytes; a kernel command"
                        + " line file holds one line of at most " + MAX_COMMAND_LINE + " bytes",
                        "VIR_ERR_CONFIG_UNSUPPORTED", "VIR_FROM_STORAGE", null);
            }
            String line = new String(file.download(0, file.capacity()), StandardCharsets.UTF_8).strip();
            return line.isEmpty() ? DEFAULT_COMMAND_LINE : line;
        }
    }
}
