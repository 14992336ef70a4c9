package io.isthmus.rms.emulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the test guest image is built from, as found on this host: the kernel and its modules (those the
 * initramfs loads to reach the root disk, and those the guest loads), static busybox with its applet paths, and
 * iperf3 with the libraries it loads; and the host tools that make the disk.
 */
record TestImageInputs(Path kernel, KernelModules modules, List<String> bootModules, List<String> guestModules,
        Path busybox, List<String> busyboxApplets, Path iperf3, List<Path> iperf3Libraries, Tools tools) {

    /** The host tools that make the root disk (their output does not depend on their version). */
    record Tools(Path mke2fs, Path qemuImg) {
    }

    TestImageInputs {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(modules, "modules");
        bootModules = List.copyOf(bootModules);
        guestModules = List.copyOf(guestModules);
        Objects.requireNonNull(busybox, "busybox");
        busyboxApplets = List.copyOf(busyboxApplets);
        Objects.requireNonNull(iperf3, "iperf3");
        iperf3Libraries = List.copyOf(iperf3Libraries);
        Objects.requireNonNull(tools, "tools");
    }

    /** Every host file whose content goes into the image, each once, in a stable order. */
    List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(kernel, busybox, iperf3));
        files.addAll(iperf3Libraries);
        guestModules.stream().map(modules.directory()::resolve).forEach(files::add);
        bootModules.stream().map(modules.directory()::resolve).filter(p -> !files.contains(p)).forEach(files::add);
        return List.copyOf(files);
    }
}
