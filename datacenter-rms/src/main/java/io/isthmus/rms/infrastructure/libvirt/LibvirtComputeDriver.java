package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.compute.ComputeDriver;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainObservation;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.site.HostName;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * {@link ComputeDriver} on libvirt, on the site's one connection per host ({@link LibvirtHosts}: {@code test://}
 * files for hosts on the test driver, {@code qemu[+ssh]://} for QEMU hosts). A QEMU host's domain type ({@code kvm} or {@code qemu}/TCG) is
 * decided once per host, at its first domain (see {@link VirtTypeProbe}), unless {@code host.<h>.virtType} fixes it.
 * Every domain handle is freed.
 */
public final class LibvirtComputeDriver implements ComputeDriver {

    private static final Logger LOG = System.getLogger(LibvirtComputeDriver.class.getName());

    private final LibvirtHosts hosts;
    private final boolean ownsHosts;
    private final Map<HostName, VirtTypeChoice> choices;
    private final Map<HostName, VirtType> virtTypes = new ConcurrentHashMap<>();
    private final DomainXmlWriter writer;

    /** @param hostUris the libvirt URI of every host of the site; QEMU hosts probe their domain type */
    public LibvirtComputeDriver(Map<HostName, String> hostUris) {
        this(hostUris, Map.of());
    }

    /**
     * @param hostUris the libvirt URI of every host of the site
     * @param choices how a QEMU host's domain type is chosen ({@link VirtTypeChoice#AUTO} when absent)
     */
    public LibvirtComputeDriver(Map<HostName, String> hostUris, Map<HostName, VirtTypeChoice> choices) {
        this(hostUris, choices, new DomainXmlWriter());
    }

    /**
     * @param hostUris the libvirt URI of every host of the site
     * @param choices how a QEMU host's domain type is chosen ({@link VirtTypeChoice#AUTO} when absent)
     * @param writer how the domains are written (the site's guest settings)
     */
    public LibvirtComputeDriver(Map<HostName, String> hostUris, Map<HostName, VirtTypeChoice> choices,
            DomainXmlWriter writer) {
        this(new LibvirtHosts(hostUris), true, choices, writer);
    }

    /**
     * On the site's shared connections, which this driver does not close.
     *
     * @param hosts the site's one libvirt connection per host
     * @param choices how a QEMU host's domain type is chosen ({@link VirtTypeChoice#AUTO} when absent)
     * @param writer how the domains are written (the site's guest settings)
     */
    public LibvirtComputeDriver(LibvirtHosts hosts, Map<HostName, VirtTypeChoice> choices, DomainXmlWriter writer) {
        this(hosts, false, choices, writer);
    }

    private LibvirtComputeDriver(LibvirtHosts hosts, boolean ownsHosts, Map<HostName, VirtTypeChoice> choices,
            DomainXmlWriter writer) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.ownsHosts = ownsHosts;
        this.choices = Map.copyOf(choices);
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Whether {@code host}'s VMs are real guests (QEMU), not test-driver records. */
    public boolean runsGuests(HostName host) {
        return !connection(host).isTestDriver();
    }

    @Override
    public void start(HostName host, DomainSpec spec) {
        LibvirtConnection connection = connection(host);
        Connect connect = connection.get();
        Optional<DomainHandle> existing = lookup(connect, spec.name(), host);
        try (DomainHandle handle = existing.isPresent() ? existing.get() : define(connection, spec, host)) {
            if (handle.domain().isActive() == 0) {
                handle.domain().create();
                LOG.log(Level.INFO, "started domain {0} on host {1}", spec.name(), host);
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot start domain " + spec.name() + " on host " + host, e);
        }
    }

    @Override
    public void awaitReady(HostName host, DomainName name, Duration timeout) {
        GuestReadiness.await(connection(host).get(), host, name, timeout);
    }

    @Override
    public Set<DomainName> domains(HostName host) {
        Connect connect = connection(host).get();
        try {
            Set<String> names = new TreeSet<>(Arrays.asList(connect.listDefinedDomains()));
            for (int id : connect.listDomains()) {
                try (DomainHandle handle = new DomainHandle(connect.domainLookupByID(id))) {
                    names.add(handle.domain().getName());
                } catch (LibvirtException e) {
                    if (!LibvirtErrors.isNoDomain(e)) {
                        throw e;
                    }
                }
            }
            return names.stream().map(DomainName::parse).flatMap(Optional::stream)
                    .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(DomainName::value))));
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot list the domains of host " + host, e);
        }
    }

    /** The domain type {@code host}'s VMs get, deciding it (and logging why) the first time. */
    public String domainType(HostName host) {
        return virtType(host).type().xmlValue();
    }

    @Override
    public void remove(HostName host, DomainName name) {
        Optional<DomainHandle> found = lookup(connection(host).get(), name, host);
        if (found.isEmpty()) {
            return;
        }
        try (DomainHandle handle = found.get()) {
            if (handle.domain().isActive() != 0) {
                handle.domain().destroy();
            }
            handle.domain().undefine();
            LOG.log(Level.INFO, "destroyed and undefined domain {0} on host {1}", name, host);
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot destroy or undefine domain " + name + " on host " + host, e);
        }
    }

    @Override
    public Optional<DomainObservation> inspect(HostName host, DomainName name) {
        Optional<DomainHandle> found = lookup(connection(host).get(), name, host);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (DomainHandle handle = found.get()) {
            DomainXmlReader reader = DomainXmlReader.of(handle.domain().getXMLDesc(0));
            return Optional.of(new DomainObservation(name, DomainStates.of(handle.domain().getInfo().state),
                    reader.macs(), reader.cpuMode(), reader.exposesNestedVirtualization()));
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot read domain " + name + " on host " + host, e);
        }
    }

    /** The domain XML exactly as libvirt holds it ({@code virDomainGetXMLDesc}), or empty when undefined. */
    public Optional<String> definition(HostName host, DomainName name) {
        Optional<DomainHandle> found = lookup(connection(host).get(), name, host);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (DomainHandle handle = found.get()) {
            return Optional.of(handle.domain().getXMLDesc(0));
        } catch (LibvirtException e) {
            throw LibvirtErrors.wrap("cannot read the definition of domain " + name + " on host " + host, e);
        }
    }

    /** Closes the connections when this driver opened them itself; shared ones stay open for their owner. */
    @Override
    public void close() {
        if (ownsHosts) {
            hosts.close();
        }
    }

    private LibvirtConnection connection(HostName host) {
        return hosts.connection(host);
    }

    private DomainHandle define(LibvirtConnection connection, DomainSpec spec, HostName host)
            throws LibvirtException {
        VirtType virt = virtType(host);
        DomainHandle handle = new DomainHandle(connection.get().domainDefineXML(
                writer.write(spec, virt.type(), virt.vendor())));
        LOG.log(Level.INFO, "defined {0} domain {1} on host {2}", virt.type().xmlValue(), spec.name(), host);
        return handle;
    }

    private VirtType virtType(HostName host) {
        LibvirtConnection connection = connection(host);
        if (connection.isTestDriver()) {
            return VirtType.test();
        }
        return virtTypes.computeIfAbsent(host, h -> {
            try {
                return VirtTypeProbe.decide(connection.get(), h, choices.getOrDefault(h, VirtTypeChoice.AUTO));
            } catch (LibvirtException e) {
                throw LibvirtErrors.wrap("cannot decide the domain type of host " + h, e);
            }
        });
    }

    private static Optional<DomainHandle> lookup(Connect connect, DomainName name, HostName host) {
        try {
            return Optional.of(new DomainHandle(connect.domainLookupByName(name.value())));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.wrap("cannot look up domain " + name + " on host " + host, e);
        }
    }
}
