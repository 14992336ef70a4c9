package io.isthmus.rms;

import io.isthmus.rms.application.reservation.HoldReaper;
import jakarta.xml.ws.Endpoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running site RMS: the wired components, the hold reaper, and the SiteRmsService endpoint
 * published with Metro on the JDK HTTP server at {@code site.listen}. Start it in-process with
 * {@code try (RmsServer rms = RmsServer.start(RmsConfig.load(file))) { ... rms.endpoint() ... }}.
 */
public final class RmsServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(RmsServer.class.getName());

    private final RmsConfig config;
    private final RmsComponents components;
    private final HoldReaper reaper;
    private final Endpoint endpoint;
    private final ExecutorService executor;
    private boolean closed;

    private RmsServer(RmsConfig config, RmsComponents components, HoldReaper reaper, Endpoint endpoint,
            ExecutorService executor) {
        this.config = config;
        this.components = components;
        this.reaper = reaper;
        this.endpoint = endpoint;
        this.executor = executor;
    }

    public static RmsServer start(RmsConfig config) {
        RmsComponents components = RmsComponents.open(config, Clock.systemUTC());
        HoldReaper reaper = HoldReaper.start(config.reaperInterval(), config.siteId().value(), components.sweeps());
        ExecutorService executor = Executors.newFixedThreadPool(8, threads(config.siteId().value()));
        try {
            Endpoint endpoint = Endpoint.create(components.endpoint());
            endpoint.setExecutor(executor);
            endpoint.publish(config.listen().toString());
            LOG.log(Level.INFO, "Isthmus RMS {0} ready at {1} ({2} hosts)", config.siteId(), config.listen(),
                    config.hosts().size());
            return new RmsServer(config, components, reaper, endpoint, executor);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            reaper.close();
            components.close();
            throw e;
        }
    }

    /** The address of the published SiteRmsService; append {@code ?wsdl} for its contract. */
    public URL endpoint() {
        return config.listen();
    }

    public RmsConfig config() {
        return config;
    }

    /** The wired components behind the endpoint (for in-process tests and tools). */
    public RmsComponents components() {
        return components;
    }

    /** Stops the endpoint, the reaper, the libvirt connections and the database. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endpoint.stop();
            executor.shutdownNow();
            reaper.close();
        } finally {
            components.close();
            LOG.log(Level.INFO, "Isthmus RMS {0} stopped", config.siteId());
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String siteId) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, "rms-" + siteId + "-soap-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
