package io.isthmus.rms.emulation;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the Debian packages' files the test guest image is built from, or says which package to install: the cloud
 * kernel (linux-image-cloud-amd64), static busybox (busybox-static), iperf3, mke2fs (e2fsprogs), qemu-img
 * (qemu-utils) and ldd (libc-bin).
 */
final class HostPrerequisites {

    /** What the initramfs loads to reach the root disk /dev/vda. */
    static final List<String> BOOT_MODULES = List.of("virtio_pci", "virtio_blk");
    /**
     * What the guest loads: its disks, NICs, the virtio-serial agent port, the iso9660 NoCloud seed and the balloon,
     * through which it reports the pages it freed so that its QEMU process gives them back to the host.
     */
    static final List<String> GUEST_MODULES = List.of("virtio_pci", "virtio_blk", "virtio_net", "virtio_console",
            "isofs", "virtio_balloon");

    private static final Path BOOT = Path.of("/boot");
    private static final Path MODULES = Path.of("/lib/modules");
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path IPERF3 = Path.of("/usr/bin/iperf3");
    private static final Pattern APPLET_PATH = Pattern.compile("([a-z]+/)*[a-z0-9_.\\[\\]-]+");
    private static final String KERNEL_PREFIX = "vmlinuz-";

    private HostPrerequisites() {
    }

    static TestImageInputs locate(CommandRunner runner) {
        Path ldd = requireTool("ldd", "libc-bin");
        Path mke2fs = requireTool("mke2fs", "e2fsprogs");
        Path qemuImg = requireTool("qemu-img", "qemu-utils");
        Path kernel = cloudKernel();
        if (!Files.isReadable(kernel)) {
            throw new TestImageException("cannot read " + kernel + ": build the test guest image as root");
        }
        KernelModules modules = KernelModules.read(MODULES.resolve(version(kernel)));
        Path busybox = requireFile(BUSYBOX, "a statically linked busybox", "busybox-static");
        if (!SharedLibraries.of(busybox, ldd, runner).isEmpty()) {
            throw new MissingPrerequisiteException("a statically linked busybox (" + busybox + " is dynamic)",
                    List.of("busybox-static"));
        }
        Path iperf3 = requireFile(IPERF3, "iperf3", "iperf3");
        return new TestImageInputs(kernel, modules, modules.loadOrder(BOOT_MODULES),
                modules.loadOrder(GUEST_MODULES), busybox, applets(busybox, runner), iperf3,
                SharedLibraries.of(iperf3, ldd, runner), new TestImageInputs.Tools(mke2fs, qemuImg));
    }

    /** The newest /boot/vmlinuz-*-cloud-amd64 whose modules are installed. */
    private static Path cloudKernel() {
        List<Path> kernels = new ArrayList<>();
        try (DirectoryStream<Path> boot = Files.newDirectoryStream(BOOT, KERNEL_PREFIX + "*-cloud-amd64")) {
            boot.forEach(kernels::add);
        } catch (IOException e) {
            throw new MissingPrerequisiteException("the cloud kernel (cannot list " + BOOT + ": " + e + ")",
                    List.of("linux-image-cloud-amd64"));
        }
        return kernels.stream()
                .filter(k -> Files.isRegularFile(MODULES.resolve(version(k)).resolve("modules.dep")))
                .max(Comparator.comparing(HostPrerequisites::version, HostPrerequisites::compareVersions))
                .orElseThrow(() -> new MissingPrerequisiteException(
                        "a cloud kernel with its modules (" + BOOT + "/vmlinuz-*-cloud-amd64)",
                        List.of("linux-image-cloud-amd64")));
    }

    private static String version(Path kernel) {
        return kernel.getFileName().toString().substring(KERNEL_PREFIX.length());
    }

    /** Compares version strings run by run, digits as numbers: 6.1.0-9 before 6.1.0-57. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] right = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean numbers = Character.isDigit(left[i].charAt(0)) && Character.isDigit(right[i].charAt(0));
            int c = numbers ? Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]))
                    : left[i].compareTo(right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    /** The applets' paths relative to / ("bin/sh", "usr/bin/awk"), as this busybox installs them. */
    private static List<String> applets(Path busybox, CommandRunner runner) {
        CommandResult result = runner.run(List.of(busybox.toString(), "--list-full"));
        if (!result.succeeded()) {
            throw new TestImageException("cannot list the applets of " + busybox + ": " + result.describe());
        }
        List<String> applets = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        for (String applet : applets) {
            if (!APPLET_PATH.matcher(applet).matches()) {
                throw new TestImageException(busybox + " --list-full gave an unexpected applet path '" + applet + "'");
            }
        }
        return applets;
    }

    private static Path requireFile(Path file, String what, String debianPackage) {
        if (!Files.isRegularFile(file)) {
            throw new MissingPrerequisiteException(what + " (" + file + ")", List.of(debianPackage));
        }
        return file;
    }

    /** The tool on PATH, or in /usr/sbin or /sbin (not on a user's PATH on Debian). */
    private static Path requireTool(String tool, String debianPackage) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/sbin"
                + File.pathSeparator + "/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new MissingPrerequisiteException(tool, List.of(debianPackage)));
    }
}
