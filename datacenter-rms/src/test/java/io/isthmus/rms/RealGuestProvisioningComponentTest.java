package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.application.reservation.NodeView;
import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.compute.GuestNotReadyException;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.emulation.HostLibvirtd;
import io.isthmus.rms.emulation.TestGuestImage;
import io.isthmus.rms.infrastructure.segment.EmulatedSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * Provision on real QEMU guests: two emulated hosts (network namespaces of one site LAN), each with its own libvirtd,
 * image and instance pools holding the test guest image. One set of hosts for the whole class; each test opens its
 * own RMS on them. Skipped unless root with libvirtd, QEMU, qemu-img and genisoimage installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGuestProvisioningComponentTest {

    private static final Vni LAN = new Vni(7421);
    private static final String GOOD = TestGuestImage.NAME;
    /** The test image with a shell as its init: the guest runs but never says it is ready. */
    private static final String MUTE = "isthmus-mute";
    /** The test image told to mount a disk it does not have: its initramfs says ISTHMUS-FAILED and powers off. */
    private static final String BROKEN = "isthmus-broken";

    private static Path dir;
    private static EmulatedSite lan;
    private static final Map<String, HostLibvirtd> HOSTS = new LinkedHashMap<>();
    private static final Map<String, NamespaceName> NAMESPACES = new LinkedHashMap<>();

    private RmsComponents site;

    @BeforeAll
    static void startHosts() throws IOException {
        EmulatedSite.assumeRoot();
        for (String binary : List.of("/usr/sbin/libvirtd", "/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img",
                "/usr/bin/genisoimage")) {
            assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is missing; install with: apt-get install -y"
                    + " --no-install-recommends libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils"
                    + " genisoimage");
        }
        dir = Files.createTempDirectory("isthmus-real-guests");
        TestGuestImage.Image image = TestGuestImage.ensure(Path.of("target", "test-guest-image").toAbsolutePath());
        lan = EmulatedSite.createAsRoot("isrg" + ProcessHandle.current().pid() % 100_000 + "-");
        lan.gatewayCarries(LAN);
        NAMESPACES.put("a1", lan.host1);
        NAMESPACES.put("a2", lan.host2);
        for (String host : NAMESPACES.keySet()) {
            startHost(host);
            Path images = dir.resolve(host + "/images");
            Files.createDirectories(images);
            catalog(images, GOOD, image, image.cmdline());
            catalog(images, MUTE, image, "console=ttyS0 rdinit=/bin/sh");
            catalog(images, BROKEN, image, "console=ttyS0 root=/dev/vdz");
            HOSTS.get(host).ensureDirPool("isthmus-images", images);
            HOSTS.get(host).ensureDirPool("isthmus-instances", dir.resolve(host + "/instances"));
        }
    }

    private static void startHost(String host) {
        HOSTS.put(host, HostLibvirtd.start(NAMESPACES.get(host), new HostName(host), dir.resolve(host + "/libvirt")));
    }

    private static void catalog(Path images, String name, TestGuestImage.Image image, String cmdline)
            throws IOException {
        Files.copy(image.qcow2(), images.resolve(name + ".qcow2"));
        Files.copy(image.kernel(), images.resolve(name + ".vmlinuz"));
        Files.copy(image.initrd(), images.resolve(name + ".initrd"));
        Files.writeString(images.resolve(name + ".cmdline"), cmdline + "\n");
    }

    @AfterAll
    static void stopHosts() throws IOException {
        HOSTS.values().forEach(HostLibvirtd::close);
        if (lan != null) {
            lan.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @AfterEach
    void closeSite() {
        if (site != null) {
            site.close();
        }
    }

    private RmsComponents open(String... settings) {
        Properties p = lan.emulatedSettings(TestSite.properties(dir.resolve("data")));
        for (String host : NAMESPACES.keySet()) {
            p.setProperty("host." + host + ".uri", HOSTS.get(host).uri());
            p.setProperty("host." + host + ".virtType", "qemu");
            p.setProperty("host." + host + ".nested", "true");
        }
        for (String setting : settings) {
            String[] kv = setting.split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        site = RmsComponents.open(RmsConfig.fromProperties(p), new MutableClock(Instant.now()));
        return site;
    }

    private ReservationId commit(TransactionId tx, NodeSpec... nodes) {
        ReservationId id = TestSite.newReservation();
        Instant now = Instant.now();
        site.holds().prepare(TestSite.prepare(id, tx, now, nodes));
        site.holds().commit(id, tx);
        return id;
    }

    private static NodeSpec node(String name, String host, String image, String mac, String ip) {
        return new NodeSpec(new NodeName(name), 1, 128, 1, new ImageRef(image), true, Optional.of(new HostName(host)),
                List.of(new NicSpec("lan", LAN, new MacAddress(mac), Optional.of(ip))));
    }

    private static Optional<String> liveXml(RmsComponents site, ReservationId id, String node, String host) {
        return site.compute().definition(new HostName(host), DomainName.of(id, new NodeName(node)));
    }

    /** Nothing of any VM is left on the hosts: no domain, no overlay, seed or console log, no segment bridge. */
    private void assertNothingLeft() {
        for (String host : NAMESPACES.keySet()) {
            HostName name = new HostName(host);
            assertEquals(List.of(), List.copyOf(site.compute().domains(name)), "domains on " + host);
            assertEquals(List.of(), List.copyOf(site.storage().orElseThrow().instances().present(name)),
                    "VM files on " + host);
            assertTrue(lan.isthmusLinks(NAMESPACES.get(host)).stream().noneMatch(l -> l.startsWith("isbr")),
                    "segment bridges on " + host + ": " + lan.isthmusLinks(NAMESPACES.get(host)));
        }
    }

    @Test
    @Order(1)
    void twoGuestsBootInParallelUnderTcgWithSvmAndBothReportReady() throws IOException {
        open("host.a1.virtType=auto", "host.a2.virtType=auto");
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-a", "a1", GOOD, "52:54:00:74:21:0a", "10.74.21.1"),
                node("vm-b", "a2", GOOD, "52:54:00:74:21:0b", "10.74.21.2"));

        long started = System.nanoTime();
        assertEquals(BookingState.PROVISIONED, site.lifecycle().provision(id, tx).state());
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("two guests provisioned (probe, disks, plug, parallel start, ready, shape) in " + elapsedMs
                + " ms");

        for (NodeView node : site.status().status(id).nodes()) {
            assertEquals(DomainRunState.RUNNING, node.state(), node.toString());
            assertEquals(Optional.of(true), node.nestedVirtualization());
            String xml = liveXml(site, id, node.node().value(), node.host().value()).orElseThrow();
            assertTrue(xml.startsWith("<domain type='qemu'"), "TCG here (no working nested KVM): " + xml);
            assertTrue(xml.contains("<model fallback='forbid'>qemu64</model>") || xml.contains(">qemu64</model>"), xml);
            assertTrue(xml.contains("<feature policy='require' name='svm'/>"), xml);
            assertTrue(xml.contains("name='org.qemu.guest_agent.0' state='connected'"), xml);
            Path console = Path.of(xml.replaceAll("(?s).*<log file='([^']+)'.*", "$1"));
            assertTrue(Files.readString(console).contains("ISTHMUS-READY " + node.node() + " nested=svm"),
                    "the guest said it is ready on its console, logged by virtlogd: " + Files.readString(console));
            String bridge = lan.in(NAMESPACES.get(node.host().value()), "ip", "-o", "link", "show", "master",
                    "isbr" + LAN.value());
            assertTrue(bridge.contains("isvp"), "the guest's tap, named for shaping, is on the segment bridge: "
                    + bridge);
        }

        site.lifecycle().terminate(id, tx);
        assertNothingLeft();
    }

    @Test
    @Order(2)
    void aGuestThatNeverReportsReadyIsATypedFaultWithItsConsoleAndNothingIsLeft() {
        open("site.guest.readyTimeout.seconds=8");
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-a", "a1", GOOD, "52:54:00:74:21:1a", "10.74.21.1"),
                node("vm-mute", "a2", MUTE, "52:54:00:74:21:1b", "10.74.21.2"));

        GuestNotReadyException e = assertThrows(GuestNotReadyException.class,
                () -> site.lifecycle().provision(id, tx));

        assertTrue(e.getMessage().contains("node vm-mute") && e.getMessage().contains("host a2")
                && e.getMessage().contains("within 8 s"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of its console log"), e.getMessage());
        assertEquals(BookingState.COMMITTED, site.status().status(id).state());
        assertNothingLeft();
    }

    @Test
    @Order(3)
    void aGuestThatPowersOffFailsAtOnceNotAtTheTimeout() {
        open();
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-broken", "a1", BROKEN, "52:54:00:74:21:2a", "10.74.21.1"));

        long started = System.nanoTime();
        GuestNotReadyException e = assertThrows(GuestNotReadyException.class,
                () -> site.lifecycle().provision(id, tx));

        assertTrue((System.nanoTime() - started) / 1_000_000_000 < 60, "failed before the 120 s timeout");
        assertTrue(e.getMessage().contains("SHUTOFF") && e.getMessage().contains("ISTHMUS-FAILED"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    @Order(4)
    void anImageNotInTheHostsCatalogPoolsIsRefusedAtPrepareWithNothingLeft() {
        open();
        TransactionId tx = TestSite.newTransaction();

        ReservationId id = TestSite.newReservation();

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> site.holds().prepare(TestSite.prepare(id, tx, Instant.now(),
                        node("vm-a", "a1", GOOD, "52:54:00:74:21:3a", "10.74.21.1"),
                        node("vm-b", "a2", "no-such-image", "52:54:00:74:21:3b", "10.74.21.2"))));

        assertTrue(e.getMessage().contains("no-such-image") && e.getMessage().contains(GOOD), e.getMessage());
        assertTrue(site.status().statusOfAll().stream().noneMatch(v -> v.reservation().equals(id)), "nothing held");
        assertNothingLeft();
    }

    @Test
    @Order(4)
    void anImageGoneFromTheCatalogByProvisionIsATypedFaultWithNothingLeft() throws IOException {
        open();
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-a", "a1", GOOD, "52:54:00:74:21:3a", "10.74.21.1"),
                node("vm-b", "a2", BROKEN, "52:54:00:74:21:3b", "10.74.21.2"));
        Path image = dir.resolve("a2/images/" + BROKEN + ".qcow2");
        Path aside = dir.resolve("a2/" + BROKEN + ".qcow2.aside");
        Files.move(image, aside);
        try {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> site.lifecycle().provision(id, tx));
            assertTrue(e.getMessage().contains(BROKEN), "the image removed from a2's catalog after commit: "
                    + e.getMessage());
        } finally {
            Files.move(aside, image);
        }
        assertNothingLeft();
    }

    @Test
    @Order(5)
    void aRestartDestroysOrphanDomainsAndRestoresAProvisionedNodeWhoseDomainVanished() throws Exception {
        open();
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-a", "a1", GOOD, "52:54:00:74:21:4a", "10.74.21.1"));
        site.lifecycle().provision(id, tx);
        site.close();
        site = null;
        DomainName vanished = DomainName.of(id, new NodeName("vm-a"));
        DomainName orphan = DomainName.of(TestSite.newReservation(), new NodeName("ghost"));
        Connect a1 = new Connect(HOSTS.get("a1").uri(), false);
        try {
            Domain domain = a1.domainLookupByName(vanished.value());
            domain.destroy();
            domain.undefine();
            domain.free();
            Domain ghost = a1.domainDefineXML("<domain type='qemu'><name>" + orphan + "</name><memory unit='MiB'>32"
                    + "</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
            ghost.create();
            ghost.free();
        } finally {
            a1.close();
        }

        open();

        assertEquals(List.of(vanished), List.copyOf(site.compute().domains(new HostName("a1"))),
                "the orphan is destroyed and the vanished domain is back");
        NodeView restored = site.status().status(id).nodes().get(0);
        assertEquals(DomainRunState.RUNNING, restored.state());
        assertEquals(Optional.empty(), restored.problem());
        site.compute().awaitReady(new HostName("a1"), vanished, java.time.Duration.ofSeconds(60));
        site.lifecycle().terminate(id, tx);
        assertNothingLeft();
    }

    @Test
    @Order(6)
    void withAHostsLibvirtdDownProvisionIsATypedFaultSayingWhatToCheckAndNothingIsLeft() {
        open();
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-a", "a1", GOOD, "52:54:00:74:21:5a", "10.74.21.1"),
                node("vm-b", "a2", GOOD, "52:54:00:74:21:5b", "10.74.21.2"));
        HOSTS.remove("a2").close();
        try {
            ComputeException e = assertThrows(ComputeException.class, () -> site.lifecycle().provision(id, tx));

            assertTrue(e.getMessage().contains("libvirtd"), e.getMessage());
            HostName a1 = new HostName("a1");
            assertEquals(List.of(), List.copyOf(site.compute().domains(a1)));
            assertEquals(List.of(), List.copyOf(site.storage().orElseThrow().instances().present(a1)));
            assertFalse(lan.isthmusLinks(lan.host1).stream().anyMatch(l -> l.startsWith("isbr")),
                    lan.isthmusLinks(lan.host1).toString());
        } finally {
            startHost("a2");
        }
        assertEquals(BookingState.COMMITTED, site.status().status(id).state(), "the site reconnects to a2");
        assertNothingLeft();
    }

    @Test
    @Order(7)
    void withOneBootPerHostTheSecondGuestStartsOnlyOnceTheFirstIsReady() throws Exception {
        open("site.guest.bootsPerHost=1");
        TransactionId tx = TestSite.newTransaction();
        ReservationId id = commit(tx, node("vm-a", "a1", GOOD, "52:54:00:74:21:6a", "10.74.21.1"),
                node("vm-b", "a1", GOOD, "52:54:00:74:21:6b", "10.74.21.2"));
        HostName a1 = new HostName("a1");
        java.util.concurrent.atomic.AtomicReference<String> bothSeen = new java.util.concurrent.atomic.AtomicReference<>();
        Thread watcher = new Thread(() -> {
            while (bothSeen.get() == null && !Thread.currentThread().isInterrupted()) {
                if (site.compute().domains(a1).size() == 2) {
                    long connected = List.of("vm-a", "vm-b").stream().map(n -> liveXml(site, id, n, "a1").orElse(""))
                            .filter(xml -> xml.contains("state='connected'")).count();
                    bothSeen.set(connected + " of 2 guests ready when the second domain appeared");
                }
            }
        }, "boot-watcher");
        watcher.start();
        try {
            assertEquals(BookingState.PROVISIONED, site.lifecycle().provision(id, tx).state());
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertEquals("1 of 2 guests ready when the second domain appeared", bothSeen.get(),
                "with site.guest.bootsPerHost=1 a host boots one guest at a time");
        site.lifecycle().terminate(id, tx);
        assertNothingLeft();
    }
}
