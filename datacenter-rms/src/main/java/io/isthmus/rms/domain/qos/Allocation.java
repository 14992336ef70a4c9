package io.isthmus.rms.domain.qos;

import java.util.Objects;

/**
 * What one interface may send until the next period. {@code rate} is its share of the contended
 * capacity (its guaranteed minimum plus the demand it was granted); {@code ceil} adds the share of
 * capacity nobody asked for, so it can grow before the next period. {@code rate <= ceil <= maximum}.
 */
public record Allocation(VifId id, Bandwidth rate, Bandwidth ceil, PacketRate packetCap) {

    public Allocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(ceil, "ceil");
        Objects.requireNonNull(packetCap, "packetCap");
        if (rate.compareTo(ceil) > 0) {
            throw new IllegalArgumentException("allocation of " + id + " has rate " + rate + " above ceil " + ceil);
        }
    }
}
