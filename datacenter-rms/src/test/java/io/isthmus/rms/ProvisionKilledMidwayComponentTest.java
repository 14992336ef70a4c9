package io.isthmus.rms;

import static io.isthmus.rms.ProvisionUntilKilled.MAC_A;
import static io.isthmus.rms.ProvisionUntilKilled.MAC_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.infrastructure.segment.EmulatedSite;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An RMS killed with a real SIGKILL in the middle of provision (child JVM, {@code site.fault.killAtFile}) leaves
 * its site in a state the restarted RMS reconciles, and the broker's repeated provision then converges: the
 * booking is PROVISIONED, each node has exactly one running domain on its host and one stand-in, and the nodes
 * reach each other. Two emulated hosts in real network namespaces; skipped unless root.
 */
class ProvisionKilledMidwayComponentTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path dir;
    private EmulatedSite lan;
    private RmsComponents site;
    private final ReservationId id = TestSite.newReservation();
    private final TransactionId tx = TestSite.newTransaction();

    @BeforeEach
    void buildSiteLan() {
        lan = EmulatedSite.createAsRoot("iskl" + ProcessHandle.current().pid() % 100_000
                + COUNTER.incrementAndGet() % 10 + "-");
        lan.gatewayCarries(ProvisionUntilKilled.LAN);
    }

    @AfterEach
    void tearDown() {
        if (lan == null) {
            return;
        }
        try {
            if (site != null) {
                site.lifecycle().terminate(id, tx);
                site.close();
            }
        } finally {
            newStandIns().forEach(lan::killAndDelete);
            lan.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"provision.started:vm-a", "provision.started:vm-b", "provision.stored"})
    void aRestartAndARepeatedProvisionConvergeAfterAKillMidProvision(String point)
            throws IOException, InterruptedException {
        Path killFile = Files.writeString(dir.resolve("kill"), point);
        Path config = writeConfig(killFile);

        runChildUntilKilled(config);

        assertFalse(Files.exists(killFile), "the kill file is gone, so the restart does not die again");
        assertEquals(2, newStandIns().size(), "provision plugs every node before it starts any, so the killed RMS"
                + " left both stand-ins before " + point + ": " + newStandIns());

        site = RmsComponents.open(RmsConfig.load(config), new MutableClock(Instant.now()));
        BookingState afterRestart = site.status().status(id).state();
        assertEquals(point.equals("provision.stored") ? BookingState.PROVISIONED : BookingState.COMMITTED,
                afterRestart, "the booking as the killed RMS wrote it");
        if (afterRestart == BookingState.COMMITTED) {
            assertEquals(List.of(), newStandIns(), "reconcile removed the half-provisioned stand-ins");
        }

        assertEquals(BookingState.PROVISIONED, site.lifecycle().provision(id, tx).state());

        assertTrue(site.status().status(id).nodes().stream().allMatch(n -> n.state() == DomainRunState.RUNNING));
        assertOneDomain(ProvisionUntilKilled.NODE_A, "a1", "a2");
        assertOneDomain(ProvisionUntilKilled.NODE_B, "a2", "a1");
        assertEquals(2, newStandIns().size(), "one stand-in per node: " + newStandIns());
        String standInA = lan.standInOf(MAC_A);
        assertFalse(standInA.equals(lan.standInOf(MAC_B)));
        assertTrue(lan.runner.run(List.of("ip", "netns", "exec", standInA, "ping", "-c", "2", "-W", "2",
                ProvisionUntilKilled.IP_B)).succeeded(), "vm-a reaches vm-b again");
    }

    private void assertOneDomain(String node, String host, String otherHost) {
        DomainName name = DomainName.of(id, new NodeName(node));
        assertTrue(site.compute().inspect(new HostName(host), name).isPresent(), node + " runs on " + host);
        assertTrue(site.compute().inspect(new HostName(otherHost), name).isEmpty(), node + " is not on "
                + otherHost);
    }

    /**
     * The stand-ins of this test's nodes, told by their MACs: other builds on this machine may add and remove
     * stand-ins of their own meanwhile.
     */
    private List<String> newStandIns() {
        return lan.standInNamespaces().stream().filter(ns -> {
            String links = lan.runner.run(List.of("ip", "-n", ns, "-o", "link", "show")).stdout();
            return links.contains(MAC_A) || links.contains(MAC_B);
        }).toList();
    }

    private Path writeConfig(Path killFile) throws IOException {
        Properties p = lan.emulatedSettings(TestSite.properties(dir.resolve("data")));
        p.setProperty("site.fault.killAtFile", killFile.toString());
        Path file = dir.resolve("site.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "RMS under a crash test");
        }
        return file;
    }

    private void runChildUntilKilled(Path config) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ProvisionUntilKilled.class.getName(), config.toString(), id.value(), tx.value())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child RMS neither died nor finished");
            assertEquals(137, child.exitValue(), "the child RMS was not killed with SIGKILL:\n"
                    + Files.readString(log));
        } finally {
            child.destroyForcibly();
        }
    }
}
