package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.stitch.StitchSpec;

/** One tunnel technology: probes whether it works here and creates the tunnel interface of a stitch. */
public interface TunnelDriver {

    TunnelKind kind();

    /** Tries the technology for real (create and delete a throw-away interface) and says whether it works. */
    TunnelKindSupport probe();

    /**
     * Creates the (still down) tunnel interface {@code name} for {@code spec}, reaching every peer.
     *
     * @throws io.isthmus.gateway.domain.shared.UnavailableException when the kernel or privileges refuse
     */
    void create(InterfaceName name, StitchSpec spec);
}
