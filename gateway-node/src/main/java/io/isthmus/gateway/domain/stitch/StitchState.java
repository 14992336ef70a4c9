package io.isthmus.gateway.domain.stitch;

/** Where a reservation's stitches stand at this gateway. */
public enum StitchState {
    /** Prepared (phase one): VNI and VLAN held until the hold expires. */
    HELD,
    /** Committed (phase two): booked, no interface yet. */
    COMMITTED,
    /** Realised: bridge, tunnel and VLAN interfaces exist. */
    STITCHED
}
