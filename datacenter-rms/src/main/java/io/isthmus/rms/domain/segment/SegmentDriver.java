package io.isthmus.rms.domain.segment;

import java.util.Set;

/**
 * Realises segments on one host: one bridge {@code isbr<vni>} per segment, joined to the site gateway by one
 * VXLAN port {@code ishx<vni>} whose single remote is the gateway's site-LAN address. The gateway bridges
 * that to its inter-site tunnels, so a host never sees the WAN or another site's addresses. A driver
 * instance serves one host (its own namespace or an emulated host's namespace).
 *
 * <p>Every operation is idempotent and names everything from the VNI, so a restarted RMS can compare
 * {@link #present()} with its bookings and remove what nothing claims.
 */
public interface SegmentDriver {

    /**
     * Makes the segment's bridge and its uplink exist with the port's addresses and MTU, and up. Nothing else
     * is put on the bridge. When they already match, nothing changes; an uplink with stale addresses is
     * replaced.
     *
     * @throws SegmentException when the host refuses (the message carries the tool's output), when the bridge
     *         carries an interface that is not its own (isolation breach), or the driver cannot run here
     * @throws io.isthmus.rms.domain.site.InvalidRequestException when the port belongs to another host
     */
    void ensure(SegmentPort port);

    /** Removes the segment's uplink and bridge; a segment that is not there is a successful no-op. */
    void remove(Vni vni);

    /** The segments that have a bridge or an uplink on this host now. */
    Set<Vni> present();

    /** Whether this driver can work here; never throws. */
    SegmentProbe probe();
}
