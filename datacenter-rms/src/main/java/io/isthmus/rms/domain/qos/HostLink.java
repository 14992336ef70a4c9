package io.isthmus.rms.domain.qos;

import java.util.Objects;

/** The physical link the interfaces of one host share: its bit-rate capacity and its packet-rate limit. */
public record HostLink(Bandwidth capacity, PacketRate packetLimit) {

    public HostLink {
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(packetLimit, "packetLimit");
        if (capacity.kbps() == 0) {
            throw new IllegalArgumentException("host link capacity is 0: give the link's real capacity");
        }
    }

    /** A link limited by bit rate only. */
    public static HostLink of(Bandwidth capacity) {
        return new HostLink(capacity, PacketRate.UNLIMITED);
    }
}
