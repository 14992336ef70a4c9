package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two fresh network namespaces ({@code isqt-<pid>-<n>a} and {@code ...b}) joined by a veth pair with
 * 198.51.100.1 and .2 on it. {@link #close()} deletes both namespaces, which also deletes the veth pair.
 */
final class VethBetweenNamespaces implements AutoCloseable {

    static final String ADDRESS_A = "198.51.100.1";
    static final String ADDRESS_B = "198.51.100.2";
    static final VifId PORT_A = new VifId("isqt-va");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final CommandRunner runner = new CommandRunner(Duration.ofSeconds(30));
    final NamespaceName a;
    final NamespaceName b;

    private VethBetweenNamespaces(String prefix) {
        this.a = new NamespaceName(prefix + "a");
        this.b = new NamespaceName(prefix + "b");
    }

    /** Skips the calling test unless it runs as root; otherwise creates the namespaces and the veth pair. */
    static VethBetweenNamespaces createAsRoot() {
        CommandRunner probe = CommandRunner.withDefaultTimeout();
        assumeTrue(probe.run(List.of("id", "-u")).stdout().strip().equals("0"),
                "creating network namespaces and shaping with tc needs root; run the build as root (CI does)");
        VethBetweenNamespaces pair = new VethBetweenNamespaces(
                "isqt-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            pair.build();
        } catch (RuntimeException | AssertionError e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    private void build() {
        must("ip", "netns", "add", a.value());
        must("ip", "netns", "add", b.value());
        must("ip", "-n", a.value(), "link", "add", PORT_A.value(), "type", "veth", "peer", "name", "isqt-vb",
                "netns", b.value());
        must("ip", "-n", a.value(), "addr", "add", ADDRESS_A + "/24", "dev", PORT_A.value());
        must("ip", "-n", b.value(), "addr", "add", ADDRESS_B + "/24", "dev", "isqt-vb");
        for (NamespaceName ns : List.of(a, b)) {
            must("ip", "-n", ns.value(), "link", "set", "lo", "up");
        }
        must("ip", "-n", a.value(), "link", "set", PORT_A.value(), "up");
        must("ip", "-n", b.value(), "link", "set", "isqt-vb", "up");
    }

    /** Runs a command and fails the test with its output unless it exits 0. */
    CommandResult must(String... command) {
        CommandResult result = runner.run(List.of(command));
        if (!result.succeeded()) {
            throw new AssertionError(result.describe());
        }
        return result;
    }

    String inA(String... tcArgs) {
        String[] command = new String[tcArgs.length + 4];
        System.arraycopy(new String[] {"ip", "netns", "exec", a.value()}, 0, command, 0, 4);
        System.arraycopy(tcArgs, 0, command, 4, tcArgs.length);
        return must(command).stdout();
    }

    @Override
    public void close() {
        for (NamespaceName ns : List.of(a, b)) {
            runner.run(List.of("ip", "netns", "del", ns.value()));
        }
    }
}
