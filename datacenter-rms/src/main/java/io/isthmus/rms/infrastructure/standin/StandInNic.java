package io.isthmus.rms.infrastructure.standin;

import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Objects;
import java.util.Optional;

/**
 * One NIC of an L1 VM as its stand-in carries it: its index in the domain (0..99, the order of the domain's
 * interfaces), the segment it is plugged into, the broker's MAC, the tenant's IPv4 address if known, and the
 * segment's MTU.
 */
public record StandInNic(int index, Vni vni, MacAddress mac, Optional<Ipv4Interface> ipv4, int mtu) {

    public static final int MAX_INDEX = 99;

    public StandInNic {
        requireIndex(index);
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ipv4, "ipv4");
        if (mtu < SegmentPort.MIN_MTU || mtu > SegmentPort.MAX_MTU) {
            throw new InvalidRequestException("mtu", "NIC " + index + " MTU " + mtu + " is out of range: use "
                    + SegmentPort.MIN_MTU + ".." + SegmentPort.MAX_MTU + ", the MTU of its segment");
        }
    }

    /** A NIC on a segment with the default MTU. */
    public static StandInNic of(int index, Vni vni, MacAddress mac, Optional<Ipv4Interface> ipv4) {
        return new StandInNic(index, vni, mac, ipv4, SegmentPort.DEFAULT_MTU);
    }

    static int requireIndex(int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new InvalidRequestException("nic", "NIC index " + index + " is out of range: use 0.." + MAX_INDEX);
        }
        return index;
    }
}
