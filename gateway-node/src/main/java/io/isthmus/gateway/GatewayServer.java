package io.isthmus.gateway;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.isthmus.gateway.application.stitch.LeaseReaper;
import io.isthmus.gateway.application.stitch.Reconciler;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.persistence.H2BookingRepository;
import io.isthmus.gateway.interfaces.soap.GatewaySoapEndpoint;
import io.isthmus.wsdl.support.GuardedSoapFilter;
import io.isthmus.wsdl.support.RequestGuard;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway: probes the tunnel kinds, applies the tenant isolation rules, reconciles the data plane with
 * its bookings, publishes GatewayService on the JDK HTTP server and, in the background, releases expired holds and
 * tears down bookings past their window.
 * {@link #close()} stops all of it (stitched interfaces and their openvpn daemons stay up: a restarted gateway
 * finds them and keeps forwarding; so their isolation rules stay too, and are removed only when no stitched
 * interface is left).
 */
public final class GatewayServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GatewayServer.class.getName());

    private final GatewayConfig config;
    private final H2BookingRepository bookings;
    private final GatewayParts parts;
    private final HttpServer http;
    private final ExecutorService requests;
    private final Endpoint endpoint;
    private final ScheduledExecutorService reaper;

    private GatewayServer(GatewayConfig config, H2BookingRepository bookings, GatewayParts parts, HttpServer http,
                          ExecutorService requests, Endpoint endpoint, ScheduledExecutorService reaper) {
        this.config = config;
        this.bookings = bookings;
        this.parts = parts;
        this.http = http;
        this.requests = requests;
        this.endpoint = endpoint;
        this.reaper = reaper;
    }

    public static GatewayServer start(GatewayConfig config) {
        return start(config, Clock.systemUTC(), new ProcessCommandRunner());
    }

    /** A gateway on {@code clock} whose commands go through {@code runner}. */
    static GatewayServer start(GatewayConfig config, Clock clock, CommandRunner runner) {
        H2BookingRepository bookings = openStore(config);
        try {
            GatewayParts parts = GatewayParts.assemble(config, bookings, clock, runner);
            parts.isolation().apply();
            new Reconciler(config.id(), bookings, parts.dataPlane()).reconcile();
            StitchService service = parts.service();
            HttpServer http = HttpServer.create(new InetSocketAddress(config.listen().getHost(),
                    config.listen().getPort()), 0);
            ExecutorService requests = Executors.newFixedThreadPool(4, daemon("gateway-http"));
            http.setExecutor(requests);
            Endpoint endpoint = Endpoint.create(new GatewaySoapEndpoint(service));
            HttpContext context = http.createContext(config.listenPath());
            context.getFilters().add(new GuardedSoapFilter(new RequestGuard(config.maxRequestBytes()),
                    "gateway " + config.id()));
            endpoint.publish(context);
            http.start();
            ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(daemon("gateway-reaper"));
            long every = config.reapInterval().toMillis();
            reaper.scheduleWithFixedDelay(new LeaseReaper(config.id(), service), every, every, TimeUnit.MILLISECONDS);
            return new GatewayServer(config, bookings, parts, http, requests, endpoint, reaper);
        } catch (IOException e) {
            bookings.close();
            throw new UncheckedIOException("gateway " + config.id() + " cannot listen on " + config.listen() + ": "
                    + e.getMessage() + " (is another process using the port? change gateway.listen)", e);
        } catch (RuntimeException e) {
            bookings.close();
            throw e;
        }
    }

    /** The published GatewayService address (its WSDL is at {@code endpoint() + "?wsdl"}). */
    public URL endpoint() {
        try {
            return config.listen().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("listen address " + config.listen() + " is not a URL", e);
        }
    }

    public GatewayConfig config() {
        return config;
    }

    /** The tunnel kinds probed at start-up. */
    public List<TunnelKindSupport> supportedKinds() {
        return parts.dataPlane().supportedKinds();
    }

    /** Whether tenant isolation is in force, as applied at start. */
    public IsolationStatus isolation() {
        return parts.isolation().status();
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        endpoint.stop();
        http.stop(0);
        requests.shutdownNow();
        bookings.close();
        releaseIsolation();
        LOG.log(System.Logger.Level.INFO, "Isthmus gateway {0} stopped", config.id());
    }

    /** Keeps the rules while stitched interfaces still forward; removes them once none is left. */
    private void releaseIsolation() {
        try {
            Set<InterfaceName> left = parts.dataPlane().presentManagedInterfaces();
            if (left.isEmpty()) {
                parts.isolation().remove();
            } else {
                LOG.log(System.Logger.Level.INFO, "gateway {0}: isolation rules stay in place for {1} stitched "
                        + "interface(s) that keep forwarding: {2}", config.id(), left.size(), left);
            }
        } catch (UnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: isolation rules left as they are at stop: {1}",
                    config.id(), e.getMessage());
        }
    }

    private static H2BookingRepository openStore(GatewayConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new GatewayConfigException("gateway.dataDir: cannot create " + config.dataDir() + ": "
                    + e.getMessage(), e);
        }
        return H2BookingRepository.open(config.dataDir());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
