package io.isthmus.rms.emulation;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A directory on the host laid out as a guest filesystem; every guest path must stay inside it. */
final class GuestTree {

    private final Path root;

    GuestTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The host path of the guest path ("/usr/bin/iperf3" or "usr/bin/iperf3"). */
    Path resolve(String guestPath) {
        Path path = root.resolve(guestPath.replaceFirst("^/+", "")).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("guest path '" + guestPath + "' leaves the image tree");
        }
        return path;
    }

    void directories(String... guestPaths) {
        for (String guestPath : guestPaths) {
            io(() -> Files.createDirectories(resolve(guestPath)));
        }
    }

    /** Copies the content of {@code hostFile} (symbolic links followed) to {@code guestPath}. */
    void copy(Path hostFile, String guestPath, boolean executable) {
        Path target = parentsOf(guestPath);
        io(() -> Files.copy(hostFile, target, StandardCopyOption.REPLACE_EXISTING));
        mode(target, executable);
    }

    void write(String guestPath, String text, boolean executable) {
        Path target = parentsOf(guestPath);
        io(() -> Files.writeString(target, text, StandardCharsets.UTF_8));
        mode(target, executable);
    }

    /** Busybox at /bin/busybox with a symbolic link per applet, except those in {@code except}. */
    void installBusybox(Path busybox, List<String> applets, Set<String> except) {
        copy(busybox, "/bin/busybox", true);
        for (String applet : applets) {
            Path link = resolve(applet);
            if (!except.contains(applet) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                parentsOf(applet);
                io(() -> Files.createSymbolicLink(link, Path.of("/bin/busybox")));
            }
        }
    }

    /**
     * Copies the modules (paths relative to the kernel's module directory) to the same paths under
     * /lib/modules/VERSION, uncompressed, and returns their guest paths in the same order.
     */
    List<String> installModules(KernelModules modules, List<String> relativePaths, CommandRunner runner) {
        String base = "/lib/modules/" + modules.directory().getFileName() + "/";
        List<String> installed = new ArrayList<>();
        for (String relative : relativePaths) {
            String guestPath = base + relative;
            copy(modules.directory().resolve(relative), guestPath, false);
            installed.add(decompressed(guestPath, runner));
        }
        return List.copyOf(installed);
    }

    private String decompressed(String guestPath, CommandRunner runner) {
        String file = resolve(guestPath).toString();
        List<String> command;
        if (guestPath.endsWith(".ko")) {
            return guestPath;
        } else if (guestPath.endsWith(".ko.xz")) {
            command = List.of("xz", "-d", "-f", file);
        } else if (guestPath.endsWith(".ko.zst")) {
            command = List.of("zstd", "-d", "-q", "-f", "--rm", file);
        } else if (guestPath.endsWith(".ko.gz")) {
            command = List.of("gzip", "-d", "-f", file);
        } else {
            throw new TestImageException("unexpected kernel module file " + guestPath);
        }
        CommandResult result = runner.run(command);
        if (!result.succeeded()) {
            throw new TestImageException("cannot decompress the kernel module " + guestPath + ": " + result.describe());
        }
        return guestPath.substring(0, guestPath.lastIndexOf('.'));
    }

    private Path parentsOf(String guestPath) {
        Path path = resolve(guestPath);
        io(() -> Files.createDirectories(path.getParent()));
        return path;
    }

    private static void mode(Path file, boolean executable) {
        io(() -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x"
                : "rw-r--r--")));
    }

    private interface IoAction {
        Object run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new TestImageException("cannot lay out the guest image tree: " + e, e);
        }
    }
}
