package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Realises a stitch as one Linux bridge {@code isbr<vni>} with the tunnel interface and, on the requester side,
 * the trunk's 802.1Q sub-interface {@code isvl<vni>} as its ports. A gateway without a trunk (gateway.trunk unset)
 * delivers the segment untagged on the bridge, where the requester's access port is attached. A site gateway
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

    /** Probes every driver once, now; a gateway without a site leg. */
    public LinuxBridgeDataPlane(IpLinks links, List<TunnelDriver> drivers, Optional<InterfaceName> trunk) {
        this(links, drivers, trunk, Optional.empty());
    }

    /** Probes every driver once, now. */
    public LinuxBridgeDataPlane(IpLinks links, List<TunnelDriver> drivers, Optional<InterfaceName> trunk,
                                Optional<SiteLeg> siteLeg) {
        this.links = links;
        this.siteLeg = siteLeg.map(leg -> new SiteLegLinks(links, leg));
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
        return StitchInterfaces.of(spec, siteLeg.isPresent());
    }

    @Override
    public StitchInterfaces realise(StitchSpec spec) {
        StitchInterfaces names = interfacesOf(spec);
        Iproute2Commands ip = links.commands();
        Deque<InterfaceName> created = new ArrayDeque<>();
        try {
            if (!links.exists(names.bridge())) {
                created.push(names.bridge());
                links.change("create bridge " + names.bridge(), "bridge", ip.addBridge(names.bridge()));
            }
            links.change("bring up bridge " + names.bridge(), "bridge", ip.setUp(names.bridge()));
            if (!links.exists(names.tunnel())) {
                created.push(names.tunnel());
                driver(spec.kind()).create(names.tunnel(), spec);
            }
            attach(names.tunnel(), names.bridge());
            if (names.vlan().isPresent() && trunk.isPresent()) {
                InterfaceName vlan = names.vlan().get();
                if (!links.exists(vlan)) {
                    InterfaceName parent = trunkName(spec);
                    created.push(vlan);
                    links.change("create VLAN interface " + vlan + " on trunk " + parent, "vlan",
                            ip.addVlan(vlan, parent, spec.localVlan().orElseThrow()));
                }
                attach(vlan, names.bridge());
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
        List<InterfaceName> portsFirst = new ArrayList<>(interfacesOf(spec).all());
        Collections.reverse(portsFirst);
        List<InterfaceName> removed = portsFirst.stream().filter(links::delete).toList();
        if (!removed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "gateway {0}: segment {1} VNI {2} unstitched, removed {3}",
                    links.gateway(), spec.segment(), spec.vni(), removed);
        }
    }

    @Override
    public Set<InterfaceName> presentManagedInterfaces() {
        return links.list().stream().filter(StitchInterfaces::isManaged).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void removeInterface(InterfaceName name) {
        if (links.delete(name)) {
            LOG.log(System.Logger.Level.INFO, "gateway {0}: removed interface {1}", links.gateway(), name);
        }
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

    private void attach(InterfaceName port, InterfaceName bridge) {
        Iproute2Commands ip = links.commands();
        links.change("attach " + port + " to bridge " + bridge, "bridge", ip.setMaster(port, bridge));
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
                links.delete(name);
            } catch (UnavailableException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
        }
    }
}
