package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;
import java.util.Optional;
import java.util.Set;

/**
 * One tunnel technology: probes whether it works here, creates a stitch's tunnel ports and, where the technology
 * needs more than an interface (openvpn: one process per TAP), starts and stops what serves them.
 */
public interface TunnelDriver {

    TunnelKind kind();

    /** Tries the technology for real (create and delete a throw-away interface) and says whether it works. */
    TunnelKindSupport probe();

    /**
     * Creates the (still down) tunnel port {@code name} of {@code spec}.
     *
     * @throws io.isthmus.gateway.domain.shared.UnavailableException when the kernel or privileges refuse
     */
    void create(InterfaceName name, StitchSpec spec);

    /**
     * Whether the bridge may forward frames from one of a stitch's tunnel ports to another. Per-peer tunnels that
     * form a full mesh must not (split horizon, as VXLAN head-end replication does): their ports are isolated.
     */
    default boolean forwardsBetweenTunnelPorts() {
        return true;
    }

    /**
     * Makes the stitch's tunnel ports carry traffic once they are up on the bridge; idempotent, and on failure it
     * leaves nothing running that this call started. Kernel tunnels need nothing; openvpn needs {@code peering}.
     *
     * @throws io.isthmus.gateway.domain.shared.InvalidRequestException when the peering it needs is missing
     * @throws io.isthmus.gateway.domain.shared.UnavailableException when what serves a port cannot be started
     */
    default void start(StitchSpec spec, Optional<OpenVpnPeering> peering) {
    }

    /** Stops whatever serves tunnel port {@code port} besides its interface; nothing running is fine. */
    default void stop(InterfaceName port) {
    }

    /** Gateway-named tunnel ports something of this driver still serves, whether their interface exists or not. */
    default Set<InterfaceName> servedPorts() {
        return Set.of();
    }
}
