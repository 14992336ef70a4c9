package io.isthmus.rms;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar isthmus-datacenter-rms.jar --config site-a.properties}. Runs until
 * SIGTERM/SIGINT, then closes the endpoint, the libvirt connections and the database.
 */
public final class RmsMain {

    private static final Logger LOG = System.getLogger(RmsMain.class.getName());

    private RmsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path configFile = configFile(args);
        RmsConfig config;
        try {
            config = RmsConfig.load(configFile);
        } catch (InvalidConfigException e) {
            System.err.println("isthmus-rms: " + e.getMessage());
            System.exit(2);
            return;
        }
        RmsServer server = RmsServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(Level.INFO, "shutting down Isthmus RMS {0}", config.siteId());
            server.close();
            stopped.countDown();
        }, "rms-shutdown"));
        stopped.await();
    }

    private static Path configFile(String[] args) {
        if (args.length == 2 && args[0].equals("--config")) {
            return Path.of(args[1]);
        }
        System.err.println("usage: java -jar isthmus-datacenter-rms.jar --config <site.properties>");
        System.exit(2);
        throw new IllegalStateException("unreachable");
    }
}
