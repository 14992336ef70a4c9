package io.isthmus.rms.domain.compute;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one VM's own files are on its host: the qcow2 overlay it boots from (backed by a read-only catalog image),
 * the NoCloud seed it reads its configuration from, its serial console log and, for an image that boots a kernel
 * directly (a kernel and initrd next to the image in the catalog, as Glance's kernel_id/ramdisk_id), that kernel.
 * Paths are on the host, as its libvirtd sees them.
 */
public record InstanceDisks(Path overlay, Path seed, Path consoleLog, Optional<DirectKernel> kernel) {

    public InstanceDisks {
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(consoleLog, "consoleLog");
        Objects.requireNonNull(kernel, "kernel");
    }

    /** A kernel and initrd booted directly, with the kernel command line. */
    public record DirectKernel(Path kernel, Path initrd, String commandLine) {
        public DirectKernel {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(initrd, "initrd");
            Objects.requireNonNull(commandLine, "commandLine");
        }
    }
}
