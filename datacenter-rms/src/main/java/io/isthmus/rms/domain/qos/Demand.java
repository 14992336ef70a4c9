package io.isthmus.rms.domain.qos;

import java.util.Objects;

/** What one interface tried to send during the last period: bit rate and packet rate (offered, not carried). */
public record Demand(Bandwidth bandwidth, PacketRate packets) {

    public static final Demand IDLE = new Demand(Bandwidth.ZERO, PacketRate.ZERO);

    public Demand {
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(packets, "packets");
        if (!packets.isLimited()) {
            throw new IllegalArgumentException("a measured packet rate must be a number of pkt/s, not unlimited");
        }
    }

    public static Demand of(Bandwidth bandwidth, long packetsPerSecond) {
        return new Demand(bandwidth, PacketRate.of(packetsPerSecond));
    }
}
