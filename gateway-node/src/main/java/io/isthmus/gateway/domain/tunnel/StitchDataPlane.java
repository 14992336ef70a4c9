package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where stitches become interfaces (and, for openvpn, processes): creates, checks and removes them. */
public interface StitchDataPlane {

    /** The tunnel kinds probed at start-up. */
    List<TunnelKindSupport> supportedKinds();

    /**
     * Why tenant VLANs cannot be bridged from the trunk here (no trunk configured, or the kernel has no 802.1Q
     * support), as probed at start-up; empty when they can.
     */
    Optional<String> trunkVlanProblem();

    /** The names of the interfaces that realise {@code spec} here (whether they exist or not). */
    StitchInterfaces interfacesOf(StitchSpec spec);

    /** {@link #realise(StitchSpec, Optional)} for a stitch that needs no peering (vxlan, gretap). */
    default StitchInterfaces realise(StitchSpec spec) {
        return realise(spec, Optional.empty());
    }

    /**
     * Creates whatever of the stitch is missing (interfaces, openvpn processes from {@code peering}) and brings it
     * up; idempotent. When a step fails, removes what this call created and throws.
     */
    StitchInterfaces realise(StitchSpec spec, Optional<OpenVpnPeering> peering);

    /** Removes the stitch: stops its tunnel processes, deletes its interfaces, detaches its access port. */
    void remove(StitchSpec spec);

    /**
     * Removes several stitches (those of one reservation) as {@link #remove} does each; an implementation may delete
     * their interfaces together, and tries all of them even when one fails.
     */
    default void removeAll(List<StitchSpec> specs) {
        specs.forEach(this::remove);
    }

    /**
     * Interfaces with a name this gateway owns ({@link StitchInterfaces#isManaged}) that exist now, and the TAPs a
     * tunnel process of this gateway still serves.
     */
    Set<InterfaceName> presentManagedInterfaces();

    /** Removes one managed interface (stopping what serves it) if it exists. */
    void removeInterface(InterfaceName name);

    /** Configured access ports ({@code gateway.accessPorts}) that are ports of a gateway bridge now. */
    Set<InterfaceName> attachedAccessPorts();

    /** Detaches an access port from its bridge; the interface itself stays, it is not the gateway's. */
    void detachAccessPort(InterfaceName name);
}
