package io.isthmus.broker.application.reservation;

import io.isthmus.rms.RmsConfig;
import io.isthmus.rms.RmsServer;
import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.HostName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A provider site's real RMS, {@value #ID}, with one libvirt test-driver host {@value #HOST}, started in the test JVM.
 * The test books and provisions nodes on it directly, as the broker's prepare, commit and provision would; the host's
 * storage keeps each VM's console log as a file, which {@link #print} appends to as virtlogd would.
 */
final class OneHostSite implements AutoCloseable {
    static final String ID = "site-c";
    static final String HOST = "h1";

    private final RmsServer server;
    private final Path dataDir;

    private OneHostSite(RmsServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static OneHostSite start(Path dir) throws IOException {
        Properties s = new Properties();
        s.setProperty("site.id", ID);
        s.setProperty("site.listen", "http://127.0.0.1:" + freePort() + "/rms/SiteRmsService");
        s.setProperty("site.dataDir", dir.toString());
        s.setProperty("site.gateway.id", "gw-c");
        s.setProperty("site.gateway.endpoint", "http://127.0.0.1:8202/gateway/GatewayService");
        s.setProperty("site.hosts", HOST);
        s.setProperty("host.h1.cores", "8");
        s.setProperty("host.h1.memoryMib", "16384");
        s.setProperty("host.h1.diskGib", "100");
        s.setProperty("host.h1.nested", "true");
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.createFile(images.resolve("debian-12.qcow2"));
        s.setProperty("site.imageDir", images.toString());
        return new OneHostSite(RmsServer.start(RmsConfig.fromProperties(s)), dir);
    }

    URI endpoint() {
        try {
            return server.endpoint().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds, commits and provisions {@code nodes} (1 vCPU, 512 MiB each) on {@value #HOST} under {@code transaction}. */
    void provision(String reservation, String transaction, String... nodes) {
        var id = new io.isthmus.rms.domain.reservation.ReservationId(reservation);
        TransactionId tx = new TransactionId(transaction);
        Instant now = Instant.now();
        List<NodeSpec> specs = Arrays.stream(nodes).map(n -> new NodeSpec(new NodeName(n), 1, 512, 1,
                new ImageRef("debian-12"), true, Optional.of(new HostName(HOST)), List.of())).toList();
        server.components().holds().prepare(new PrepareCommand(id, tx, "acme",
                new TimeWindow(now, now.plus(Duration.ofHours(1))), now.plus(Duration.ofMinutes(2)), specs));
        server.components().holds().commit(id, tx);
        server.components().lifecycle().provision(id, tx);
    }

    /** Appends {@code text} to the node's console log, as virtlogd does with what the guest prints. */
    void print(String reservation, String node, String text) throws IOException {
        DomainName domain = DomainName.of(new io.isthmus.rms.domain.reservation.ReservationId(reservation),
                new NodeName(node));
        Path log = dataDir.resolve("instances").resolve(HOST).resolve(domain.value()).resolve("console.log");
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    public void close() {
        server.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
