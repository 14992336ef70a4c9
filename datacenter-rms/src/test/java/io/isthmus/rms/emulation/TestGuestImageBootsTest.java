package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real QEMU (TCG): the test guest image, built from this host's packages into an empty cache, boots from a qcow2
 * overlay with a NoCloud seed, takes its hostname and its NIC's address from the seed, and says it is ready on the
 * console and by opening its guest-agent port.
 */
class TestGuestImageBootsTest {

    private static final String HOSTNAME = "probe-a";
    private static final String TENANT_MAC = "02:49:53:00:00:01";
    private static final String SPARE_MAC = "52:54:00:12:34:99";
    private static final String GUEST_ADDRESS = "192.168.76.20/24";

    @TempDir
    Path directory;

    private QemuGuest guest;

    @AfterEach
    void stopQemu() throws InterruptedException {
        if (guest != null) {
            guest.close();
        }
    }

    @Test
    void theImageBootsConfiguresItselfFromItsSeedAndSaysItIsReady() throws Exception {
        assumeTrue(onPath("qemu-system-x86_64"),
                "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86): no guest can boot here");
        Path cache = directory.resolve("cache");
        long cold = System.nanoTime();
        TestGuestImage.Image image = TestGuestImage.ensure(cache);
        long cached = System.nanoTime();
        Object builtDisk = Files.readAttributes(image.qcow2(), BasicFileAttributes.class).fileKey();
        assertEquals(image, TestGuestImage.ensure(cache));
        long done = System.nanoTime();
        assertEquals(builtDisk, Files.readAttributes(image.qcow2(), BasicFileAttributes.class).fileKey(),
                "the second ensure rebuilt the image although nothing changed");
        assertEquals(TestGuestImage.KERNEL_COMMAND_LINE, image.cmdline());
        assertTrue(image.cmdline().startsWith("console=ttyS0 root=/dev/vda rw "), image.cmdline());

        Path overlay = directory.resolve("overlay.qcow2");
        CommandResult created = CommandRunner.withDefaultTimeout().run(List.of("qemu-img", "create", "-q", "-f",
                "qcow2", "-F", "qcow2", "-b", image.qcow2().toString(), overlay.toString()));
        assertTrue(created.succeeded(), created.describe());
        Path seed = NoCloudSeedIso.write(directory, "isthmus-r1-probe-a", HOSTNAME,
                List.of(new NoCloudSeedIso.Nic(TENANT_MAC, GUEST_ADDRESS)));
        guest = QemuGuest.boot(image, overlay, seed, directory, TENANT_MAC, "192.168.76.0/24", "192.168.76.20",
                SPARE_MAC);

        String ready = guest.awaitConsoleLine("ISTHMUS-READY", Duration.ofSeconds(60));
        Duration bootToReady = guest.sinceStart();
        assertEquals("ISTHMUS-READY " + HOSTNAME + " nested=svm", ready);
        assertTrue(guest.guestOpened(QemuGuest.AGENT_CHARDEV), "the guest did not open org.qemu.guest_agent.0");
        assertFalse(guest.guestOpened(QemuGuest.UNUSED_CHARDEV), "a port the guest never opens reads as open");

        assertEquals(HOSTNAME + "\n", guest.run("hostname"));
        String links = guest.run("ip -o link show");
        String tenantLink = line(links, ": nic0: ");
        assertTrue(tenantLink.contains("link/ether " + TENANT_MAC) && tenantLink.contains(",UP"), links);
        String spareLink = line(links, "link/ether " + SPARE_MAC);
        assertFalse(spareLink.contains(",UP"), "a NIC the seed does not name must stay down: " + links);
        String addresses = guest.run("ip -o -4 addr show");
        assertTrue(addresses.lines().anyMatch(l -> l.matches("\\d+: nic0\\s+inet " + GUEST_ADDRESS + " .*")),
                addresses);
        assertEquals(2, addresses.lines().count(), "only lo and nic0 have addresses: " + addresses);
        assertTrue(guest.run("iperf3 --version").startsWith("iperf 3."), "iperf3 does not run in the guest");
        assertEquals(1, guest.consoleText().lines().filter(l -> l.startsWith("ISTHMUS-READY")).count());

        System.out.printf("test guest image: cold build %d ms, cached %d ms; boot to ready %d ms; QEMU RSS %d MiB%n",
                (cached - cold) / 1_000_000, (done - cached) / 1_000_000, bootToReady.toMillis(),
                guest.residentKib() / 1024);
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in:\n" + text));
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }
}
