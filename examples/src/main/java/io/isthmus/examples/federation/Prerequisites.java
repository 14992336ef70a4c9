package io.isthmus.examples.federation;

import io.isthmus.rms.emulation.EffectiveUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks what the federation needs on this machine; every failure names the exact fix. */
public final class Prerequisites {

    private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/usr/local/lib");

    private Prerequisites() {
    }

    /** Throws listing every missing prerequisite; returns true when the data plane can be emulated (root + ip). */
    public static boolean check(List<Integer> ports) {
        List<String> problems = new ArrayList<>();
        libvirtProblem().ifPresent(problems::add);
        for (int port : ports) {
            if (!isFree(port)) {
                problems.add("port " + port + " on 127.0.0.1 is in use (a federation already running?): stop that "
                        + "process or pass --ports-base <n>");
            }
        }
        boolean root = isRoot();
        boolean ip = root && isExecutable("ip");
        if (root && !ip) {
            problems.add("the ip command is missing: apt-get install iproute2");
        }
        if (!problems.isEmpty()) {
            throw new FederationException("cannot start the federation:\n  - " + String.join("\n  - ", problems));
        }
        return root;
    }

    public static boolean isRoot() {
        return EffectiveUser.isRoot();
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Empty when libvirt.so.0 is present and loads; else the problem and its fix. */
    static Optional<String> libvirtProblem() {
        Optional<Path> library = LIBRARY_DIRS.stream().map(dir -> Path.of(dir, "libvirt.so.0"))
                .filter(Files::isRegularFile).findFirst();
        if (library.isEmpty()) {
            return Optional.of("libvirt.so.0 not found: apt-get install libvirt0");
        }
        try {
            System.load(library.get().toRealPath().toString());
            return Optional.empty();
        } catch (UnsatisfiedLinkError | IOException e) {
            return Optional.of("libvirt.so.0 at " + library.get() + " does not load (" + e.getMessage()
                    + "): apt-get install --reinstall libvirt0");
        }
    }

    private static boolean isExecutable(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
