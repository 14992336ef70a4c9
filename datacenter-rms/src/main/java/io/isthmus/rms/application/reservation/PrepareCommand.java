package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.Names;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Phase one of the broker's two-phase commit: hold capacity for these nodes until {@code holdExpires}. */
public record PrepareCommand(ReservationId reservation, TransactionId transaction, String tenant,
        TimeWindow window, Instant holdExpires, List<NodeSpec> nodes) {

    public PrepareCommand {
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(transaction, "transaction");
        Names.require(tenant, "tenant");
        Objects.requireNonNull(window, "window");
        holdExpires = holdExpires.truncatedTo(ChronoUnit.MILLIS);
        nodes = List.copyOf(nodes);
    }
}
