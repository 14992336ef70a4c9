package io.isthmus.gateway.infrastructure.persistence;

import io.isthmus.gateway.testsupport.TestWindows;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The child JVM of {@link H2DurabilityTest}: opens the gateway database in {@code args[0]}, stores a committed
 * booking of reservation {@code args[1]}, prints {@code stored <id>} once the save returned, and then waits to be
 * killed (it never closes the database).
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        H2BookingRepository repo = H2BookingRepository.open(Path.of(args[0]));
        ReservationId id = new ReservationId(args[1]);
        repo.save(booking(id));
        System.out.println("stored " + id);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static Booking booking(ReservationId id) {
        return Booking.held(id, new TransactionId(UUID.nameUUIDFromBytes(id.value().getBytes()).toString()), TestWindows.LONG,
                Instant.parse("2030-01-01T00:00:00Z"), List.of(new StitchSpec(new SegmentName("lan"), new Vni(5001),
                        TunnelKind.VXLAN, Optional.empty(), List.of(new Ipv4Address("198.51.100.2")))))
                .in(StitchState.COMMITTED, new TransactionId(UUID.nameUUIDFromBytes(id.value().getBytes()).toString()));
    }
}
