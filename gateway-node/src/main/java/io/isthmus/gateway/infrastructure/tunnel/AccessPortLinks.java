package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's access ports ({@code gateway.accessPorts}): existing interfaces that each carry one tenant VLAN
 * untagged, for gateways whose kernel cannot tag. They are attached to a segment bridge while stitched and detached
 * after, never created or deleted: they are not the gateway's.
 */
final class AccessPortLinks {

    private static final System.Logger LOG = System.getLogger(AccessPortLinks.class.getName());

    private final IpLinks links;
    private final Map<VlanId, InterfaceName> ports;

    AccessPortLinks(IpLinks links, Map<VlanId, InterfaceName> ports) {
        this.links = links;
        this.ports = Map.copyOf(ports);
    }

    Optional<InterfaceName> of(VlanId vlan) {
        return Optional.ofNullable(ports.get(vlan));
    }

    /** Makes the access port a port of {@code bridge}, up; refuses one missing or on a bridge not the gateway's. */
    void attach(InterfaceName port, InterfaceName bridge) {
        if (!links.exists(port)) {
            throw new UnavailableException("gateway " + links.gateway() + " has no interface " + port + where()
                    + ", the access port gateway.accessPorts names: create it or fix gateway.accessPorts");
        }
        Optional<InterfaceName> master = links.master(port);
        if (master.isPresent() && !master.get().equals(bridge) && !StitchInterfaces.isManaged(master.get())) {
            throw new UnavailableException("access port " + port + " of gateway " + links.gateway() + " is a port of "
                    + master.get() + ", which is not the gateway's: take it out (ip link set dev " + port
                    + " nomaster) or fix gateway.accessPorts");
        }
        Iproute2Commands ip = links.commands();
        links.change("attach access port " + port + " to bridge " + bridge, "bridge", ip.setMaster(port, bridge));
        links.change("bring up access port " + port, "link", ip.setUp(port));
    }

    /** Takes the access port out of {@code bridge} if it is a port of it; the interface stays. */
    void detachFrom(InterfaceName port, InterfaceName bridge) {
        if (links.master(port).filter(bridge::equals).isPresent()) {
            detach(port);
        }
    }

    void detach(InterfaceName port) {
        links.change("detach access port " + port, "bridge", links.commands().setNoMaster(port));
        LOG.log(System.Logger.Level.INFO, "gateway {0}: access port {1} detached", links.gateway(), port);
    }

    /** The configured access ports that are ports of a gateway bridge now. */
    Set<InterfaceName> attached() {
        return ports.values().stream()
                .filter(p -> links.master(p).filter(StitchInterfaces::isManaged).isPresent())
                .collect(Collectors.toUnmodifiableSet());
    }

    private String where() {
        return links.commands().netns().map(ns -> " in network namespace " + ns).orElse("");
    }
}
