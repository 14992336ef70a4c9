package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.emulation.HostLibvirtd;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An RMS whose host is a real libvirtd starts only when the host holds its image and instance pools. */
class RealHostStorageComponentTest {

    private static final CommandRunner RUN = new CommandRunner(Duration.ofSeconds(30));
    private static final String NAMESPACE = "isth-stor-r1";

    @TempDir
    Path dir;
    private HostLibvirtd host;

    @BeforeEach
    void startHost() {
        assumeTrue("root".equals(System.getProperty("user.name")), "a private libvirtd needs root; run as root");
        for (String binary : List.of("/usr/sbin/libvirtd", "/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img",
                "/usr/bin/genisoimage")) {
            assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is missing; install with: apt-get install -y"
                    + " --no-install-recommends libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils"
                    + " genisoimage");
        }
        RUN.run(List.of("ip", "netns", "del", NAMESPACE));
        assertEquals(0, RUN.run(List.of("ip", "netns", "add", NAMESPACE)).exitCode());
        host = HostLibvirtd.start(new NamespaceName(NAMESPACE), new HostName("a1"), dir.resolve("a1"));
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
        RUN.run(List.of("ip", "netns", "del", NAMESPACE));
    }

    @Test
    void withoutItsPoolsTheRmsRefusesToStartNamingHostPoolAndKey() {
        ComputeException e = assertThrows(ComputeException.class,
                () -> RmsComponents.open(config(), new MutableClock(Instant.now())));

        assertTrue(e.getMessage().contains("host a1") && e.getMessage().contains("'isthmus-images'")
                && e.getMessage().contains("site.imagePool") && e.getMessage().contains("pool-define-as"),
                e.getMessage());
    }

    @Test
    void withItsPoolsTheRmsOffersTheCatalogAndTheInstanceStorage() {
        host.ensureDirPool("isthmus-images", dir.resolve("images"));
        host.ensureDirPool("isthmus-instances", dir.resolve("instances"));
        assertEquals(0, RUN.run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                dir.resolve("images/debian-12.qcow2").toString(), "64M")).exitCode());

        try (RmsComponents site = RmsComponents.open(config(), new MutableClock(Instant.now()))) {
            assertEquals(Set.of(new ImageRef("debian-12")), site.storage().orElseThrow().catalog().images());
            assertEquals(Set.of(), site.storage().orElseThrow().instances().present(new HostName("a1")));
        }
    }

    @Test
    void aSiteOfEmulatedTestDriverHostsHasNoPoolStorage() {
        try (RmsComponents site = RmsComponents.open(TestSite.config(dir.resolve("emulated")),
                new MutableClock(Instant.now()))) {
            assertTrue(site.storage().isEmpty());
        }
    }

    private RmsConfig config() {
        Properties p = TestSite.properties(dir.resolve("data"));
        p.setProperty("site.hosts", "a1");
        p.setProperty("host.a1.uri", host.uri());
        return RmsConfig.fromProperties(p);
    }
}
