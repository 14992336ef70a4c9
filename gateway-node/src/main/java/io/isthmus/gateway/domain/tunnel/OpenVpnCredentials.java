package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.Vni;

/** The key pair and self-signed certificate each openvpn stitch gets for itself alone. */
public interface OpenVpnCredentials {

    /**
     * Generates a fresh key and certificate for the openvpn stitch of {@code vni} in {@code reservation}, replacing
     * any left from before, and returns the certificate's fingerprint. A failure leaves no file behind.
     *
     * @throws io.isthmus.gateway.domain.shared.UnavailableException when they cannot be generated or stored
     */
    CertFingerprint issue(ReservationId reservation, Vni vni);

    /** Deletes the stitch's key material; none is fine. */
    void revoke(ReservationId reservation, Vni vni);
}
