package io.isthmus.gateway.testsupport;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandResult;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Network namespaces created for one test, named {@code isthtest-<random>-<role>} (or another kind than
 * {@code isthtest}), and deleted by {@link #close()} even when the test failed, after killing every process still
 * running in them (openvpn daemons a test left).
 */
public final class TestNetwork implements AutoCloseable {

    private static final Pattern MANAGED = Pattern.compile("is(br|vx|gt|vl|hv)\\d+|isov\\d+p\\d+");

    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();

    public TestNetwork() {
        this("isthtest");
    }

    /** Namespaces named {@code <kind>-<random>-<role>}. */
    public TestNetwork(String kind) {
        this.prefix = kind + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    /** True when this JVM runs as root (CI does); namespace tests assume it. */
    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    public String namespace(String role) {
        String name = prefix + role;
        runner.run(List.of("ip", "netns", "add", name));
        namespaces.add(name);
        run(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /** A veth pair with one end in each namespace, both up. */
    public void veth(String nsA, String nameA, String nsB, String nameB) {
        String tmpA = "it" + UUID.randomUUID().toString().substring(0, 8);
        String tmpB = "it" + UUID.randomUUID().toString().substring(0, 8);
        runner.run(List.of("ip", "link", "add", tmpA, "type", "veth", "peer", "name", tmpB));
        runner.run(List.of("ip", "link", "set", tmpA, "netns", nsA, "name", nameA));
        runner.run(List.of("ip", "link", "set", tmpB, "netns", nsB, "name", nameB));
        ip(nsA, "link", "set", nameA, "up");
        ip(nsB, "link", "set", nameB, "up");
    }

    public CommandResult ip(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        return runner.run(argv);
    }

    /** Runs a program inside the namespace ({@code ip netns exec}). */
    public CommandResult run(String ns, String... argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(argv));
        return runner.run(full);
    }

    /** Whether {@code ping} from {@code ns} gets at least one answer from {@code address}. */
    public boolean pings(String ns, String address) {
        try {
            run(ns, "ping", "-c", "5", "-i", "0.2", "-W", "1", address);
            return true;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    /**
     * Whether {@code ping} from {@code ns} gets an answer from {@code address} within {@code seconds} (for paths that
     * need a moment to come up, such as an openvpn TLS handshake).
     */
    public boolean pingsWithin(String ns, String address, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        do {
            try {
                run(ns, "ping", "-c", "1", "-W", "1", address);
                return true;
            } catch (CommandFailedException e) {
                // not yet
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** The processes running in the namespace ({@code ip netns pids}). */
    public List<Long> pids(String ns) {
        return runner.run(List.of("ip", "netns", "pids", ns)).stdout().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).map(Long::parseLong).toList();
    }

    /** The command line of a process, NUL separators as spaces; empty when it has ended. */
    public static String commandLine(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid),
                    "cmdline")), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Kills every process in the namespace and waits (bounded) until none is left. */
    public void killAll(String ns) {
        for (int round = 0; round < 50; round++) {
            List<Long> pids = pids(ns);
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("processes " + pids(ns) + " in namespace " + ns + " survive SIGKILL");
    }

    public Set<String> links(String ns) {
        return ip(ns, "-o", "link", "show").stdout().lines()
                .map(l -> l.replaceFirst("^\\d+:\\s+([^:@\\s]+).*$", "$1")).collect(Collectors.toSet());
    }

    /** Interfaces named like a gateway's own ({@code isbr/isvx/isvl...}). */
    public Set<String> managedLinks(String ns) {
        return links(ns).stream().filter(n -> MANAGED.matcher(n).matches()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (String ns : namespaces) {
            try {
                killAll(ns);
                runner.run(List.of("ip", "netns", "del", ns));
            } catch (CommandFailedException e) {
                failure = failure == null ? e : failure;
            }
        }
        namespaces.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
