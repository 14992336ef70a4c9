package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import io.isthmus.gateway.domain.tunnel.SiteLeg;
import io.isthmus.gateway.domain.tunnel.StitchDataPlane;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Realises a stitch as one Linux bridge {@code isbr<vni>} with its tunnel ports (openvpn: one isolated TAP per peer,
 * each served by its process) and, on the requester side, the tenant VLAN: the trunk's 802.1Q sub-interface
 * {@code isvl<vni>} where the kernel can tag, else the operator's access port for that VLAN. A site gateway
 * (gateway.siteAddress set) adds its site leg {@code ishv<vni>} towards the site's hosts, hairpin on.
 */
public final class LinuxBridgeDataPlane implements StitchDataPlane {

    private static final System.Logger LOG = System.getLogger(LinuxBridgeDataPlane.class.getName());

    private final IpLinks links;
    private final Map<TunnelKind, TunnelDriver> drivers = new EnumMap<>(TunnelKind.class);
    private final Optional<InterfaceName> trunk;
    private final List<TunnelKindSupport> supported;
    private final Optional<String> trunkVlanProblem;
    private final Optional<SiteLegLinks> siteLeg;
    private final AccessPortLinks accessPorts;
    private final ParallelLinkDeletion deletion;

    /** Probes every driver once, now; a gateway without a site leg or access ports. */
    public LinuxBridgeDataPlane(IpLinks links, List<TunnelDriver> drivers, Optional<InterfaceName> trunk) {
        this(links, drivers, trunk, Optional.empty(), Map.of());
    }

    /** Probes every driver once, now. */
    public LinuxBridgeDataPlane(IpLinks links, List<TunnelDriver> drivers, Optional<InterfaceName> trunk,
                                Optional<SiteLeg> siteLeg, Map<VlanId, InterfaceName> accessPorts) {
        this.links = links;
        this.siteLeg = siteLeg.map(leg -> new SiteLegLinks(links, leg));
        this.accessPorts = new AccessPortLinks(links, accessPorts);
        this.deletion = new ParallelLinkDeletion(links);
        drivers.forEach(d -> this.drivers.put(d.kind(), d));
        this.trunk = trunk;
        this.supported = this.drivers.values().stream().map(TunnelDriver::probe).toList();
        this.trunkVlanProblem = new TrunkVlanProbe(links).problem(trunk);
    }

    @Override
    public Optional<String> trunkVlanProblem() {
        return trunkVlanProblem;
    }

    @Override
    public List<TunnelKindSupport> supportedKinds() {
        return supported;
    }

    @Override
    public StitchInterfaces interfacesOf(StitchSpec spec) {
        boolean fromTrunk = trunk.isPresent() && trunkVlanProblem.isEmpty();
        return StitchInterfaces.of(spec, siteLeg.isPresent(), fromTrunk, spec.localVlan().flatMap(accessPorts::of));
    }

    @Override
    public StitchInterfaces realise(StitchSpec spec, Optional<OpenVpnPeering> peering) {
        StitchInterfaces names = interfacesOf(spec);
        Iproute2Commands ip = links.commands();
        TunnelDriver driver = driver(spec.kind());
        Deque<InterfaceName> created = new ArrayDeque<>();
        try {
            if (!links.exists(names.bridge())) {
                created.push(names.bridge());
                links.change("create bridge " + names.bridge(), "bridge", ip.addBridge(names.bridge()));
            }
            links.change("bring up bridge " + names.bridge(), "bridge", ip.setUp(names.bridge()));
            for (InterfaceName tunnel : names.tunnels()) {
                if (!links.exists(tunnel)) {
                    created.push(tunnel);
                    driver.create(tunnel, spec);
                }
                attach(tunnel, names.bridge(), !driver.forwardsBetweenTunnelPorts());
            }
            driver.start(spec, peering);
            if (names.vlan().isPresent()) {
                realiseVlan(names.vlan().get(), names.bridge(), spec, created);
            }
            if (names.accessPort().isPresent()) {
                accessPorts.attach(names.accessPort().get(), names.bridge());
            }
            if (names.siteLeg().isPresent() && siteLeg.isPresent()) {
                realiseSiteLeg(names.siteLeg().get(), names.bridge(), spec, created);
            }
        } catch (RuntimeException e) {
            rollBack(created, e);
            throw e;
        }
        if (!created.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "gateway {0}: segment {1} VNI {2} stitched ({3} towards {4}), created {5}",
                    links.gateway(), spec.segment(), spec.vni(), spec.kind(), spec.peers(), created);
        }
        return names;
    }

    @Override
    public void remove(StitchSpec spec) {
        removeAll(List.of(spec));
    }

    /**
     * Detaches the access ports and stops the tunnel processes of every stitch first, then deletes all their
     * interfaces at once ({@link ParallelLinkDeletion}): the kernel's wait after each deletion dominates an unstitch.
     * A failure does not keep the other interfaces from being deleted.
     */
    @Override
    public void removeAll(List<StitchSpec> specs) {
        List<InterfaceName> owned = new ArrayList<>();
        for (StitchSpec spec : specs) {
            StitchInterfaces names = interfacesOf(spec);
            names.accessPort().ifPresent(port -> accessPorts.detachFrom(port, names.bridge()));
            names.tunnels().forEach(this::stopServing);
            List<InterfaceName> portsFirst = new ArrayList<>(names.owned());
            Collections.reverse(portsFirst);
            owned.addAll(portsFirst);
        }
        Set<InterfaceName> removed = Set.copyOf(deletion.deleteAll(owned));
        for (StitchSpec spec : specs) {
            List<InterfaceName> ofSpec = interfacesOf(spec).owned().stream().filter(removed::contains).toList();
            if (!ofSpec.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "gateway {0}: segment {1} VNI {2} unstitched, removed {3}",
                        links.gateway(), spec.segment(), spec.vni(), ofSpec);
            }
        }
    }

    @Override
    public Set<InterfaceName> presentManagedInterfaces() {
        Set<InterfaceName> present = new HashSet<>();
        links.list().stream().filter(StitchInterfaces::isManaged).forEach(present::add);
        drivers.values().forEach(d -> present.addAll(d.servedPorts()));
        return Set.copyOf(present);
    }

    @Override
    public void removeInterface(InterfaceName name) {
        if (stopAndDelete(name)) {
            LOG.log(System.Logger.Level.INFO, "gateway {0}: removed interface {1}", links.gateway(), name);
        }
    }

    @Override
    public Set<InterfaceName> attachedAccessPorts() {
        return accessPorts.attached();
    }

    @Override
    public void detachAccessPort(InterfaceName name) {
        accessPorts.detach(name);
    }

    /** Stops whatever serves the interface (an openvpn process), then deletes it; returns whether it existed. */
    private boolean stopAndDelete(InterfaceName name) {
        stopServing(name);
        return links.delete(name);
    }

    /**
     * Asks the driver whose tunnel ports carry the name's prefix ({@code isov} for openvpn) to stop what serves the
     * port; bridges, VLAN interfaces, site legs and kernel tunnels have nothing serving them, so asking every driver
     * about every name would only make the openvpn driver search /proc again and again.
     */
    private void stopServing(InterfaceName name) {
        drivers.values().stream().filter(d -> name.value().startsWith(d.kind().interfacePrefix()))
                .forEach(d -> d.stop(name));
    }

    private void realiseVlan(InterfaceName vlan, InterfaceName bridge, StitchSpec spec, Deque<InterfaceName> created) {
        if (!links.exists(vlan)) {
            InterfaceName parent = trunkName(spec);
            created.push(vlan);
            links.change("create VLAN interface " + vlan + " on trunk " + parent, "vlan",
                    links.commands().addVlan(vlan, parent, spec.localVlan().orElseThrow()));
        }
        attach(vlan, bridge, false);
    }

    private void realiseSiteLeg(InterfaceName name, InterfaceName bridge, StitchSpec spec,
                                Deque<InterfaceName> created) {
        SiteLegLinks leg = siteLeg.orElseThrow();
        if (!links.exists(name)) {
            created.push(name);
            leg.create(name, spec);
        }
        leg.floodToHosts(name);
        links.change("attach " + name + " to bridge " + bridge, "bridge", links.commands().setMaster(name, bridge));
        leg.hairpin(name);
        links.change("bring up " + name, "link", links.commands().setUp(name));
    }

    private void attach(InterfaceName port, InterfaceName bridge, boolean isolated) {
        Iproute2Commands ip = links.commands();
        links.change("attach " + port + " to bridge " + bridge, "bridge", ip.setMaster(port, bridge));
        if (isolated) {
            links.change("isolate bridge port " + port, "bridge", ip.isolate(port));
        }
        links.change("bring up " + port, "link", ip.setUp(port));
    }

    private TunnelDriver driver(TunnelKind kind) {
        TunnelDriver driver = drivers.get(kind);
        if (driver == null) {
            throw new UnavailableException("gateway " + links.gateway() + " has no driver for tunnel kind " + kind);
        }
        return driver;
    }

    private InterfaceName trunkName(StitchSpec spec) {
        return trunk.orElseThrow(() -> new InvalidRequestException("segment " + spec.segment()
                + " asks for VLAN " + spec.localVlan().orElseThrow() + " but gateway " + links.gateway()
                + " has no trunk (gateway.trunk)"));
    }

    private void rollBack(Deque<InterfaceName> created, RuntimeException failure) {
        while (!created.isEmpty()) {
            InterfaceName name = created.pop();
            try {
                stopAndDelete(name);
            } catch (UnavailableException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
        }
    }
}
