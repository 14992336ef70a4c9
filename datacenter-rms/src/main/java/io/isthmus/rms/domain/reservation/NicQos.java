package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.PriorityClass;
import io.isthmus.rms.domain.qos.QosContract;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The bandwidth contract of one NIC as the broker sends it (site contract {@code NicQos}): priority
 * {@code 0} (highest) to {@code 7} (lowest), a guaranteed minimum, an optional maximum (absent: whatever the
 * host link has spare) and an optional packet-rate cap. Note the contract counts priority the other way
 * round from the allocator's {@link PriorityClass} (7 = most important); {@link #priorityClass()} converts.
 */
public record NicQos(int priority, int minMbps, OptionalInt maxMbps, OptionalInt maxPacketsPerSecond) {

    public static final int HIGHEST_PRIORITY = 0;
    public static final int LOWEST_PRIORITY = 7;

    public NicQos {
        Objects.requireNonNull(maxMbps, "maxMbps");
        Objects.requireNonNull(maxPacketsPerSecond, "maxPacketsPerSecond");
        if (priority < HIGHEST_PRIORITY || priority > LOWEST_PRIORITY) {
            throw new InvalidRequestException("nic.qos.priority", "qos priority " + priority + " is out of range:"
                    + " use 0 (highest) to 7 (lowest)");
        }
        if (minMbps < 0) {
            throw new InvalidRequestException("nic.qos.minMbps", "qos minMbps " + minMbps + " is negative: use 0"
                    + " for no guarantee or the guaranteed bandwidth in Mbit/s");
        }
        int smallestMax = Math.max(1, minMbps);
        if (maxMbps.isPresent() && maxMbps.getAsInt() < smallestMax) {
            throw new InvalidRequestException("nic.qos.maxMbps", "qos maxMbps " + maxMbps.getAsInt()
                    + " is below " + (minMbps >= 1 ? "minMbps " + minMbps : "1") + ": give maxMbps at least "
                    + smallestMax + ", or leave it out to cap the NIC only by the host link");
        }
        if (maxPacketsPerSecond.isPresent() && maxPacketsPerSecond.getAsInt() < 1) {
            throw new InvalidRequestException("nic.qos.maxPacketsPerSecond", "qos maxPacketsPerSecond "
                    + maxPacketsPerSecond.getAsInt() + " caps the NIC at no packets: give at least 1, or leave it"
                    + " out for no packet-rate cap");
        }
    }

    /** The allocator's class for this priority: contract priority 0 (highest) is class 7 (most important). */
    public PriorityClass priorityClass() {
        return new PriorityClass(PriorityClass.HIGHEST - priority);
    }

    /**
     * The allocator's contract for the port carrying this NIC on a host whose link has {@code linkCapacity}.
     * Without {@code maxMbps} the maximum is the link (or the minimum, should that be larger).
     */
    public QosContract contractFor(VifId port, Bandwidth linkCapacity) {
        Bandwidth minimum = Bandwidth.ofMbps(minMbps);
        Bandwidth maximum = maxMbps.isPresent() ? Bandwidth.ofMbps(maxMbps.getAsInt())
                : linkCapacity.compareTo(minimum) >= 0 ? linkCapacity : minimum;
        PacketRate packets = maxPacketsPerSecond.isPresent() ? PacketRate.of(maxPacketsPerSecond.getAsInt())
                : PacketRate.UNLIMITED;
        return new QosContract(port, priorityClass(), minimum, maximum, packets);
    }

    @Override
    public String toString() {
        return "priority " + priority + ", min " + minMbps + " Mbit/s, max "
                + (maxMbps.isPresent() ? maxMbps.getAsInt() + " Mbit/s" : "the host link")
                + (maxPacketsPerSecond.isPresent() ? ", at most " + maxPacketsPerSecond.getAsInt() + " pkt/s" : "");
    }
}
