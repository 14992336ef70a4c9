package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

/** Each emulated host gets a libvirtd of its own: inside its network namespace, with its hostname and host UUID. */
class HostLibvirtdTest {

    private static final CommandRunner RUN = new CommandRunner(Duration.ofSeconds(20));
    private final List<String> namespaces = new ArrayList<>();
    private final List<HostLibvirtd> hosts = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void realLibvirtdCanRun() {
        assumeTrue("root".equals(System.getProperty("user.name")), "emulated hosts need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/libvirtd")) && Files.isExecutable(
                Path.of("/usr/bin/qemu-system-x86_64")), "install with: apt-get install -y --no-install-recommends"
                + " libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils");
    }

    @AfterEach
    void cleanUp() {
        hosts.forEach(HostLibvirtd::close);
        namespaces.forEach(ns -> RUN.run(List.of("ip", "netns", "del", ns)));
    }

    @Test
    void twoHostsEachAnswerWithTheirOwnNameAndUuidFromInsideTheirNamespace() throws Exception {
        HostLibvirtd a1 = start("a1");
        HostLibvirtd a2 = start("a2");
        for (HostLibvirtd host : List.of(a1, a2)) {
            Connect connect = new Connect(host.uri(), false);
            try {
                assertEquals(host.host().value(), connect.getHostName(), "hostname through the host's UTS namespace");
                String capabilities = connect.getCapabilities();
                assertTrue(capabilities.contains("<uuid>" + host.hostUuid() + "</uuid>"), capabilities);
                assertTrue(capabilities.contains("<domain type='qemu'"), "QEMU (TCG) guests offered: " + capabilities);
            } finally {
                connect.close();
            }
            long pid = host.libvirtdPid().orElseThrow();
            assertEquals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString(),
                    "net:[" + Files.getAttribute(Path.of("/run/netns/isth-" + host.host()), "unix:ino") + "]",
                    "libvirtd runs in the host's network namespace, where its guests' taps join the bridges");
        }
        Path images = dir.resolve("catalog");
        a1.ensureDirPool("isthmus-images", images);
        Files.writeString(images.resolve("tiny.img"), "not really an image");
        a1.ensureDirPool("isthmus-images", images);
        Connect connect = new Connect(a1.uri(), false);
        try {
            StoragePool pool = connect.storagePoolLookupByName("isthmus-images");
            assertEquals(1, pool.isActive(), "the pool is active");
            assertTrue(pool.getXMLDesc(0).contains("<path>" + images + "</path>"), pool.getXMLDesc(0));
            assertEquals(List.of("tiny.img"), List.of(pool.listVolumes()), "a second ensure refreshed the pool");
            pool.free();
        } finally {
            connect.close();
        }
        assertNotEquals(a1.hostUuid(), a2.hostUuid());
        assertNotEquals(a1.uri(), a2.uri());
    }

    @Test
    void closeStopsTheDaemonsAndReapingKillsWhatAKilledOwnerLeft() throws Exception {
        HostLibvirtd host = start("a3");
        long libvirtd = host.libvirtdPid().orElseThrow();
        long virtlogd = Long.parseLong(Files.readString(host.stateDir().resolve("run/virtlogd.pid")).trim());
        HostLibvirtd.reapLeftovers(host.stateDir());
        assertFalse(ProcessHandle.of(libvirtd).map(ProcessHandle::isAlive).orElse(false), "libvirtd reaped");
        assertFalse(ProcessHandle.of(virtlogd).map(ProcessHandle::isAlive).orElse(false), "virtlogd reaped");

        HostLibvirtd again = HostLibvirtd.start(new NamespaceName("isth-a3"), new HostName("a3"), host.stateDir());
        hosts.add(again);
        assertEquals(host.hostUuid(), again.hostUuid(), "a restarted host keeps its UUID");
        long restarted = again.libvirtdPid().orElseThrow();
        again.close();
        assertFalse(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false), "close stops libvirtd");
    }

    @Test
    void aMissingNamespaceIsNamedAndNothingKeepsRunning() {
        EmulationException e = assertThrows(EmulationException.class, () -> HostLibvirtd.start(
                new NamespaceName("isth-nosuch"), new HostName("nosuch"), dir.resolve("nosuch")));
        assertTrue(e.getMessage().contains("isth-nosuch"), e.getMessage());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains("isth-nosuch")).orElse(false)), "no holder left");
    }

    private HostLibvirtd start(String name) {
        String ns = "isth-" + name;
        RUN.run(List.of("ip", "netns", "del", ns));
        assertEquals(0, RUN.run(List.of("ip", "netns", "add", ns)).exitCode());
        namespaces.add(ns);
        HostLibvirtd host = HostLibvirtd.start(new NamespaceName(ns), new HostName(name), dir.resolve(name));
        hosts.add(host);
        return host;
    }
}
