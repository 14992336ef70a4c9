package io.isthmus.examples.federation;

import io.isthmus.examples.federation.config.DataPlaneMode;
import io.isthmus.examples.federation.hosts.EmulatedHosts;
import io.isthmus.examples.federation.identity.KeycloakServer;
import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.examples.federation.process.LaunchSpec;
import io.isthmus.examples.federation.process.ReadinessProbe;
import io.isthmus.examples.federation.topology.CommandRunner;
import io.isthmus.examples.federation.topology.NetnsTopology;
import io.isthmus.rms.emulation.TestGuestImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A running emulated federation on this machine: the emulated data plane in network namespaces (when root), a
 * libvirtd with QEMU per emulated host (when root, unless stand-ins are asked for), Keycloak (when asked for), four
 * gateways, two site RMSs and the broker on Payara Micro, each a child process. {@link #close()} stops them all,
 * then whatever still runs in the namespaces, and removes the namespaces.
 */
public final class EmulatedFederation implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmulatedFederation.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final List<ChildProcess> children = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Optional<NetnsTopology> topology;
    private final FederationPlan plan;
    private Optional<EmulatedHosts> hosts = Optional.empty();
    private Optional<KeycloakServer> identity = Optional.empty();
    private FederationEndpoints endpoints;

    private EmulatedFederation(Optional<NetnsTopology> topology, FederationPlan plan) {
        this.topology = topology;
        this.plan = plan;
    }

    /** Checks prerequisites, builds the underlay, starts every part and waits until each answers ?wsdl. */
    public static EmulatedFederation start(FederationOptions options) {
        return start(options, federation -> { });
    }

    /** As {@link #start(FederationOptions)}, handing the federation to {@code created} before any child starts. */
    static EmulatedFederation start(FederationOptions options, Consumer<EmulatedFederation> created) {
        long started = System.nanoTime();
        FederationPlan plan = new FederationPlan(options);
        boolean root = Prerequisites.check(plan.tcpPorts());
        options.artifacts().verify();
        if (options.identity() == FederationOptions.IdentityMode.KEYCLOAK) {
            options.artifacts().verifyIdentity();
        }
        if (!root) {
            System.out.println("WARNING: data plane not emulated (not root): sites run with site.dataPlane=none and"
                    + " gateways will refuse to stitch; run as root to emulate hosts and gateways in namespaces");
        }
        EmulatedFederation federation = new EmulatedFederation(
                root ? Optional.of(new NetnsTopology(new CommandRunner())) : Optional.empty(), plan);
        created.accept(federation);
        try {
            EmulatedHosts.reapLeftovers(options.runDir());
            federation.topology.ifPresent(NetnsTopology::create);
            cleanRunDirectory(plan);
            if (options.identity() == FederationOptions.IdentityMode.KEYCLOAK) {
                KeycloakServer keycloak = KeycloakServer.start(plan.keycloak());
                federation.identity = Optional.of(keycloak);
                federation.children.add(keycloak.process());
            }
            DataPlaneMode mode = federation.topology
                    .map(t -> DataPlaneMode.emulated(t.trunkCarriesVlans())).orElse(DataPlaneMode.NONE);
            if (mode == DataPlaneMode.EMULATED_ACCESS_PORTS) {
                System.out.println("NOTE: this kernel has no 802.1Q VLAN support: each requester gateway takes its"
                        + " tenant's VLANs (100, 200, 101-116) on access ports (acc100, …) instead of a trunk");
            }
            if (root && options.guests() == FederationOptions.GuestMode.QEMU) {
                TestGuestImage.Image image = TestGuestImage.ensure(options.imageCache());
                federation.hosts = Optional.of(EmulatedHosts.start(plan.siteLans(), options.runDir(), image));
                plan.writeConfigs(mode, federation.hosts.get());
            } else {
                if (root) {
                    System.out.println("NOTE: --guests stand-in: the sites' L1 VMs run on libvirt's test driver, each"
                            + " NIC a veth stand-in");
                }
                plan.writeConfigs(mode);
            }
            List<ChildProcess> services = plan.services().stream().map(spec -> federation.launch(spec, plan)).toList();
            services.forEach(ReadinessProbe::awaitReady);
            ReadinessProbe.awaitReady(federation.launch(plan.broker(), plan));
            federation.endpoints = plan.endpoints(root, Duration.ofNanos(System.nanoTime() - started));
            LOG.log(System.Logger.Level.INFO, "Emulated federation ready in {0} ms",
                    federation.endpoints.startup().toMillis());
            return federation;
        } catch (RuntimeException e) {
            try {
                federation.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    public FederationEndpoints endpoints() {
        return endpoints;
    }

    /** The run directory: configuration, data, logs, and the emulated hosts' state. */
    public Path runDirectory() {
        return plan.runDirectory();
    }

    /** The emulated hosts' libvirtd with QEMU, when the sites run real guests. */
    public Optional<EmulatedHosts> hosts() {
        return hosts;
    }

    /** Keycloak with realm {@code isthmus}, when the federation was started with an identity provider. */
    public Optional<KeycloakServer> identity() {
        return identity;
    }

    /** The running children, in start order. */
    public List<ChildProcess> children() {
        synchronized (children) {
            return List.copyOf(children);
        }
    }

    /**
     * Starts the broker again on the same database, with {@code extraSettings} on top of the federation's, after the
     * running one has stopped (a crash test's broker kills itself; any other is stopped here); waits until it serves
     * its WSDL. Payara Micro's root directory is emptied first so the WAR is deployed once.
     */
    public ChildProcess restartBroker(Map<String, String> extraSettings) {
        ChildProcess old = broker();
        old.stop(STOP_GRACE);
        children.remove(old);
        if (Files.exists(plan.payaraRoot())) {
            deleteTree(plan.payaraRoot());
        }
        ChildProcess started = launch(plan.broker(extraSettings), plan);
        ReadinessProbe.awaitReady(started);
        return started;
    }

    /**
     * Starts a second broker instance (port base+81) with the federation's settings and {@code extraSettings}, which
     * must name a database the two share; waits until it serves its WSDL.
     */
    public ChildProcess startSecondBroker(Map<String, String> extraSettings) {
        ChildProcess started = launch(plan.secondBroker(extraSettings), plan);
        ReadinessProbe.awaitReady(started);
        return started;
    }

    /** A running child by name ("broker", "broker-2", "site-a", "gw-req", …). */
    public ChildProcess child(String name) {
        return children().stream().filter(c -> c.name().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("no running " + name + " in this federation"));
    }

    /** Kills a site RMS or gateway with SIGKILL, as a crash or a power cut would; {@link #startService} brings it back. */
    public void killService(String name) {
        ChildProcess service = child(name);
        service.kill();
        children.remove(service);
    }

    /** Starts a site RMS or gateway of this federation again on its own data directory; waits until it is ready. */
    public ChildProcess startService(String name) {
        LaunchSpec spec = plan.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in this federation"));
        ChildProcess started = launch(spec, plan);
        ReadinessProbe.awaitReady(started);
        return started;
    }

    /** The kill file of process {@code name} when the federation runs with fault injection. */
    public Path killFile(String name) {
        return plan.killFile(name);
    }

    /** The broker's process. */
    public ChildProcess broker() {
        return child("broker");
    }

    /** The first child that has exited on its own, if any. */
    public Optional<ChildProcess> firstExited() {
        return children().stream().filter(child -> !child.isAlive()).findFirst();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ChildProcess> running = new ArrayList<>(children());
        Collections.reverse(running);
        running.forEach(ChildProcess::signalStop);
        running.forEach(child -> child.awaitStopped(STOP_GRACE));
        identity.ifPresent(KeycloakServer::close);
        hosts.ifPresent(EmulatedHosts::close);
        topology.ifPresent(NetnsTopology::close);
        LOG.log(System.Logger.Level.INFO, "Emulated federation stopped");
    }

    private ChildProcess launch(LaunchSpec spec, FederationPlan plan) {
        ChildProcess child = ChildProcess.start(spec, plan.logDirectory());
        children.add(child);
        return child;
    }

    private static void cleanRunDirectory(FederationPlan plan) {
        for (Path dir : plan.stateDirectories()) {
            if (Files.exists(dir)) {
                LOG.log(System.Logger.Level.INFO, "Removing {0} from an earlier run", dir);
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean " + dir + " of an earlier run; remove it by hand", e);
        }
    }
}
