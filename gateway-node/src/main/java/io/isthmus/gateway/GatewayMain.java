package io.isthmus.gateway;

import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Starts a gateway node: {@code java -jar isthmus-gateway-node.jar --config gw-req.properties}. Runs until
 * SIGTERM/SIGINT, then stops cleanly.
 */
public final class GatewayMain {

    private static final System.Logger LOG = System.getLogger(GatewayMain.class.getName());

    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path configFile = configFile(args);
        GatewayServer server;
        try {
            server = GatewayServer.start(GatewayConfig.load(configFile));
        } catch (GatewayConfigException | java.io.UncheckedIOException e) {
            System.err.println("isthmus gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // java.util.logging may already be shut down by its own hook: say it on stderr
            System.err.println("Isthmus gateway " + server.config().id() + " stopped");
            stopped.countDown();
        }, "gateway-shutdown"));
        LOG.log(System.Logger.Level.INFO, readyLine(server));
        stopped.await();
    }

    static String readyLine(GatewayServer server) {
        String kinds = server.supportedKinds().stream().filter(TunnelKindSupport::available)
                .map(k -> k.kind().wireName()).collect(Collectors.joining(", "));
        GatewayConfig c = server.config();
        return "Isthmus gateway " + c.id() + " ready at " + server.endpoint() + " (tunnel address "
                + c.tunnelAddress() + c.siteLeg().map(l -> ", site leg " + l.address() + " UDP " + l.port() + " to "
                + l.hosts().size() + " host(s)").orElse("") + ", kinds: " + (kinds.isEmpty() ? "none" : kinds)
                + ", tenant isolation " + server.isolation().describe() + ")";
    }

    private static Path configFile(String[] args) {
        if (args.length == 2 && "--config".equals(args[0])) {
            return Path.of(args[1]);
        }
        System.err.println("usage: java -jar isthmus-gateway-node.jar --config <gateway.properties>");
        System.exit(2);
        throw new IllegalStateException("unreachable");
    }
}
