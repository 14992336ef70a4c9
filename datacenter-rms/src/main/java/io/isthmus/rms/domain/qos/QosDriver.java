package io.isthmus.rms.domain.qos;

/** Enforces allocations on host-side ports. Both operations are idempotent. */
public interface QosDriver {

    /**
     * Shapes {@code allocation.id()} to its rate, ceil and packet cap, replacing any earlier shaping.
     *
     * @throws QosException when the port cannot be shaped (the message carries the tool's output)
     */
    PacketCapStatus apply(Allocation allocation);

    /** Removes all shaping from the port; a port that is unshaped or gone is a successful no-op. */
    void remove(VifId port);
}
