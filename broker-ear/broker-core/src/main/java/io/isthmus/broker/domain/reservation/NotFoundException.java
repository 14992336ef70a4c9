package io.isthmus.broker.domain.reservation;

/** No reservation with that id is visible to the caller. */
public class NotFoundException extends BrokerException {
    public NotFoundException(ReservationId id) {
        super(FaultKind.NOT_FOUND, "no reservation " + id + " (check the id returned by reserve)");
    }
}
