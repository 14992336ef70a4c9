package io.isthmus.rms;

import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A two-host emulated site (a1: 16 cores / 64 GiB / nested, a2: 8 cores / 32 GiB / no nested) for tests, whose image
 * catalog ({@code <dataDir>/images}) holds {@value #IMAGE}.
 */
final class TestSite {

    static final String IMAGE = "debian-12";

    private TestSite() {
    }

    static Properties properties(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("site.id", "site-a");
        p.setProperty("site.listen", "http://127.0.0.1:" + freePort() + "/rms/SiteRmsService");
        p.setProperty("site.dataDir", dataDir.toString());
        p.setProperty("site.gateway.id", "gw-a");
        p.setProperty("site.gateway.endpoint", "http://127.0.0.1:8202/gateway/GatewayService");
        p.setProperty("site.hosts", "a1,a2");
        p.setProperty("host.a1.cores", "16");
        p.setProperty("host.a1.memoryMib", "65536");
        p.setProperty("host.a1.diskGib", "500");
        p.setProperty("host.a1.nested", "true");
        p.setProperty("host.a2.cores", "8");
        p.setProperty("host.a2.memoryMib", "32768");
        p.setProperty("host.a2.diskGib", "250");
        p.setProperty("host.a2.nested", "false");
        p.setProperty("site.imageDir", imageDir(dataDir).toString());
        return p;
    }

    /** The site's image directory, created with an (empty) {@value #IMAGE}.qcow2 in it. */
    static Path imageDir(Path dataDir) {
        Path images = dataDir.toAbsolutePath().resolve("images");
        try {
            Files.createDirectories(images);
            if (!Files.exists(images.resolve(IMAGE + ".qcow2"))) {
                Files.createFile(images.resolve(IMAGE + ".qcow2"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }

    static RmsConfig config(Path dataDir) {
        return RmsConfig.fromProperties(properties(dataDir));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReservationId newReservation() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    static TransactionId newTransaction() {
        return new TransactionId(UUID.randomUUID().toString());
    }

    static TimeWindow window(Instant now) {
        return new TimeWindow(now, now.plus(Duration.ofHours(2)));
    }

    static NodeSpec node(String name, int vcpus, int memoryMib, boolean nested, Optional<String> host,
            NicSpec... nics) {
        return new NodeSpec(new NodeName(name), vcpus, memoryMib, 20, new ImageRef(IMAGE), nested,
                host.map(HostName::new), List.of(nics));
    }

    static NicSpec nic(String segment, int vni, String mac) {
        return new NicSpec(segment, new Vni(vni), new MacAddress(mac), Optional.empty());
    }

    static PrepareCommand prepare(ReservationId id, TransactionId tx, Instant now, NodeSpec... nodes) {
        return new PrepareCommand(id, tx, "acme", window(now), now.plus(Duration.ofMinutes(2)), List.of(nodes));
    }
}
