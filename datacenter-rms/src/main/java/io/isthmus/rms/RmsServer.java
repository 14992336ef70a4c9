package io.isthmus.rms;

import io.isthmus.rms.application.reservation.HoldReaper;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.isthmus.wsdl.support.GuardedSoapFilter;
import io.isthmus.wsdl.support.RequestGuard;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
    private final HttpServer http;
    private final ExecutorService executor;
    private boolean closed;

    private RmsServer(RmsConfig config, RmsComponents components, HoldReaper reaper, Endpoint endpoint,
            HttpServer http, ExecutorService executor) {
        this.config = config;
        this.components = components;
        this.reaper = reaper;
        this.endpoint = endpoint;
        this.http = http;
        this.executor = executor;
    }

    public static RmsServer start(RmsConfig config) {
        RmsComponents components = RmsComponents.open(config, Clock.systemUTC());
        HoldReaper reaper = HoldReaper.start(config.reaperInterval(), config.siteId().value(), components.sweeps());
        ExecutorService executor = Executors.newFixedThreadPool(8, threads(config.siteId().value()));
        HttpServer http = null;
        try {
            http = HttpServer.create(new InetSocketAddress(config.listen().getHost(), config.listen().getPort()), 0);
            http.setExecutor(executor);
            HttpContext context = http.createContext(config.listen().getPath());
            context.getFilters().add(new GuardedSoapFilter(new RequestGuard(config.maxRequestBytes()),
                    "site " + config.siteId()));
            Endpoint endpoint = Endpoint.create(components.endpoint());
            endpoint.publish(context);
            http.start();
            LOG.log(Level.INFO, "Isthmus RMS {0} ready at {1} ({2} hosts)", config.siteId(), config.listen(),
                    config.hosts().size());
            return new RmsServer(config, components, reaper, endpoint, http, executor);
        } catch (IOException e) {
            stopAll(http, executor, reaper, components);
            throw new UncheckedIOException("site " + config.siteId() + " cannot listen on " + config.listen() + ": "
                    + e.getMessage() + " (is another process using the port? change site.listen)", e);
        } catch (RuntimeException e) {
            stopAll(http, executor, reaper, components);
            throw e;
        }
    }

    private static void stopAll(HttpServer http, ExecutorService executor, HoldReaper reaper,
                                RmsComponents components) {
        if (http != null) {
            http.stop(0);
        }
        executor.shutdownNow();
        reaper.close();
        components.close();
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
            http.stop(0);
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
