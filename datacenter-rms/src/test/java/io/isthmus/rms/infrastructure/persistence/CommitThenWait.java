package io.isthmus.rms.infrastructure.persistence;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.HostName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Child process of {@link CommitDurabilityTest}: opens the database in {@code args[0]}, stores a hold for
 * reservation {@code args[1]} (transaction {@code args[2]}), commits it the way the RMS does, prints
 * {@code committed <id>} as the RMS would answer the broker, then waits to be killed.
 */
public final class CommitThenWait {

    private CommitThenWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        H2Database database = H2Database.open(Path.of(args[0]));
        JdbcBookingRepository bookings = new JdbcBookingRepository(database);
        Instant now = Instant.now();
        NodeSpec node = new NodeSpec(new NodeName("vm-1"), 2, 2048, 20, new ImageRef("debian-12"), false,
                Optional.empty(), List.of());
        Booking held = new Booking(new ReservationId(args[1]), new TransactionId(args[2]), "acme",
                new TimeWindow(now, now.plus(Duration.ofHours(1))), Optional.of(now.plus(Duration.ofMinutes(2))),
                BookingState.HELD, List.of(new PlacedNode(node, new HostName("a1"))));
        bookings.insert(held);
        bookings.update(held.committed());
        System.out.println("committed " + args[1]);
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
}
