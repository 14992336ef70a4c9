package io.isthmus.rms.domain.qos;

import java.util.Set;

/** Enforces allocations on host-side ports. Every operation is idempotent. */
public interface QosDriver {

    /**
     * Shapes {@code allocation.id()} to its rate, ceil and packet cap, replacing any earlier shaping.
     *
     * @throws QosException when the port cannot be shaped (the message carries the tool's output)
     */
    PacketCapStatus apply(Allocation allocation);

    /** Removes all shaping from the port; a port that is unshaped or gone is a successful no-op. */
    void remove(VifId port);

    /**
     * Removes what the driver left for ports outside {@code ports} that would outlive them (after a restart, the
     * ports whose contracts are gone); shaping that lives on a port and goes with it is left alone.
     *
     * @throws QosException when leftovers are found but cannot be removed
     */
    void retainOnly(Set<VifId> ports);
}
