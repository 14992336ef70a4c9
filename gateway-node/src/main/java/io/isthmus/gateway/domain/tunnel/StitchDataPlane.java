package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where stitches become interfaces: creates, checks and removes them. */
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

    /**
     * Creates whatever of the stitch's interfaces is missing and brings them up; idempotent. When a step fails,
     * removes what this call created and throws.
     */
    StitchInterfaces realise(StitchSpec spec);

    /** Removes the stitch's interfaces; absent ones are fine. */
    void remove(StitchSpec spec);

    /** Interfaces with a name this gateway owns ({@link StitchInterfaces#isManaged}) that exist now. */
    Set<InterfaceName> presentManagedInterfaces();

    /** Removes one interface if it exists. */
    void removeInterface(InterfaceName name);
}
