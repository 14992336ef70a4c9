package io.isthmus.rms.domain.qos;

import java.util.Objects;

/**
 * The SLA of one VM interface (DBA-VM): its priority class, the minimum bandwidth it is guaranteed, the
 * maximum it may ever use, and the packet rate it may send ({@link PacketRate#UNLIMITED} for none).
 */
public record QosContract(VifId id, PriorityClass priority, Bandwidth minimum, Bandwidth maximum,
        PacketRate packetCap) {

    public QosContract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(maximum, "maximum");
        Objects.requireNonNull(packetCap, "packetCap");
        if (maximum.kbps() == 0) {
            throw new IllegalArgumentException("interface " + id + " has a maximum of 0: give it a positive maximum"
                    + " bandwidth, or drop its contract to stop shaping it");
        }
        if (minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("interface " + id + " has minimum " + minimum + " above maximum "
                    + maximum + ": lower the minimum or raise the maximum");
        }
    }

    /** A contract with no packet-rate cap. */
    public static QosContract of(VifId id, int priority, Bandwidth minimum, Bandwidth maximum) {
        return new QosContract(id, new PriorityClass(priority), minimum, maximum, PacketRate.UNLIMITED);
    }
}
