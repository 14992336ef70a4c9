package io.isthmus.rms;

import io.isthmus.rms.application.qos.ShapingService;
import io.isthmus.rms.application.reservation.ConsoleService;
import io.isthmus.rms.application.reservation.FaultPoints;
import io.isthmus.rms.application.reservation.HoldReaper;
import io.isthmus.rms.application.reservation.HoldService;
import io.isthmus.rms.application.reservation.LifecycleService;
import io.isthmus.rms.application.reservation.NodeNetwork;
import io.isthmus.rms.application.reservation.NodeProblems;
import io.isthmus.rms.application.reservation.OverdueTeardown;
import io.isthmus.rms.application.reservation.ReservationLocks;
import io.isthmus.rms.application.reservation.SiteMachinery;
import io.isthmus.rms.application.reservation.StatusService;
import io.isthmus.rms.application.site.CapacityService;
import io.isthmus.rms.domain.compute.ImageCatalog;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Site;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.dataplane.EmulatedNodeNetwork;
import io.isthmus.rms.infrastructure.fault.KillSwitch;
import io.isthmus.rms.infrastructure.image.DirectoryImageCatalog;
import io.isthmus.rms.infrastructure.libvirt.DomainXmlWriter;
import io.isthmus.rms.infrastructure.libvirt.LibvirtComputeDriver;
import io.isthmus.rms.infrastructure.libvirt.LibvirtHosts;
import io.isthmus.rms.infrastructure.libvirt.TestNodeXmlWriter;
import io.isthmus.rms.infrastructure.libvirt.storage.LibvirtSiteStorage;
import io.isthmus.rms.infrastructure.persistence.H2Database;
import io.isthmus.rms.infrastructure.persistence.JdbcBookingRepository;
import io.isthmus.rms.infrastructure.storage.SeedDirectoryInstanceStorage;
import io.isthmus.rms.interfaces.soap.SiteRmsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The wired site: database, libvirt driver and use cases, without any network endpoint. Hosts
 * without a configured URI get a generated test-driver node file under {@code dataDir/hosts}. With
 * {@code site.dataPlane=emulated}, opening checks the host namespaces, reconciles the data plane with the
 * provisioned bookings (orphan stand-ins and unused segments removed, missing ones recreated), shapes their NICs
 * again and starts re-dividing each host's link every {@code site.qos.periodMillis}. With
 * {@code site.fault.killAtFile} the use cases reach their fault points through a {@link KillSwitch}. When every host
 * has a real libvirt URI, opening also checks each host's storage pools ({@code site.imagePool},
 * {@code site.instancePool}) and offers the VMs' own disks and the image catalog through {@link #storage()}.
 */
public final class RmsComponents implements AutoCloseable {

    private final Site site;
    private final H2Database database;
    private final LibvirtComputeDriver compute;
    private final CapacityService capacity;
    private final HoldService holds;
    private final LifecycleService lifecycle;
    private final StatusService status;
    private final ConsoleService console;
    private final OverdueTeardown overdue;
    private final ShapingService shaping;
    private final LibvirtHosts hosts;
    private final Optional<LibvirtSiteStorage> storage;

    private RmsComponents(RmsConfig config, H2Database database, LibvirtHosts hosts, LibvirtComputeDriver compute,
            NodeNetwork network, ShapingService shaping, FaultPoints faults, Clock clock,
            Optional<LibvirtSiteStorage> storage, ImageCatalog images) {
        this.site = config.site();
        this.database = database;
        this.hosts = hosts;
        this.compute = compute;
        this.shaping = shaping;
        this.storage = storage;
        JdbcBookingRepository bookings = new JdbcBookingRepository(database);
        ReservationLocks locks = new ReservationLocks();
        NodeProblems problems = new NodeProblems();
        this.status = new StatusService(bookings, compute, problems);
        this.capacity = new CapacityService(site, bookings, config.leases(), clock, images);
        this.holds = new HoldService(site, bookings, locks, status, config.leases(), clock, faults, images);
        InstanceStorage instances = instanceStorage(config, storage);
        this.lifecycle = new LifecycleService(site.id(), bookings, new SiteMachinery(
                config.hosts().stream().map(HostConfig::name).toList(), compute, instances, network, shaping),
                locks, status, problems, config.guests(), faults);
        this.console = new ConsoleService(site.id(), bookings, instances);
        this.overdue = new OverdueTeardown(bookings, locks, lifecycle, config.leases(), clock);
    }

    public static RmsComponents open(RmsConfig config, Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create site.dataDir " + config.dataDir(), e);
        }
        H2Database database = H2Database.open(config.dataDir());
        try {
            CommandRunner runner = CommandRunner.withDefaultTimeout();
            NodeNetwork network = network(config, runner);
            LibvirtHosts hosts = new LibvirtHosts(hostUris(config));
            RmsComponents components;
            try {
                Optional<LibvirtSiteStorage> storage = StorageWiring.open(config, hosts, runner);
                ImageCatalog images = storage.<ImageCatalog>map(LibvirtSiteStorage::catalog)
                        .orElseGet(() -> new DirectoryImageCatalog(config.imageDir()));
                LibvirtComputeDriver compute = new LibvirtComputeDriver(hosts, config.hosts().stream()
                        .collect(Collectors.toMap(HostConfig::name, HostConfig::virtType)),
                        new DomainXmlWriter(config.guests().tcgCacheMib()));
                components = new RmsComponents(config, database, hosts, compute, network,
                        QosWiring.shaping(config, network, runner), faults(config), clock, storage, images);
            } catch (RuntimeException e) {
                closeQuietly(hosts, e);
                throw e;
            }
            try {
                components.lifecycle.reconcile();
                components.shaping.startRebalancing(config.qosPeriod());
            } catch (RuntimeException e) {
                components.shaping.close();
                components.compute.close();
                closeQuietly(hosts, e);
                throw e;
            }
            return components;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The VMs' own disks: on the hosts' libvirt storage pools when every host is a real libvirt host, else (test
     * driver) a seed directory per VM under {@code dataDir/instances}.
     */
    private static void closeQuietly(LibvirtHosts hosts, RuntimeException failure) {
        try {
            hosts.close();
        } catch (RuntimeException notClosed) {
            failure.addSuppressed(notClosed);
        }
    }

    private static InstanceStorage instanceStorage(RmsConfig config, Optional<LibvirtSiteStorage> storage) {
        return storage.<InstanceStorage>map(LibvirtSiteStorage::instances)
                .orElseGet(() -> new SeedDirectoryInstanceStorage(config.dataDir().resolve("instances")));
    }

    /** {@link FaultPoints#NONE} unless a crash test set {@code site.fault.killAtFile}. */
    private static FaultPoints faults(RmsConfig config) {
        return config.killAtFile().<FaultPoints>map(file -> new KillSwitch(Optional.of(file)))
                .orElse(FaultPoints.NONE);
    }

    /**
     * {@link NodeNetwork#NONE} unless {@code site.dataPlane=emulated}; then every host namespace must exist
     * (the launcher creates them and the site LAN), or the RMS refuses to start and names the missing ones.
     */
    private static NodeNetwork network(RmsConfig config, CommandRunner runner) {
        if (config.emulatedDataPlane().isEmpty()) {
            return NodeNetwork.NONE;
        }
        EmulatedNodeNetwork network = new EmulatedNodeNetwork(config.emulatedDataPlane().get(), runner,
                config.hosts().stream().filter(HostConfig::runsGuests).map(HostConfig::name)
                        .collect(Collectors.toSet()));
        network.requireHostNamespaces();
        return network;
    }

    private static Map<HostName, String> hostUris(RmsConfig config) {
        Path hostsDir = config.dataDir().resolve("hosts");
        TestNodeXmlWriter writer = new TestNodeXmlWriter();
        Map<HostName, String> uris = new LinkedHashMap<>();
        for (HostConfig host : config.hosts()) {
            uris.put(host.name(), host.libvirtUri().orElseGet(() -> writer.write(host.toHost(), hostsDir)));
        }
        return uris;
    }

    public Site site() {
        return site;
    }

    public CapacityService capacity() {
        return capacity;
    }

    public HoldService holds() {
        return holds;
    }

    public LifecycleService lifecycle() {
        return lifecycle;
    }

    public StatusService status() {
        return status;
    }

    /** The end of a node's serial console log. */
    public ConsoleService console() {
        return console;
    }

    public LibvirtComputeDriver compute() {
        return compute;
    }

    /**
     * The VMs' own disks and the image catalog on the hosts' libvirt storage pools; empty unless every host has a
     * real libvirt URI ({@code host.<h>.uri}).
     */
    public Optional<LibvirtSiteStorage> storage() {
        return storage;
    }

    /** The NIC shaping of every host (empty without a data plane). */
    public ShapingService shaping() {
        return shaping;
    }

    /** What the reaper does every run at this site. */
    public List<HoldReaper.Sweep> sweeps() {
        return List.of(new HoldReaper.Sweep("reaper released {0} expired hold(s) at {1}", holds::reapExpiredHolds),
                new HoldReaper.Sweep("reaper tore down {0} booking(s) at {1} that the broker left past their window"
                        + " and grace", overdue::tearDownOverdue));
    }

    /** Tears down bookings the broker left past their window and grace (the reaper runs it). */
    public OverdueTeardown overdue() {
        return overdue;
    }

    /** The SOAP edge over these use cases. */
    public SiteRmsEndpoint endpoint() {
        return new SiteRmsEndpoint(site.id(), capacity, holds, lifecycle, status, console);
    }

    /**
     * Stops re-dividing the host links (ports keep their shaping), closes the compute driver and the site's libvirt
     * connections, then the database; a failure of one does not skip the next.
     */
    @Override
    public void close() {
        try {
            shaping.close();
        } finally {
            try {
                compute.close();
            } finally {
                try {
                    hosts.close();
                } finally {
                    database.close();
                }
            }
        }
    }
}
