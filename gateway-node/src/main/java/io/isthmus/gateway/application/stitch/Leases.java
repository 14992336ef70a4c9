package io.isthmus.gateway.application.stitch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long the gateway trusts the broker to come back: a hold lasts at most {@code maxHold} from the prepare
 * ({@code gateway.hold.maxSeconds}), and a committed or stitched booking ends {@code teardownGrace} after its window
 * ({@code gateway.teardown.graceSeconds}); the grace also separates two bookings of one VLAN.
 */
public record Leases(Duration maxHold, Duration teardownGrace) {

    /** 600 s of hold at most, 60 s of grace. */
    public static final Leases DEFAULT = new Leases(Duration.ofSeconds(600), Duration.ofSeconds(60));

    public Leases {
        Objects.requireNonNull(maxHold, "maxHold");
        Objects.requireNonNull(teardownGrace, "teardownGrace");
        if (maxHold.isNegative() || maxHold.isZero() || teardownGrace.isNegative()) {
            throw new IllegalArgumentException("a hold must last more than 0 s and the grace must not be negative,"
                    + " got " + maxHold.toSeconds() + " s and " + teardownGrace.toSeconds() + " s");
        }
    }

    /** The hold granted for a requested {@code holdExpires} at {@code now}: at most {@code now + maxHold}. */
    public Instant cap(Instant holdExpires, Instant now) {
        Instant latest = now.plus(maxHold);
        return holdExpires.isAfter(latest) ? latest : holdExpires;
    }
}
